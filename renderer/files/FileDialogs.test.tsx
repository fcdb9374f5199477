import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { writePipelineArchive } from '../../shared/archive';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { App } from '../shell/App';
import { bundledExample, createTestHost } from '../test-host';
import { OPEN_INPUT_ID } from './files-ui';

async function renderApp() {
  const host = createTestHost();
  const user = userEvent.setup();
  render(<App host={host} exampleId="classic" />);
  await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
  return { host, user };
}

const toolbarButton = (name: string) => within(screen.getByRole('toolbar')).getByRole('button', { name });
const statusText = () => screen.getAllByRole('status').map((s) => s.textContent ?? '').join('\n');
const openInput = () => document.getElementById(OPEN_INPUT_ID) as HTMLInputElement;

describe('file actions', () => {
  it('asks before New discards unsaved changes; Cancel keeps them, Discard starts empty', async () => {
    const { user } = await renderApp();
    await user.click(toolbarButton('New'));
    // The example was just loaded, unchanged: New needs no question.
    await waitFor(() => expect(screen.queryByRole('group', { name: 'Train' })).toBeNull());
    await user.click(toolbarButton('Open'));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await user.click(within(screen.getByRole('region', { name: 'Parameters' })).getByRole('button', { name: 'Add parameter' }));
    await user.click(toolbarButton('New'));
    const ask = screen.getByRole('alertdialog', { name: 'Discard unsaved changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(within(screen.getByRole('region', { name: 'Parameters' })).getAllByRole('listitem')).toHaveLength(1);
    await user.click(toolbarButton('New'));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }));
    expect(within(screen.getByRole('region', { name: 'Parameters' })).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('opens a compiled archive through the Open input and shows its tasks', async () => {
    const { user } = await renderApp();
    await user.click(toolbarButton('New'));
    const bytes = writePipelineArchive(irToYaml(compileToIr(bundledExample('classic'))), 'zip');
    expect(screen.queryByRole('group', { name: 'Train' })).toBeNull();
    await user.upload(openInput(), new File([bytes as Uint8Array<ArrayBuffer>], 'classic.zip'));
    // Imported tasks keep their display names (the IR's taskInfo).
    for (const name of ['Query', 'Preprocess', 'Train', 'Test', 'Deploy']) expect(await screen.findByRole('group', { name })).toBeTruthy();
    expect(statusText()).toMatch(/Opened classic\.zip: compiled pipeline \(zip\)/);
  });

  it('shows a damaged archive as a coded error with what to do, and keeps the open pipeline', async () => {
    const { user } = await renderApp();
    const bytes = writePipelineArchive(irToYaml(compileToIr(bundledExample('classic'))), 'tar.gz').slice(0, 200);
    await user.upload(openInput(), new File([bytes as Uint8Array<ArrayBuffer>], 'broken.tar.gz'));
    const dialog = await screen.findByRole('alertdialog', { name: 'Could not open broken.tar.gz' });
    expect(dialog.textContent).toMatch(/KFS511/);
    expect(dialog.textContent).toMatch(/What to do: .*again/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('group', { name: 'Train' })).toBeTruthy();
  });

  it('blocks Compile while there are errors and moves focus to Problems', async () => {
    const { user } = await renderApp();
    within(screen.getByRole('region', { name: 'Components' })).getByRole('option', { name: 'Preprocess' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('group', { name: 'Preprocess 2' });
    await user.click(toolbarButton('Compile'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Problems' }));
    expect(statusText()).toMatch(/Compile blocked: \d+ errors?/);
  });

  it('offers the three KFP file types and an Argo Workflow for a valid pipeline, .tar.gz first', async () => {
    const { user } = await renderApp();
    await user.click(toolbarButton('Compile'));
    const dialog = screen.getByRole('dialog', { name: 'Compile pipeline' });
    const radios = within(dialog).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(['tar.gz', 'zip', 'yaml', 'argo.yaml']);
    expect(radios[0]?.checked).toBe(true);
    expect(dialog.textContent).toMatch(/classic-pipeline\.tar\.gz/);
    await user.click(radios[2] as HTMLInputElement);
    expect(dialog.textContent).toMatch(/classic-pipeline\.yaml/);
    await user.click(radios[3] as HTMLInputElement);
    expect(dialog.textContent).toMatch(/classic-pipeline\.argo\.yaml/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Save As refuses a folder in the name and saves a plain name through the host', async () => {
    const { user, host } = await renderApp();
    await user.click(toolbarButton('Save As'));
    const dialog = screen.getByRole('dialog', { name: 'Save As' });
    const name = within(dialog).getByRole('textbox', { name: 'File name' });
    expect((name as HTMLInputElement).value).toBe('classic-pipeline.pipeline.json');
    await user.clear(name);
    await user.type(name, '../elsewhere');
    fireEvent.submit(name.closest('form') as HTMLFormElement);
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/without folders/);
    expect(host.saved.size).toBe(0);
    await user.clear(name);
    await user.type(name, 'taxi{Enter}');
    await waitFor(() => expect([...host.saved.keys()]).toEqual(['taxi.pipeline.json']));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(statusText()).toMatch(/Saved to taxi\.pipeline\.json/);
  });

  it('Save of a pipeline never saved asks for its name, lists the saved ones, and replaces one only when confirmed', async () => {
    const { user, host } = await renderApp();
    host.saved.set('classic-pipeline.pipeline.json', JSON.stringify({ ...bundledExample('classic'), id: 'someone-else', displayName: 'Earlier work' }));
    await user.click(toolbarButton('Save'));
    const dialog = await screen.findByRole('dialog', { name: 'Save As' });
    expect(within(dialog).getByRole('textbox', { name: 'File name' })).toHaveProperty('value', 'classic-pipeline.pipeline.json');
    const listed = await within(dialog).findByRole('button', { name: /classic-pipeline\.pipeline\.json.*Earlier work/ });
    expect(listed.getAttribute('aria-pressed')).toBe('true');
    await user.click(within(dialog).getByRole('button', { name: 'Save in data folder' }));
    const question = await within(dialog).findByRole('alert');
    expect(question.textContent).toMatch(/classic-pipeline\.pipeline\.json already holds the pipeline .Earlier work.\. Replace it/);
    expect(JSON.parse(host.saved.get('classic-pipeline.pipeline.json') ?? '{}')).toMatchObject({ id: 'someone-else' });
    await user.click(within(question).getByRole('button', { name: 'Keep it, choose another name' }));
    await user.clear(within(dialog).getByRole('textbox', { name: 'File name' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'File name' }), 'mine');
    await user.click(within(dialog).getByRole('button', { name: 'Save in data folder' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect([...host.saved.keys()].sort()).toEqual(['classic-pipeline.pipeline.json', 'mine.pipeline.json']);
    expect(statusText()).toMatch(/Saved to mine\.pipeline\.json/);
    // Saved once, Save goes to the same file without asking again.
    await user.click(within(screen.getByRole('region', { name: 'Parameters' })).getByRole('button', { name: 'Add parameter' }));
    await user.click(toolbarButton('Save'));
    await waitFor(() => expect(JSON.parse(host.saved.get('mine.pipeline.json') ?? '{}').graph.inputs).toHaveLength(bundledExample('classic').graph.inputs.length + 1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
