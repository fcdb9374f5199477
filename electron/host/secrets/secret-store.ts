// Secrets (cluster tokens) kept encrypted in the data folder. The encryption is a SecretCipher: the OS keychain
// through Electron's safeStorage in the desktop app, a key given by the caller, or none at all (then nothing is
// stored: plaintext secrets on disk are refused, not written).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { KfsError } from '../../../shared/errors/codes';
import { writeAtomic } from '../documents/atomic-write';
import { ensureFolder } from '../data-folder';

export interface SecretCipher {
  /** What protects the secrets, e.g. `keychain`, `gnome_libsecret`, `basic_text`, `aes-256-gcm`, `none`. */
  readonly backend: string;
  /** False when secrets cannot be stored at all (`reason` says why and what to do). */
  available(): boolean;
  /** Set when secrets are stored but not protected by the OS keychain (Linux without a keyring: `basic_text`). */
  weakness(): string | undefined;
  encrypt(plain: string): Uint8Array;
  decrypt(data: Uint8Array): string;
  readonly reason?: string;
}

export interface SecretStoreStatus {
  available: boolean;
  backend: string;
  warning?: string;
}

export interface SecretStore {
  status(): SecretStoreStatus;
  set(key: string, value: string): Promise<void>;
  /** Host side only: never answered over IPC or HTTP. */
  get(key: string): Promise<string | undefined>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<boolean>;
}

const FILE_FORMAT = 'kfp-studio/secrets';

interface SecretsFile {
  format: typeof FILE_FORMAT;
  backend: string;
  entries: Record<string, string>;
}

export function createSecretStore(dataDir: string, cipher: SecretCipher): SecretStore {
  const file = path.join(dataDir, 'secrets.json');

  async function load(): Promise<SecretsFile> {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return { format: FILE_FORMAT, backend: cipher.backend, entries: {} };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new KfsError('KFS505', 'The stored secrets file is damaged; remove it and enter the cluster tokens again.', { file });
    }
    const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<SecretsFile>;
    if (record.format !== FILE_FORMAT || typeof record.entries !== 'object' || record.entries === null) {
      throw new KfsError('KFS505', 'The stored secrets file is not in a format KFP Studio knows.', { file });
    }
    return { format: FILE_FORMAT, backend: String(record.backend ?? cipher.backend), entries: { ...record.entries } };
  }

  async function store(content: SecretsFile): Promise<void> {
    await ensureFolder(path.dirname(file));
    await writeAtomic(file, Buffer.from(`${JSON.stringify(content, null, 2)}\n`, 'utf8'), { mode: 0o600 });
  }

  function requireCipher(): void {
    if (!cipher.available()) throw new KfsError('KFS703', cipher.reason ?? 'Secrets cannot be stored safely here.');
  }

  return {
    status() {
      const available = cipher.available();
      const warning = available ? cipher.weakness() : cipher.reason;
      return { available, backend: cipher.backend, ...(warning ? { warning } : {}) };
    },
    async set(key, value) {
      requireCipher();
      const content = await load();
      content.entries[key] = Buffer.from(cipher.encrypt(value)).toString('base64');
      content.backend = cipher.backend;
      await store(content);
    },
    async get(key) {
      const content = await load();
      const sealed = content.entries[key];
      if (sealed === undefined) return undefined;
      requireCipher();
      try {
        return cipher.decrypt(Buffer.from(sealed, 'base64'));
      } catch {
        throw new KfsError('KFS703', `The stored secret ${key} cannot be decrypted here (it was stored with ${content.backend}); enter it again.`, { field: key });
      }
    },
    async has(key) {
      return Object.prototype.hasOwnProperty.call((await load()).entries, key);
    },
    async delete(key) {
      const content = await load();
      if (!Object.prototype.hasOwnProperty.call(content.entries, key)) return false;
      delete content.entries[key];
      await store(content);
      return true;
    },
  };
}
