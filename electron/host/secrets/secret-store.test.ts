import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aesKeyCipher, BASIC_TEXT_WARNING, refusingCipher, safeStorageCipher, type SafeStorageLike } from './ciphers';
import { createSecretStore } from './secret-store';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOKEN = 'eyJhbGciOi-cluster-token-1234567890';

/** Stands in for Electron's safeStorage (which needs the Electron runtime): reversible, and visibly not plaintext. */
function safeStorageStandIn(backend: string, available = true): SafeStorageLike {
  const key = randomBytes(32);
  const cipher = aesKeyCipher(key);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => cipher.encrypt(text),
    decryptString: (data) => cipher.decrypt(data),
    getSelectedStorageBackend: () => backend,
  };
}

describe('secret store', () => {
  it('stores a token encrypted (never in plaintext) in a file only the user can read, and gives it back', async () => {
    const store = createSecretStore(dir, aesKeyCipher(randomBytes(32)));
    await store.set('cluster:prod', TOKEN);
    const file = path.join(dir, 'secrets.json');
    expect(await readFile(file, 'utf8')).not.toContain(TOKEN);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.get('cluster:prod')).toBe(TOKEN);
    expect(await store.has('cluster:prod')).toBe(true);
    expect(await store.delete('cluster:prod')).toBe(true);
    expect(await store.get('cluster:prod')).toBeUndefined();
    expect(await store.delete('cluster:prod')).toBe(false);
  });

  it('cannot read secrets back with another key', async () => {
    await createSecretStore(dir, aesKeyCipher(randomBytes(32))).set('a', TOKEN);
    await expect(createSecretStore(dir, aesKeyCipher(randomBytes(32))).get('a')).rejects.toMatchObject({ code: 'KFS703' });
  });

  it('refuses to store anything without a cipher (web mode, CLI), with a message, writing nothing', async () => {
    const store = createSecretStore(dir, refusingCipher());
    expect(store.status()).toMatchObject({ available: false, backend: 'none', warning: expect.stringContaining('desktop app') });
    await expect(store.set('a', TOKEN)).rejects.toMatchObject({ code: 'KFS703', message: expect.stringContaining('not written to disk') });
    expect(await readdir(dir)).toEqual([]);
  });

  it('warns when Linux safeStorage has no keyring (basic_text), and not with a real keyring', async () => {
    const weak = createSecretStore(dir, safeStorageCipher(safeStorageStandIn('basic_text'), 'linux'));
    expect(weak.status()).toEqual({ available: true, backend: 'basic_text', warning: BASIC_TEXT_WARNING });
    await weak.set('a', TOKEN);
    expect(await weak.get('a')).toBe(TOKEN);
    expect(createSecretStore(dir, safeStorageCipher(safeStorageStandIn('gnome_libsecret'), 'linux')).status()).toEqual({ available: true, backend: 'gnome_libsecret' });
    expect(createSecretStore(dir, safeStorageCipher(safeStorageStandIn('unused'), 'darwin')).status()).toEqual({ available: true, backend: 'keychain' });
  });

  it('refuses when safeStorage says encryption is unavailable', async () => {
    const store = createSecretStore(dir, safeStorageCipher(safeStorageStandIn('unknown', false), 'linux'));
    expect(store.status().available).toBe(false);
    await expect(store.set('a', TOKEN)).rejects.toMatchObject({ code: 'KFS703' });
  });
});
