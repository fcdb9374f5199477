// First use on a fresh machine: every `kfp-studio` command, run as a person runs it (bin/kfp-studio.mjs in a child
// process), from an empty home with no data folder yet, and with --data naming a folder that does not exist; and web
// mode started the same way. Nothing may fail because a folder is missing, and the data folder is made 0700.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, REPO_ROOT } from '../resources/bundled-catalog';
import { startWebProcess } from '../runs/web-app-process';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kfp-studio-fresh-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BIN = path.join(REPO_ROOT, 'bin', 'kfp-studio.mjs');
const CLASSIC = path.join(EXAMPLES_DIR, 'classic.pipeline.json');
const RUNNABLE = path.join(EXAMPLES_DIR, 'classic-local.pipeline.json');
/** A port nothing listens on: the cluster commands fail to connect, which is a different failure from a missing folder. */
const NOWHERE = 'http://127.0.0.1:9';

interface Result {
  code: number;
  all: string;
}

function cli(args: string[], home: string, cwd: string): Promise<Result> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
  delete env.KFP_STUDIO_DATA;
  delete env.KFP_STUDIO_SECRET_KEY;
  delete env.KFP_STUDIO_TOKEN;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, all: `${stdout}${stderr}` });
    });
  });
}

/** A missing folder shows as ENOENT (or a bug as exit 3): neither may appear on a fresh machine. */
function expectNoMissingFolder(result: Result, what: string): void {
  expect(result.all, what).not.toMatch(/ENOENT|internal error \(/);
  expect(result.code, `${what}\n${result.all}`).not.toBe(3);
}

/** Every command once, as a newcomer would type them; `data` is the --data folder, or undefined for ~/.kfp-studio. */
async function everyCommand(home: string, data: string | undefined): Promise<void> {
  const work = path.join(home, 'work');
  mkdirSync(work, { recursive: true });
  const folderCatalog = path.join(work, 'my-components');
  mkdirSync(folderCatalog);
  writeFileSync(path.join(folderCatalog, 'hello.component.yaml'), 'name: hello\nimplementation:\n  container:\n    image: alpine\n    command: [echo, hi]\n');
  const d = data ? ['--data', data] : [];
  const expectations: Array<{ args: string[]; code: number; says?: RegExp }> = [
    { args: ['--help'], code: 0 },
    { args: ['component', 'check', path.join(folderCatalog, 'hello.component.yaml')], code: 0 },
    { args: ['validate', CLASSIC], code: 0 },
    { args: ['compile', CLASSIC, '-o', path.join(work, 'classic.yaml')], code: 0 },
    { args: ['import', path.join(work, 'classic.yaml'), '-o', path.join(work, 'back.pipeline.json')], code: 0 },
    { args: ['profile', 'list', ...d], code: 0, says: /No cluster profiles yet/ },
    { args: ['profile', 'test', 'nobody', ...d], code: 1, says: /KFS913/ },
    { args: ['runs', '--profile', 'nobody', ...d], code: 1, says: /KFS913/ },
    { args: ['submit', CLASSIC, '--profile', 'nobody', ...d], code: 1, says: /KFS913/ },
    { args: ['schedule', 'list', '--profile', 'nobody', ...d], code: 1, says: /KFS913/ },
    { args: ['runs', 'show', 'run-none', ...d], code: 1, says: /KFS941/ },
    { args: ['logs', 'run-none', 'train', ...d], code: 1, says: /KFS941/ },
    { args: ['profile', 'add', 'lab', '--url', NOWHERE, '--no-test', ...d], code: 0, says: /Added profile lab/ },
    { args: ['profile', 'list', ...d], code: 0, says: /lab\s+kfp/ },
    { args: ['profile', 'remove', 'lab', ...d], code: 0, says: /Removed profile lab/ },
    { args: ['catalog', 'list', ...d], code: 0 },
    { args: ['catalog', 'add', '--folder', folderCatalog, '--name', 'mine', ...d], code: 0 },
    { args: ['catalog', 'list', ...d], code: 0, says: /mine/ },
    { args: ['catalog', 'refresh', ...d], code: 0 },
    { args: ['run', RUNNABLE, '--engine', 'host', ...d], code: 0, says: /succeeded/ },
  ];
  for (const { args, code, says } of expectations) {
    const result = await cli(args, home, work);
    const what = `kfp-studio ${args.join(' ')}`;
    expectNoMissingFolder(result, what);
    expect(result.code, `${what}\n${result.all}`).toBe(code);
    if (says) expect(result.all, what).toMatch(says);
  }
  const dataDir = data ?? path.join(home, '.kfp-studio');
  expect(existsSync(path.join(dataDir, 'runs')), 'the run is kept in the data folder').toBe(true);
  expect(statSync(dataDir).mode & 0o777, 'the data folder is for its owner only').toBe(0o700);
}

describe('kfp-studio on a fresh machine', () => {
  it('every command works from an empty home (no ~/.kfp-studio yet)', async () => {
    const home = mkdtempSync(path.join(tmp, 'home-'));
    await everyCommand(home, undefined);
  }, 600_000);

  it('every command works with --data naming a folder that does not exist yet', async () => {
    const home = mkdtempSync(path.join(tmp, 'home-'));
    await everyCommand(home, path.join(home, 'not', 'yet', 'data'));
  }, 600_000);

  it('web mode starts on a --data folder that does not exist yet and serves the app', async () => {
    const dataDir = path.join(tmp, 'web', 'new-data');
    const web = await startWebProcess(dataDir, { build: false });
    try {
      const page = await fetch(new URL('/', web.resumeUrl));
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    } finally {
      await web.stop();
    }
  }, 300_000);
});
