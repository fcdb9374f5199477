// A suite against a cluster in the browser: the KFP + Kubernetes API emulator on the real clock (short steps) with a
// kubeconfig written for it, `npm run web` on a fresh data folder, and Debian's Chromium; all stopped after the suite.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/emulator';
import { startWebProcess, type WebProcess } from '../runs/web-app-process';
import { launchChromium, SCREENSHOT_DIR, started, type BrowserSession } from './e2e-harness';

export interface ClusterSuite {
  readonly emulator: Emulator;
  readonly web: WebProcess;
  readonly browser: BrowserSession;
  readonly kubeconfigPath: string;
}

export interface ClusterSuiteSetup {
  /** Instead of the real clock and short steps. */
  emulator?: EmulatorOptions;
  /** Runs before web mode starts: put profiles and runs into the data folder or on the emulator. */
  prepare?: (dataDir: string, emulator: Emulator) => Promise<void>;
}

export function clusterSuiteInBrowser(taskDurationMs: number, setup: ClusterSuiteSetup = {}): ClusterSuite {
  let dataDir: string | undefined;
  let emulator: Emulator | undefined;
  let web: WebProcess | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'kfs-e2e-cluster-'));
    emulator = await startEmulator({ clock: 'real', timings: { startDelayMs: 300, taskDurationMs, cancelDelayMs: 300 }, ...setup.emulator });
    await writeFile(path.join(dataDir, 'kubeconfig'), emulator.kubeconfigYaml, { mode: 0o600 });
    await setup.prepare?.(dataDir, emulator);
    web = await startWebProcess(dataDir);
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    await emulator?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return {
    get emulator() { return started(emulator); },
    get web() { return started(web); },
    get browser() { return started(browser); },
    get kubeconfigPath() { return path.join(started(dataDir), 'kubeconfig'); },
  };
}
