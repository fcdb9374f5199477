import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { bundledExample, createTestHost } from '../test-host';

async function renderApp() {
  const host = createTestHost();
  const user = userEvent.setup();
  render(<App host={host} exampleId="classic" />);
  await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
  await within(screen.getByRole('region', { name: 'Components' })).findByRole('option', { name: 'Preprocess' });
  return { host, user };
}

describe('the editor shell', () => {
  it('shows the named regions, toolbar buttons and the classic example at start', async () => {
    await renderApp();
    for (const name of ['Components', 'Pipeline canvas', 'Properties', 'Problems', 'Parameters']) expect(screen.getByRole('region', { name })).toBeTruthy();
    for (const name of ['New', 'Open', 'Save', 'Undo', 'Redo', 'Auto layout', 'Validate', 'Compile', 'Run']) expect(screen.getByRole('button', { name })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Compile' }) as HTMLButtonElement).disabled).toBe(false);
    const example = bundledExample('classic');
    for (const task of Object.values(example.graph.tasks)) expect(screen.getByRole('group', { name: task.displayName ?? task.id })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Train input train_data' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Train output model' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Problems' })).getByText(/no problems/i)).toBeTruthy();
  });

  it('filters the palette by search words and keywords', async () => {
    const { user } = await renderApp();
    const palette = screen.getByRole('region', { name: 'Components' });
    await user.type(within(palette).getByRole('searchbox', { name: 'Search components' }), 'parquet');
    expect(within(palette).getAllByRole('option').map((o) => o.getAttribute('aria-label'))).toEqual(['CSV to Parquet']);
    await user.clear(within(palette).getByRole('searchbox', { name: 'Search components' }));
    await user.type(within(palette).getByRole('searchbox', { name: 'Search components' }), 'sql');
    expect(within(palette).getAllByRole('option').map((o) => o.getAttribute('aria-label'))).toEqual(['BigQuery query to GCS']);
  });

  it('adds the focused palette component with Enter, lists its missing inputs, and reveals it from Problems', async () => {
    const { user } = await renderApp();
    const option = within(screen.getByRole('region', { name: 'Components' })).getByRole('option', { name: 'Preprocess' });
    option.focus();
    await user.keyboard('{Enter}');
    const added = await screen.findByRole('group', { name: 'Preprocess 2' });
    expect(added).toBeTruthy();
    const problems = screen.getByRole('region', { name: 'Problems' });
    const missing = within(problems).getAllByRole('button').filter((b) => /KFS201/.test(b.textContent ?? '') && /preprocess-2/.test(b.textContent ?? ''));
    expect(missing.length).toBeGreaterThan(0);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Preprocess 2' })).toBeNull());
  });

  it('selects the task a problem is about when the problem is clicked', async () => {
    const { user } = await renderApp();
    within(screen.getByRole('region', { name: 'Components' })).getByRole('option', { name: 'Train scikit-learn classifier' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('group', { name: 'Train scikit-learn classifier' });
    // Select another task first, so only the click on the problem can bring the new one back.
    fireEvent.click(screen.getByRole('group', { name: 'Query' }));
    await within(screen.getByRole('region', { name: 'Properties' })).findByRole('heading', { name: 'Query' });
    const problem = within(screen.getByRole('region', { name: 'Problems' }))
      .getAllByRole('button')
      .find((b) => /KFS201/.test(b.textContent ?? '') && /task train-sklearn/.test(b.textContent ?? ''));
    expect(problem).toBeTruthy();
    await user.click(problem as HTMLElement);
    const properties = screen.getByRole('region', { name: 'Properties' });
    expect(within(properties).getByRole('heading', { name: 'Train scikit-learn classifier' })).toBeTruthy();
  });

  it('wires an input from the inspector source picker, offering only compatible outputs', async () => {
    const { user } = await renderApp();
    within(screen.getByRole('region', { name: 'Components' })).getByRole('option', { name: 'Evaluate classifier' }).focus();
    await user.keyboard('{Enter}');
    const picker = await screen.findByRole('combobox', { name: 'Evaluate classifier input model source' });
    const choices = within(picker).getAllByRole('option').map((o) => o.textContent);
    expect(choices).toContain('Train → model');
    expect(choices).not.toContain('Preprocess → train_data');
    await user.selectOptions(picker, 'Train → model');
    const problems = () => within(screen.getByRole('region', { name: 'Problems' })).queryAllByRole('button').map((b) => b.textContent ?? '');
    await waitFor(() => expect(problems().some((t) => /KFS201/.test(t) && /task evaluate-sklearn/.test(t) && /port model/.test(t))).toBe(false));
    expect(problems().some((t) => /KFS201/.test(t) && /task evaluate-sklearn/.test(t))).toBe(true);
  });

  it('adds, edits and removes pipeline parameters, with undo and redo', async () => {
    const { user } = await renderApp();
    const panel = screen.getByRole('region', { name: 'Parameters' });
    const before = within(panel).getAllByRole('listitem').length;
    await user.click(within(panel).getByRole('button', { name: 'Add parameter' }));
    expect(within(panel).getAllByRole('listitem')).toHaveLength(before + 1);
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Type of parameter param_1' }), 'NUMBER_INTEGER');
    const value = within(panel).getByRole('textbox', { name: 'Default of parameter param_1' });
    await user.type(value, 'abc');
    await user.tab();
    expect(within(panel).getByRole('alert').textContent).toMatch(/whole number/);
    await user.clear(within(panel).getByRole('textbox', { name: 'Default of parameter param_1' }));
    await user.type(within(panel).getByRole('textbox', { name: 'Default of parameter param_1' }), '12');
    await user.tab();
    expect((within(panel).getByRole('textbox', { name: 'Default of parameter param_1' }) as HTMLInputElement).value).toBe('12');
    await user.click(within(panel).getByRole('button', { name: 'Remove parameter param_1' }));
    expect(within(panel).getAllByRole('listitem')).toHaveLength(before);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(within(panel).getByRole('textbox', { name: 'Default of parameter param_1' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(within(panel).queryByRole('textbox', { name: 'Default of parameter param_1' })).toBeNull();
  });

  it('deletes the selected task with the Delete key and saves through the host', async () => {
    const { user, host } = await renderApp();
    // A plain click: jsdom's mouse events carry no view, which d3-drag needs for a press.
    fireEvent.click(screen.getByRole('group', { name: 'Test' }));
    await within(screen.getByRole('region', { name: 'Properties' })).findByRole('heading', { name: 'Test' });
    await user.keyboard('{Delete}');
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Test' })).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Save As' })).getByRole('button', { name: 'Save in data folder' }));
    await waitFor(() => expect(host.saved.size).toBe(1));
    const [[path, text]] = [...host.saved.entries()] as [[string, string]];
    expect(path).toBe('classic-pipeline.pipeline.json');
    expect(Object.keys((JSON.parse(text) as { graph: { tasks: object } }).graph.tasks)).not.toContain('test');
  });
});

describe('the runs view over the editor', () => {
  it('takes the editor out of reach of the keyboard and screen readers while it covers it, and gives it back', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Runs' }));
    await screen.findByRole('main', { name: 'Runs view' });
    expect(screen.queryByRole('button', { name: 'Compile' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Train' })).toBeNull();
    expect(document.querySelector('.kfs-app')?.hasAttribute('inert')).toBe(true);
    await user.click(screen.getByRole('button', { name: '← Editor' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Compile' })).toBeTruthy());
    expect(screen.getByRole('group', { name: 'Train' })).toBeTruthy();
  });
});
