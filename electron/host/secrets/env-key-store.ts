// Outside the desktop app (no system keychain): cluster tokens are stored only when a key is given in
// $KFP_STUDIO_SECRET_KEY (32 bytes, hex or base64), encrypted with it in the data folder; else they are refused with
// a message saying what to do in that mode.
import { KfsError } from '../../../shared/errors/codes';
import { aesKeyCipher, refusingCipher } from './ciphers';
import { createSecretStore, type SecretStore } from './secret-store';

export const SECRET_KEY_ENV = 'KFP_STUDIO_SECRET_KEY';

export function secretStoreFromEnv(dataDir: string, env: NodeJS.ProcessEnv, refusal?: string): SecretStore {
  const keyText = env[SECRET_KEY_ENV];
  if (!keyText) return createSecretStore(dataDir, refusingCipher(refusal));
  const key = /^[0-9a-f]{64}$/i.test(keyText) ? Buffer.from(keyText, 'hex') : Buffer.from(keyText, 'base64');
  if (key.length !== 32) throw new KfsError('KFS703', `${SECRET_KEY_ENV} must be 32 bytes, as 64 hex digits or base64.`);
  return createSecretStore(dataDir, aesKeyCipher(key));
}

export const WEB_MODE_SECRET_REFUSAL =
  `In web mode, cluster tokens are stored only when the server was started with ${SECRET_KEY_ENV} set (32 bytes, as 64 hex digits or base64); ` +
  'they are then kept encrypted with that key. Otherwise use a profile without a token, a kubeconfig profile (its credentials stay in the kubeconfig), or the desktop app (system keychain).';
