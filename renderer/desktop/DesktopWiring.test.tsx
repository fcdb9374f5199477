import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostApi } from '../../shared/host-api/host-api.calls';
import { ok } from '../../shared/host-api/host-result';
import { App } from '../shell/App';
import { bundledExample } from '../test-host';
import { recordingHost } from './recording-host.test-host';

type Listener = (value: string) => void;

function installBridge(host: HostApi) {
  const menu = new Set<Listener>();
  const dirty: boolean[] = [];
  (window as { kfpStudio?: unknown }).kfpStudio = {
    ...host,
    onMenuCommand: (l: Listener) => (menu.add(l), () => menu.delete(l)),
    onOpenFile: () => () => undefined,
    windowSetDirty: async ({ dirty: d }: { dirty: boolean }) => (dirty.push(d), ok({})),
    windowTakeLaunchFiles: async () => ok({ files: [] }),
  };
  return { sendMenu: (id: string) => menu.forEach((l) => l(id)), dirty };
}

const statusLine = () => document.querySelector('.kfs-status[role="status"]')?.textContent ?? '';

async function renderApp(host: HostApi) {
  render(<App host={host} exampleId="classic" />);
  await screen.findByRole('group', { name: 'Train' }, { timeout: 5000 });
}

describe('the app with the desktop wiring', () => {
  afterEach(() => {
    delete (window as { kfpStudio?: unknown }).kfpStudio;
  });

  it('runs native menu commands in the editor and reports unsaved changes to the window', async () => {
    const { host } = recordingHost();
    const bridge = installBridge(host);
    await renderApp(host);
    bridge.sendMenu('view.autoLayout');
    await waitFor(() => expect(bridge.dirty).toContain(true));
    bridge.sendMenu('file.save');
    // Never saved: Save asks for the name first (this window has no native dialogs).
    const dialog = await screen.findByRole('dialog', { name: 'Save As' });
    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Save in data folder' }));
    await waitFor(() => expect(statusLine()).toMatch(/^Saved to /));
    await waitFor(() => expect(bridge.dirty.at(-1)).toBe(false));
  });

  it('offers unsaved work left behind, in web mode too, and shows the secret-storage warning once', async () => {
    const { host } = recordingHost(new Map([['doc-x', { savedAt: '2026-11-28T10:00:00.000Z', document: { ...bundledExample('classic'), name: 'left-behind' } }]]));
    await renderApp(host);
    const user = userEvent.setup();
    const dialog = await screen.findByRole('dialog', { name: 'Recover unsaved work' });
    await user.click(within(dialog).getByRole('button', { name: 'Recover left-behind' }));
    expect(screen.queryByRole('dialog', { name: 'Recover unsaved work' })).toBeNull();
    expect(statusLine()).toMatch(/Recovered unsaved work: left-behind/);
    const notice = await screen.findByRole('note', { name: 'Secret storage' });
    expect(notice.textContent).toMatch(/Secrets are not stored in this test host/);
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('note', { name: 'Secret storage' })).toBeNull();
  });
});
