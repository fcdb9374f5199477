// The Electron fuses flipped in every packaged app: no running as plain Node, no NODE_OPTIONS or inspector flags,
// the app loaded only from its integrity-checked asar, cookies encrypted.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const APP_FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
};

/** Where the Electron binary sits inside electron-builder's unpacked app folder. */
export function electronBinaryPath(appOutDir: string, platform: string, productFilename: string, executableName: string): string {
  if (platform === 'darwin' || platform === 'mas') return `${appOutDir}/${productFilename}.app`;
  if (platform === 'win32') return `${appOutDir}/${productFilename}.exe`;
  return `${appOutDir}/${executableName}`;
}
