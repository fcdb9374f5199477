// A save killed (SIGKILL) at every point of the write leaves the document as the old version or the new one, whole,
// never a mix: the child process is a real Node process running the real writeAtomic.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDocumentFile } from '../../electron/host/documents/document-file';
import { serializeDocument } from '../../shared/model/document.parse';
import { twoStepDocument } from '../../shared/model/test-documents';
import type { PipelineDocument } from '../../shared/model/document';

const child = fileURLToPath(new URL('./fixtures/save-child.ts', import.meta.url));
let dir = '';
let oldText = '';
let newText = '';

/** A document of about `kib` KiB, so a write takes several chunks. */
function bigDocument(label: string, kib: number): PipelineDocument {
  const doc = twoStepDocument();
  doc.description = `${label} `.repeat(Math.ceil((kib * 1024) / (label.length + 1)));
  return doc;
}

function run(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: 'pipe' });
}

function exited(proc: ChildProcessWithoutNullStreams): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => proc.on('exit', (code, signal) => resolve(signal ?? code)));
}

async function expectOldOrNew(file: string): Promise<'old' | 'new'> {
  const text = await readFile(file, 'utf8');
  expect([oldText, newText]).toContain(text);
  // And it opens as a document, like a person would do next.
  await expect(openDocumentFile(file)).resolves.toBeDefined();
  return text === oldText ? 'old' : 'new';
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-crash-'));
  oldText = serializeDocument(bigDocument('old', 300));
  newText = serializeDocument(bigDocument('new', 400));
  await writeFile(path.join(dir, 'old.src'), oldText);
  await writeFile(path.join(dir, 'new.src'), newText);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a save killed mid-way', () => {
  it.each([
    ['open', 'old'],
    ['write0', 'old'],
    ['write3', 'old'],
    ['sync', 'old'],
    ['close', 'old'],
    ['rename', 'old'],
    ['syncDir', 'new'],
  ])('killed before %s leaves the %s version', async (killAt, expected) => {
    const file = path.join(dir, `stepwise-${killAt}.pipeline.json`);
    await writeFile(file, oldText);
    const proc = run(['stepwise', file, path.join(dir, 'new.src')]);
    const seen: string[] = [];
    for await (const line of createInterface({ input: proc.stdout })) {
      seen.push(line);
      if (line === killAt) {
        proc.kill('SIGKILL');
        break;
      }
      proc.stdin.write('go\n');
    }
    expect(await exited(proc)).toBe('SIGKILL');
    expect(seen.at(-1)).toBe(killAt);
    expect(await expectOldOrNew(file)).toBe(expected);
    // Killed after the temporary file was made and before the rename: the half-done save is left beside the file.
    const temps = (await readdir(dir)).filter((n) => n.startsWith(`.${path.basename(file)}.`) && n.endsWith('.tmp'));
    expect(temps.length).toBe(['write0', 'write3', 'sync', 'close', 'rename'].includes(killAt) ? 1 : 0);
    if (killAt === 'write3') expect((await readFile(path.join(dir, temps[0] as string))).length).toBe(3 * 64 * 1024);
  });

  it('killed at random moments while saving again and again, is always one whole version', async () => {
    const file = path.join(dir, 'loop.pipeline.json');
    await writeFile(file, oldText);
    for (let round = 0; round < 5; round++) {
      const proc = run(['loop', file, path.join(dir, 'old.src'), path.join(dir, 'new.src')]);
      await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 200)));
      proc.kill('SIGKILL');
      await exited(proc);
      await expectOldOrNew(file);
    }
    // Temporary files of killed saves may remain (hidden, beside the file); the document itself is never one.
    for (const name of await readdir(dir)) if (name.endsWith('.tmp')) expect(name.startsWith('.')).toBe(true);
  });
});
