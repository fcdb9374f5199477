// electron-builder's afterPack hook (bundled to dist/electron/after-pack.cjs): flips the fuses of the packaged
// Electron binary before it is signed and wrapped into an installer.
import { flipFuses } from '@electron/fuses';
import { APP_FUSES, electronBinaryPath } from './fuses';

/** The fields of electron-builder's AfterPackContext used here. */
interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string; platformSpecificBuildOptions?: { executableName?: string | null } };
}

const ARM64 = 3; // builder-util's Arch.arm64

export default async function afterPack(context: AfterPackContextLike): Promise<void> {
  const executable = context.packager.platformSpecificBuildOptions?.executableName ?? context.packager.executableName ?? 'kfp-studio';
  const binary = electronBinaryPath(context.appOutDir, context.electronPlatformName, context.packager.appInfo.productFilename, executable);
  await flipFuses(binary, {
    ...APP_FUSES,
    // Flipping fuses breaks the ad-hoc signature of an arm64 macOS binary; re-sign it ad hoc (a real signature follows).
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === ARM64,
  });
}
