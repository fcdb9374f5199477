// A suite's KFP emulator with a profile "emu" (no auth) in a fresh data folder, the runs it needs put there first,
// then `npm run web` on that folder and Chromium; all stopped after the suite. Also the ways runs are put there:
// the example submitted with `kfp-studio submit`, or runs sent inline straight to the emulator's API.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { submitCommand } from '../../electron/cli/commands/submit.command';
import { compileToIr } from '../../shared/compile/ir.compile';
import { parseDocument } from '../../shared/model/document.parse';
import { EXAMPLE_FILE } from '../clusters/kfp-pipeline.fixture';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/emulator';
import { startWebProcess, type WebProcess } from '../runs/web-app-process';
import { launchChromium, SCREENSHOT_DIR, type BrowserSession } from './e2e-harness';

export const PROFILE = 'emu';

export interface EmulatorWeb {
  readonly dataDir: string;
  readonly emulator: Emulator;
  readonly web: WebProcess;
  readonly browser: BrowserSession;
}

/** The example run on the emulator through `kfp-studio submit` (the first upload, then new versions of it). */
export async function submitExample(dataDir: string, runName: string, extra: string[] = []): Promise<void> {
  const io = bufferIo(dataDir);
  let code = await submitCommand([EXAMPLE_FILE, '--profile', PROFILE, '--run-name', runName, ...extra], io, { dataDir });
  if (code !== 0 && io.stderr.join('\n').includes('KFS909')) code = await submitCommand([EXAMPLE_FILE, '--profile', PROFILE, '--run-name', runName, '--version-of', 'classic-local', ...extra], io, { dataDir });
  expect(code, io.stderr.join('\n')).toBe(0);
}

/** The example's compiled pipeline, as runs sent inline carry it. */
export async function exampleSpec(): Promise<unknown> {
  return compileToIr(parseDocument(await readFile(EXAMPLE_FILE, 'utf8'))).pipelineSpec;
}

/** One run sent inline to the emulator's POST /apis/v2beta1/runs. */
export async function postRun(emulator: Emulator, displayName: string, spec: unknown): Promise<void> {
  const answer = await fetch(`${emulator.url}/apis/v2beta1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ display_name: displayName, pipeline_spec: spec }) });
  if (answer.status !== 200) throw new Error(`creating run ${displayName}: HTTP ${answer.status} ${await answer.text()}`);
}

export function emulatorWebSuite(name: string, options: EmulatorOptions, seed: (dataDir: string, emulator: Emulator) => Promise<void>): EmulatorWeb {
  let started: EmulatorWeb | undefined;
  let dataDir: string | undefined;
  let emulator: Emulator | undefined;
  let web: WebProcess | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), `kfs-e2e-${name}-`));
    emulator = await startEmulator(options);
    expect(await profileAdd([PROFILE, '--url', emulator.url, '--auth', 'none', '--no-test'], bufferIo(dataDir), { dataDir })).toBe(0);
    await seed(dataDir, emulator);
    web = await startWebProcess(dataDir);
    browser = await launchChromium();
    started = { dataDir, emulator, web, browser };
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await emulator?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const get = (): EmulatorWeb => {
    if (!started) throw new Error('the suite did not start: see its beforeAll failure');
    return started;
  };
  return {
    get dataDir() { return get().dataDir; },
    get emulator() { return get().emulator; },
    get web() { return get().web; },
    get browser() { return get().browser; },
  };
}
