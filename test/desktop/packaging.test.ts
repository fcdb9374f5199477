// The electron-builder configuration, checked by electron-builder's own schema validator, and the afterPack hook,
// run on a stand-in binary that carries Electron's fuse wire. (The real binary cannot be downloaded here.)
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIntoTemp } from './desktop-build.fixture';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  afterPack: string;
  fileAssociations: { ext: string; mimeType?: string; role?: string }[];
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  extraResources: { from: string; to: string; filter: string[] }[];
}

let config: BuilderConfig;
let built: Awaited<ReturnType<typeof buildIntoTemp>>;
beforeAll(async () => {
  config = yaml.load(await readFile(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
  built = await buildIntoTemp();
}, 60_000);
afterAll(async () => {
  await rm(built.dir, { recursive: true, force: true });
});

describe('electron-builder configuration', () => {
  it("passes electron-builder's own validation", async () => {
    await expect(validateConfiguration(config as never, { isEnabled: false, add: () => undefined } as never)).resolves.toBeUndefined();
  });

  it('builds KFP Studio as AppImage and deb, dmg, and an NSIS installer', () => {
    expect(config.productName).toBe('KFP Studio');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('associates .pipeline.json documents with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'pipeline.json', mimeType: expect.stringMatching(/\+json$/), role: 'Editor' })]);
  });

  it('ships the bundles package.json points at, the renderer and the resources, but no node_modules', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**', pkg.main, 'dist/electron/preload.cjs', '!node_modules{,/**/*}']));
    expect(path.basename(built.main)).toBe(path.basename(pkg.main));
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'resources', to: 'resources' })]);
    expect(pkg.scripts.dist).toContain('electron-builder');
    expect(pkg.scripts.start).toMatch(/build:electron && electron \.$/);
  });

  it('names icons that exist', () => {
    for (const icon of [config.mac.icon, config.win.icon, path.join(config.linux.icon, '512x512.png'), path.join(config.linux.icon, '256x256.png')]) {
      expect(existsSync(path.join(repoRoot, icon)), icon).toBe(true);
    }
  });
});

describe('the afterPack hook', () => {
  it('flips the fuses of the packaged Electron binary', async () => {
    expect(config.afterPack).toBe(`./dist/electron/${path.basename(built.afterPack)}`);
    // A stand-in for the Linux binary: Electron's fuse wire (version 1, 9 fuses, as shipped) amid other bytes.
    const shipped = '101101000';
    const binary = Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, shipped.length]), Buffer.from(shipped), Buffer.alloc(1024, 9)]);
    await writeFile(path.join(built.dir, 'kfp-studio'), binary);
    const hook = createRequire(import.meta.url)(built.afterPack) as { default: (context: unknown) => Promise<void> };
    await hook.default({ appOutDir: built.dir, electronPlatformName: 'linux', arch: 1, packager: { appInfo: { productFilename: 'KFP Studio' }, executableName: 'kfp-studio' } });
    const wire = (await getCurrentFuseWire(path.join(built.dir, 'kfp-studio'))) as unknown as Record<number, number>;
    const on = 49;
    const off = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(off);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(off);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(on);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(on);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(on);
    // Fuses it does not set stay as shipped.
    expect(String.fromCharCode(wire[6] ?? 0, wire[7] ?? 0, wire[8] ?? 0)).toBe(shipped.slice(6));
  });
});
