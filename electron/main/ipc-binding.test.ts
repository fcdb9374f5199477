import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_CALL_NAMES } from '../../shared/host-api/host-api.calls';
import { DESKTOP_CALL_NAMES, ipcChannel } from '../../shared/host-api/desktop-bridge';
import { createHostServices } from '../host/host-services';
import { bindIpc, createIpcDispatch, isTrustedSender, type DesktopHandlers, type IpcEventLike, type IpcListener } from './ipc-binding';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN_ID = 7;
let dir = '';
let listeners: Map<string, IpcListener>;
const dirtyReports: boolean[] = [];

const event = (overrides: Partial<{ id: number; url: string; parent: unknown; frame: null }> = {}): IpcEventLike => ({
  sender: { id: overrides.id ?? MAIN_ID },
  senderFrame: overrides.frame === null ? null : { url: overrides.url ?? 'app://kfp-studio/index.html', parent: 'parent' in overrides ? overrides.parent : null },
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-ipc-'));
  const desktop: DesktopHandlers = {
    windowSetDirty: async ({ dirty }) => {
      dirtyReports.push(dirty);
      return {};
    },
    windowTakeLaunchFiles: async () => ({ files: [] }),
    windowNotify: async () => ({ shown: true }),
    dialogChooseDocument: async () => ({}),
    dialogChooseSavePath: async () => {
      throw new Error('dialog crashed\n    at secret (/home/me/app/main.ts:10:5)');
    },
  };
  listeners = createIpcDispatch({
    host: createHostServices({ resourcesDir: path.join(repoRoot, 'resources'), documentsDir: dir }),
    desktop,
    isTrusted: (e) => isTrustedSender(e, MAIN_ID),
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const call = (name: string, e: IpcEventLike, request?: unknown) => (listeners.get(ipcChannel(name)) as IpcListener)(e, request);

describe('the IPC binding', () => {
  it('has one channel per contract call and desktop call, and nothing else', () => {
    expect([...listeners.keys()].sort()).toEqual([...HOST_CALL_NAMES, ...DESKTOP_CALL_NAMES].map(ipcChannel).sort());
  });

  it('answers a trusted, valid request with the envelope', async () => {
    expect(await call('exampleList', event(), {})).toMatchObject({ ok: true, value: { examples: expect.any(Array) } });
    expect(await call('windowSetDirty', event(), { dirty: true })).toEqual({ ok: true, value: {} });
    expect(dirtyReports).toEqual([true]);
  });

  it.each([
    ['another window', event({ id: 8 })],
    ['a sub-frame', event({ parent: {} })],
    ['a remote page', event({ url: 'https://evil.example/' })],
    ['a file page', event({ url: 'file:///tmp/x.html' })],
    ['a lookalike host', event({ url: 'app://kfp-studio.evil/index.html' })],
    ['a destroyed frame', event({ frame: null })],
  ])('refuses a request from %s before looking at it', async (_who, e) => {
    const result = await call('windowSetDirty', e, { dirty: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'KFS701', message: expect.stringContaining('did not come from the KFP Studio window') } });
    expect(dirtyReports).not.toContain(false);
  });

  it.each([
    ['documentOpen', undefined],
    ['documentOpen', 'a.pipeline.json'],
    ['documentOpen', { path: 42 }],
    ['documentOpen', { path: 'a.pipeline.json', extra: true }],
    ['documentSave', { path: 'a.pipeline.json', document: { format: 'nope' } }],
    ['windowSetDirty', { dirty: 'yes' }],
    ['windowNotify', { title: '', body: 'a run ended' }],
    ['dialogChooseSavePath', { suggestedName: 'x'.repeat(1000) }],
  ])('refuses a malformed %s request (%j) with KFS701', async (name, request) => {
    expect(await call(name, event(), request)).toMatchObject({ ok: false, error: { code: 'KFS701' } });
  });

  it('turns a thrown error into a coded error without a stack trace', async () => {
    const result = await call('dialogChooseSavePath', event(), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'KFS505' } });
    expect(JSON.stringify(result)).not.toMatch(/main\.ts:\d+/);
  });

  it('registers every channel on ipcMain and removes them again', () => {
    const handled = new Map<string, unknown>();
    const unbind = bindIpc({ handle: (channel, fn) => void handled.set(channel, fn), removeHandler: (channel) => void handled.delete(channel) }, listeners);
    expect(handled.size).toBe(listeners.size);
    unbind();
    expect(handled.size).toBe(0);
  });
});
