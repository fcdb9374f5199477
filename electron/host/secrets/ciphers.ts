// The SecretCipher implementations. Electron's safeStorage is passed in (this folder never imports electron), so the
// same code runs under plain Node with a fake or with the AES key cipher.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KfsError } from '../../../shared/errors/codes';
import type { SecretCipher } from './secret-store';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Uint8Array;
  decryptString(encrypted: Buffer): string;
  /** Linux only: `basic_text` means no keyring, so the key is a constant and the "encryption" protects nothing. */
  getSelectedStorageBackend?(): string;
}

export const BASIC_TEXT_WARNING =
  'No system keyring was found (Electron reports the "basic_text" backend), so cluster tokens saved here are only obscured, not encrypted. Install and unlock a keyring (GNOME Keyring or KWallet), or enter tokens each time.';

export function safeStorageCipher(safeStorage: SafeStorageLike, platform: string = process.platform): SecretCipher {
  const backend = (): string => (platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : platform === 'darwin' ? 'keychain' : 'dpapi');
  return {
    get backend() {
      return backend();
    },
    reason: 'The system keychain is not available, so KFP Studio cannot store cluster tokens; enter them each time.',
    available: () => safeStorage.isEncryptionAvailable(),
    weakness: () => (backend() === 'basic_text' ? BASIC_TEXT_WARNING : undefined),
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(Buffer.from(data)),
  };
}

/** Web mode and the CLI by default: nothing is stored, with a message saying why and what to do instead. */
export function refusingCipher(
  reason = 'Cluster tokens can be stored only by the desktop app, in the system keychain. In web mode and the CLI, pass the token when you connect (or with KFP_STUDIO_TOKEN); it is not written to disk.',
): SecretCipher {
  const refuse = (): never => {
    throw new KfsError('KFS703', reason);
  };
  return { backend: 'none', reason, available: () => false, weakness: () => undefined, encrypt: refuse, decrypt: refuse };
}

/** An injected 32-byte key (e.g. from a test or a deployment's secret manager): AES-256-GCM, random nonce per value. */
export function aesKeyCipher(key: Uint8Array): SecretCipher {
  if (key.length !== 32) throw new KfsError('KFS703', 'The secret key must be 32 bytes.');
  return {
    backend: 'aes-256-gcm',
    available: () => true,
    weakness: () => undefined,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const bytes = Buffer.from(data);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
