import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../shell/App';
import { createTestHost } from '../test-host';

/** Clicks into a field and pastes the text: one change instead of a re-render per key. */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

/** Shift+1: the new step may land beyond the view; zoom to fit brings every task into it. */
async function zoomToFit(user: ReturnType<typeof userEvent.setup>) {
  await user.keyboard('{Shift>}!{/Shift}');
}

async function renderApp() {
  const host = createTestHost();
  const user = userEvent.setup();
  render(<App host={host} exampleId="classic" />);
  await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
  return { user };
}

describe('step dialogs', { timeout: 60_000 }, () => {
  it('builds a step from a container image with typed ports and a command of text and placeholders', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New image step' }));
    const dialog = screen.getByRole('dialog', { name: 'New step from a container image' });
    // Without an image or a command the step is refused with reasons.
    await user.click(within(dialog).getByRole('button', { name: 'Add step' }));
    const problems = within(dialog).getByRole('alert', { name: 'Step problems' });
    expect(problems.textContent).toMatch(/container image/);
    expect(problems.textContent).toMatch(/at least one command item/);

    await fill(user, within(dialog).getByRole('textbox', { name: 'Container image' }), 'busybox:1.36');
    await user.click(within(dialog).getByRole('button', { name: 'Add input' }));
    await fill(user, within(dialog).getByRole('textbox', { name: 'Input 1 name' }), 'greeting');
    await user.click(within(dialog).getByRole('button', { name: 'Add output' }));
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Output 1 type' }), 'system.Markdown');
    // The placeholder list offers exactly the declared ports.
    const choices = within(within(dialog).getByRole('combobox', { name: 'Add placeholder to command' }))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(choices.slice(1)).toEqual(['value of input greeting', 'path of output output_1']);
    await user.type(within(dialog).getByRole('textbox', { name: 'Command text' }), 'echo{Enter}');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Add placeholder to command' }), 'value of input greeting');
    expect(within(within(dialog).getByRole('list', { name: 'Command items' })).getAllByRole('listitem').map((li) => li.querySelector('.kfs-arg-text')?.textContent)).toEqual(['echo', '{value of input greeting}']);
    await user.click(within(dialog).getByRole('button', { name: 'Add step' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    await zoomToFit(user);
    await screen.findByRole('group', { name: 'My step' });
    expect(screen.getByRole('button', { name: 'My step input greeting' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'My step output output_1' }).getAttribute('title')).toMatch(/Markdown/);
    // Its missing input is a problem, like any step's; Undo takes the whole step away.
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Problems' })).getByText(/task my-step, port greeting/)).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'My step' })).toBeNull());
  });

  it('builds a script step on a base image, and edits it later from the inspector', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New script step' }));
    let dialog = screen.getByRole('dialog', { name: 'New step from a script' });
    expect((within(dialog).getByRole('textbox', { name: 'Base image' }) as HTMLInputElement).value).toBe('python:3.11-slim');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Language' }), 'shell');
    expect((within(dialog).getByRole('textbox', { name: 'Base image' }) as HTMLInputElement).value).toMatch(/^alpine/);
    expect(within(dialog).queryByRole('textbox', { name: 'Packages' })).toBeNull();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Language' }), 'python');
    await fill(user, within(dialog).getByRole('textbox', { name: 'Packages' }), 'pandas');
    await user.click(within(dialog).getByRole('button', { name: 'Add step' }));
    await zoomToFit(user);
    await screen.findByRole('group', { name: 'My script' });

    const properties = screen.getByRole('region', { name: 'Properties' });
    expect(within(properties).getByText(/image python:3\.11-slim/)).toBeTruthy();
    await user.click(within(properties).getByRole('button', { name: 'Edit step' }));
    dialog = screen.getByRole('dialog', { name: 'Edit step My script' });
    expect((within(dialog).getByRole('textbox', { name: 'Packages' }) as HTMLInputElement).value).toBe('pandas');
    await fill(user, within(dialog).getByRole('textbox', { name: 'Base image' }), 'python:3.12-slim');
    await user.click(within(dialog).getByRole('button', { name: 'Add output' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save step' }));
    await waitFor(() => expect(within(properties).getByText(/image python:3\.12-slim/)).toBeTruthy());
    expect(screen.getByRole('button', { name: 'My script output output_1' })).toBeTruthy();
  });

  it('closes with Escape or Cancel without changing the pipeline', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'New image step' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
