// A cluster suite in the browser whose emulator holds runs before web mode starts: a profile "emu" (no auth), and
// the ways runs are put there: the example submitted with `kfp-studio submit`, or runs sent inline to its API.
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { bufferIo } from '../../electron/cli/cli-io';
import { profileAdd } from '../../electron/cli/commands/profile.command';
import { submitCommand } from '../../electron/cli/commands/submit.command';
import { compileToIr } from '../../shared/compile/ir.compile';
import { parseDocument } from '../../shared/model/document.parse';
import { EXAMPLE_FILE } from '../clusters/kfp-pipeline.fixture';
import type { Emulator, EmulatorOptions } from '../emulator/emulator';
import { clusterSuiteInBrowser, type ClusterSuite } from './cluster-suite';

export const PROFILE = 'emu';

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

/** A cluster suite (cluster-suite.ts) on the emulator's fake clock with the profile "emu" and what `seed` puts there. */
export function emulatorWebSuite(options: EmulatorOptions, seed: (dataDir: string, emulator: Emulator) => Promise<void>): ClusterSuite {
  return clusterSuiteInBrowser(2000, {
    emulator: { clock: 'fake', timings: { startDelayMs: 500, taskDurationMs: 2000, cancelDelayMs: 500 }, ...options },
    prepare: async (dataDir, emulator) => {
      expect(await profileAdd([PROFILE, '--url', emulator.url, '--auth', 'none', '--no-test'], bufferIo(dataDir), { dataDir })).toBe(0);
      await seed(dataDir, emulator);
    },
  });
}
