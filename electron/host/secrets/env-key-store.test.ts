import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET_KEY_ENV, secretStoreFromEnv, WEB_MODE_SECRET_REFUSAL } from './env-key-store';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-env-secrets-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const TOKEN = 'eyJhbGciOi-web-token-0987654321';

describe('secrets outside the desktop app', () => {
  it('are kept encrypted with the key from the environment, never as plain text', async () => {
    const env = { [SECRET_KEY_ENV]: randomBytes(32).toString('hex') };
    await secretStoreFromEnv(dir, env).set('profile', TOKEN);
    expect(await secretStoreFromEnv(dir, env).get('profile')).toBe(TOKEN);
    const files = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((f) => f.isFile())) expect(await readFile(path.join(file.parentPath, file.name), 'utf8')).not.toContain(TOKEN);
  });

  it('are refused without a key, with what to do in web mode', async () => {
    const store = secretStoreFromEnv(dir, {}, WEB_MODE_SECRET_REFUSAL);
    expect(store.status().available).toBe(false);
    await expect(store.set('profile', TOKEN)).rejects.toMatchObject({ code: 'KFS703', message: expect.stringContaining(SECRET_KEY_ENV) });
  });

  it('refuse a key of the wrong length', () => {
    expect(() => secretStoreFromEnv(dir, { [SECRET_KEY_ENV]: 'abcd' })).toThrow(/32 bytes/);
  });
});
