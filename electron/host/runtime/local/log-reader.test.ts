import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLogChunk } from './log-reader';

const dir = mkdtempSync(path.join(tmpdir(), 'kfs-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readLogChunk', () => {
  it('reads in chunks without splitting a character, each continuing where the last ended', async () => {
    const file = path.join(dir, 'step.log');
    const text = 'héllo € 😀 done\n';
    writeFileSync(file, text);
    let offset = 0;
    const parts: string[] = [];
    for (let i = 0; i < 100 && offset < Buffer.byteLength(text); i++) {
      const chunk = await readLogChunk(file, offset, 3);
      expect(chunk.offset).toBeGreaterThanOrEqual(offset);
      if (chunk.offset === offset) break;
      parts.push(chunk.text);
      offset = chunk.offset;
    }
    expect(parts.join('')).toBe('héllo € ');
    // A 4-byte character never fits in 3 bytes: a bigger chunk takes it whole.
    const rest = await readLogChunk(file, offset);
    expect(parts.join('') + rest.text).toBe(text);
    expect(parts.every((p) => !p.includes('\uFFFD'))).toBe(true);
  });

  it('reads an absent log as empty', async () => {
    expect(await readLogChunk(path.join(dir, 'none.log'), 5)).toEqual({ text: '', offset: 5 });
  });
});
