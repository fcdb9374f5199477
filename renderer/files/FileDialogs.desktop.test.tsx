// Open, Save As and the first Save in the desktop app: the native dialogs (through the bridge's dialog calls), then the host reads
// or writes the chosen file. Web mode (no bridge) keeps the browser's file input and download: FileDialogs.test.tsx.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { fail, ok, type HostResult } from '../../shared/host-api/host-result';
import { compileToIr } from '../../shared/compile/ir.compile';
import { irToYaml } from '../../shared/compile/ir.yaml';
import { parseDocument, serializeDocument } from '../../shared/model/document.parse';
import { recordingHost } from '../desktop/recording-host.test-host';
import { App } from '../shell/App';
import { bundledExample } from '../test-host';

type Answer = HostResult<{ path?: string; content?: string }>;

/** Installs `window.kfpStudio` as the preload would, over a recording host, with native dialogs that answer `answers`. */
function desktopApp(answers: { open?: Answer[]; save?: Answer[] } = {}) {
  const recorded = recordingHost();
  const dialogs: { name: string; request: unknown }[] = [];
  const answer = (list: Answer[] | undefined) => list?.shift() ?? ok({});
  const bridge = {
    ...recorded.host,
    dialogChooseDocument: async (request: unknown) => (dialogs.push({ name: 'dialogChooseDocument', request }), answer(answers.open)),
    dialogChooseSavePath: async (request: unknown) => (dialogs.push({ name: 'dialogChooseSavePath', request }), answer(answers.save)),
    onMenuCommand: () => () => undefined,
    onOpenFile: () => () => undefined,
    onRunEvent: () => () => undefined,
    windowSetDirty: async () => ok({}),
    windowTakeLaunchFiles: async () => ok({ files: [] }),
  };
  (window as { kfpStudio?: unknown }).kfpStudio = bridge;
  return { ...recorded, dialogs, bridge: bridge as unknown as HostApi };
}

async function renderApp(host: HostApi) {
  const user = userEvent.setup();
  render(<App host={host} exampleId="classic" />);
  await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
  return user;
}

const toolbarButton = (name: string) => within(screen.getByRole('toolbar')).getByRole('button', { name });
const statusText = () => screen.getAllByRole('status').map((s) => s.textContent ?? '').join('\n');

