// The bundles `npm run build:electron` makes, run as Electron would run them but with Electron's modules replaced:
// the sandboxed preload may require nothing but `electron`, and exposes exactly the contract's surface.
import { readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_CALL_NAMES } from '../../shared/host-api/host-api.calls';
import { bridgeMethodNames } from '../../shared/host-api/desktop-bridge';
import { buildIntoTemp } from './desktop-build.fixture';

let built: Awaited<ReturnType<typeof buildIntoTemp>>;
beforeAll(async () => {
  built = await buildIntoTemp();
}, 60_000);
afterAll(async () => {
  await rm(built.dir, { recursive: true, force: true });
});

/** Runs a CommonJS bundle in a fresh context, answering `require` from `modules` and recording every request. */
function runCommonJs(code: string, modules: Record<string, unknown>, globals: Record<string, unknown> = {}) {
  const required: string[] = [];
  const module = { exports: {} };
  const require = (name: string) => {
    required.push(name);
    if (name in modules) return modules[name];
    throw new Error(`Cannot find module '${name}' (the sandbox has no such module)`);
  };
  vm.runInNewContext(`(function (exports, require, module) {${code}\n})`, { ...globals })(module.exports, require, module);
  return { required, exports: module.exports };
}

describe('the preload bundle', () => {
  it('requires only electron and exposes one method per contract call plus the desktop calls and events', async () => {
    const exposed: Record<string, Record<string, unknown>> = {};
    const invoked: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
      ipcRenderer: { invoke: async (channel: string) => invoked.push(channel), on: () => undefined, removeListener: () => undefined },
    };
    const { required } = runCommonJs(await readFile(built.preload, 'utf8'), { electron });
    expect([...new Set(required)]).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['kfpStudio']);
    expect(Object.keys(exposed.kfpStudio ?? {}).sort()).toEqual(bridgeMethodNames(HOST_CALL_NAMES).sort());
    await (exposed.kfpStudio?.catalogList as (r: unknown) => Promise<unknown>)({});
    expect(invoked).toEqual(['kfs:catalogList']);
  });
});

// Optional speed-ups and encodings that ws and node-fetch (under @kubernetes/client-node) try inside try/catch and
// do without when absent.
const OPTIONAL_REQUIRES = new Set(['bufferutil', 'utf-8-validate', 'encoding']);

describe('the main bundle', () => {
  it('needs no node_modules at run time: only electron and Node built-ins', async () => {
    const code = await readFile(built.main, 'utf8');
    const requires = new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1] as string));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect([...requires].filter((name) => name !== 'electron' && !builtins.has(name) && !OPTIONAL_REQUIRES.has(name))).toEqual([]);
    for (const name of OPTIONAL_REQUIRES) if (requires.has(name)) expect(code).toMatch(new RegExp(`try\\s*\\{[^}]{0,400}require\\("${name}"\\)`));
    expect(requires.has('electron')).toBe(true);
  });
});
