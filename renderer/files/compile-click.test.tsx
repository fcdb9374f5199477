// The Compile click, from the toolbar to the downloaded bytes, validates the document once: the store's diagnostics
// (already computed for Problems and the canvas) decide whether Compile is blocked and are handed to the build path.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as validation from '../../shared/validate/validate';
import { App } from '../shell/App';
import { createTestHost } from '../test-host';

const validateCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../shared/validate/validate', async (original) => {
  const actual = await original<typeof validation>();
  return { ...actual, validate: (...args: Parameters<typeof actual.validate>) => (validateCalls.count++, actual.validate(...args)) };
});

afterEach(() => vi.restoreAllMocks());

describe('the Compile click', () => {
  it('validates the document once, from the click to the downloaded archive', async () => {
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:compiled');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    const user = userEvent.setup();
    render(<App host={createTestHost()} exampleId="classic" />);
    await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
    const before = validateCalls.count;
    await user.click(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Compile' }));
    const dialog = screen.getByRole('dialog', { name: 'Compile pipeline' });
    await user.click(within(dialog).getByRole('button', { name: 'Compile and download' }));
    await waitFor(() => expect(created).toHaveBeenCalledOnce());
    expect(screen.getAllByRole('status').map((s) => s.textContent).join('\n')).toMatch(/Compiled \d+ tasks to classic-pipeline\.tar\.gz/);
    // The document did not change since it was loaded and drawn: its diagnostics were already in the store.
    expect(validateCalls.count - before).toBe(0);
  });
});