describe('file actions in the desktop app', () => {
  afterEach(() => {
    delete (window as { kfpStudio?: unknown }).kfpStudio;
    vi.restoreAllMocks();
  });

  it('Open asks the native dialog, not the browser, and the host opens the chosen document', async () => {
    const app = desktopApp({ open: [ok({ path: '/home/ana/taxi.pipeline.json' })] });
    const taxi = { ...bundledExample('condition-loop-local'), name: 'taxi' };
    app.saved.set('/home/ana/taxi.pipeline.json', serializeDocument(taxi));
    const browserChooser = vi.spyOn(HTMLInputElement.prototype, 'click');
    const user = await renderApp(app.bridge);
    await user.click(toolbarButton('Open'));
    const tasks = Object.keys(taxi.graph.tasks).length;
    await waitFor(() => expect(statusText()).toMatch(new RegExp(`Opened taxi\\.pipeline\\.json: ${tasks} tasks`)));
    expect(app.dialogs).toEqual([{ name: 'dialogChooseDocument', request: {} }]);
    expect(app.named('documentOpen').map((c) => c.request)).toEqual([{ path: '/home/ana/taxi.pipeline.json' }]);
    expect(browserChooser).not.toHaveBeenCalled();
  });

  it('Open of a compiled pipeline chosen in the native dialog imports its bytes as an editable pipeline', async () => {
    const compiled = irToYaml(compileToIr(bundledExample('condition-loop-local')));
    const content = btoa(String.fromCharCode(...new TextEncoder().encode(compiled)));
    const app = desktopApp({ open: [ok({ path: '/home/ana/loop.yaml', content })] });
    const user = await renderApp(app.bridge);
    await user.click(toolbarButton('Open'));
    await waitFor(() => expect(statusText()).toMatch(/Opened loop\.yaml: compiled pipeline \(yaml\) imported as an editable document/));
    expect(app.named('documentOpen')).toHaveLength(0);
    expect(screen.queryByRole('group', { name: 'Train' })).toBeNull();
  });

  it('Open cancelled in the native dialog keeps the open pipeline', async () => {
    const app = desktopApp({ open: [ok({})] });
    const user = await renderApp(app.bridge);
    await user.click(toolbarButton('Open'));
    await waitFor(() => expect(app.dialogs).toHaveLength(1));
    expect(app.named('documentOpen')).toHaveLength(0);
    expect(screen.getByRole('group', { name: 'Train' })).toBeTruthy();
  });

  it('Open with unsaved changes asks first, then shows the native dialog; a file the host refuses is a coded error', async () => {
    const app = desktopApp({ open: [ok({ path: '/home/ana/missing.pipeline.json' })] });
    const user = await renderApp(app.bridge);
    await user.click(within(screen.getByRole('region', { name: 'Parameters' })).getByRole('button', { name: 'Add parameter' }));
    await user.click(toolbarButton('Open'));
    expect(app.dialogs).toHaveLength(0);
    await user.click(within(screen.getByRole('alertdialog', { name: 'Discard unsaved changes?' })).getByRole('button', { name: 'Discard changes' }));
    const error = await screen.findByRole('alertdialog', { name: 'Could not open missing.pipeline.json' });
    expect(error.textContent).toMatch(/KFS505/);
    expect(app.dialogs.map((d) => d.name)).toEqual(['dialogChooseDocument']);
  });

  it('Save As asks the native Save dialog with the suggested name and saves to the chosen path as a document', async () => {
    const app = desktopApp({ save: [ok({ path: '/home/ana/work/taxi.json' })] });
    const user = await renderApp(app.bridge);
    await user.click(within(screen.getByRole('region', { name: 'Parameters' })).getByRole('button', { name: 'Add parameter' }));
    await user.click(toolbarButton('Save As'));
    await waitFor(() => expect(statusText()).toMatch(/Saved to \/home\/ana\/work\/taxi\.pipeline\.json/));
    // No in-app dialog and no download: the native dialog chose the place.
    expect(screen.queryByRole('dialog', { name: 'Save As' })).toBeNull();
    expect(app.dialogs).toEqual([{ name: 'dialogChooseSavePath', request: { suggestedName: 'classic-pipeline.pipeline.json' } }]);
    expect([...app.saved.keys()]).toEqual(['/home/ana/work/taxi.pipeline.json']);
    // What was saved is the edited document (one parameter more than the example).
    const saved = parseDocument(app.saved.get('/home/ana/work/taxi.pipeline.json') ?? '');
    expect(saved.graph.inputs).toHaveLength(bundledExample('classic').graph.inputs.length + 1);
    // Saved: the next Save goes to the same file without asking.
    await user.click(toolbarButton('Save'));
    await waitFor(() => expect(app.named('documentSave')).toHaveLength(2));
    expect(app.named('documentSave')[1]?.request.path).toBe('/home/ana/work/taxi.pipeline.json');
    expect(app.dialogs).toHaveLength(1);
  });

  it('Save of a pipeline never saved asks the native Save dialog first, then saves there; the next Save asks nothing', async () => {
    const app = desktopApp({ save: [ok({ path: '/home/ana/work/taxi' })] });
    const user = await renderApp(app.bridge);
    await user.click(within(screen.getByRole('region', { name: 'Parameters' })).getByRole('button', { name: 'Add parameter' }));
    await user.click(toolbarButton('Save'));
    await waitFor(() => expect(statusText()).toMatch(/Saved to \/home\/ana\/work\/taxi\.pipeline\.json/));
    expect(app.dialogs).toEqual([{ name: 'dialogChooseSavePath', request: { suggestedName: 'classic-pipeline.pipeline.json' } }]);
    // Nothing went to the documents folder under the suggested name: only the chosen file was written.
    expect(app.named('documentSave').map((c) => c.request.path)).toEqual(['/home/ana/work/taxi.pipeline.json']);
    expect(screen.queryByRole('dialog', { name: 'Save As' })).toBeNull();
    const saved = parseDocument(app.saved.get('/home/ana/work/taxi.pipeline.json') ?? '');
    expect(saved.graph.inputs).toHaveLength(bundledExample('classic').graph.inputs.length + 1);
    await user.click(toolbarButton('Save'));
    await waitFor(() => expect(app.named('documentSave')).toHaveLength(2));
    expect(app.named('documentSave')[1]?.request.path).toBe('/home/ana/work/taxi.pipeline.json');
    expect(app.dialogs).toHaveLength(1);
  });

  it('Save of a pipeline never saved, cancelled in the native dialog, saves nothing and says so', async () => {
    const app = desktopApp({ save: [ok({})] });
    const user = await renderApp(app.bridge);
    await user.click(toolbarButton('Save'));
    await waitFor(() => expect(statusText()).toMatch(/Save cancelled: nothing was saved/));
    expect(app.dialogs.map((d) => d.name)).toEqual(['dialogChooseSavePath']);
    expect(app.named('documentSave')).toHaveLength(0);
    expect(app.saved.size).toBe(0);
  });

  it('Save As cancelled saves nothing and says so; a failing dialog is shown as an error', async () => {
    const app = desktopApp({ save: [ok({}), fail('KFS505', 'The dialog could not open.')] });
    const user = await renderApp(app.bridge);
    await user.click(toolbarButton('Save As'));
    await waitFor(() => expect(statusText()).toMatch(/Save As cancelled: nothing was saved/));
    expect(app.named('documentSave')).toHaveLength(0);
    await user.click(toolbarButton('Save As'));
    const error = await screen.findByRole('alertdialog', { name: 'Not saved' });
    expect(error.textContent).toMatch(/KFS505 The dialog could not open/);
    expect(app.saved.size).toBe(0);
  });
});
