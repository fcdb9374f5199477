// `npx tsx electron/main/build/make-icons.ts`: writes resources/icons (icon.svg, NxN.png for each size, icon.ico).
// The files are committed; run this again only when the drawing in icon-draw.ts changes.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconSvg, renderIcon } from './icon-draw';
import { encodeIco, encodePng } from './icon-encode';

export const ICON_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
export const ICO_SIZES = [16, 32, 48, 256] as const;

export async function makeIcons(outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const pngs = new Map<number, Uint8Array>();
  for (const size of ICON_SIZES) {
    const png = encodePng(size, size, renderIcon(size));
    pngs.set(size, png);
    await writeFile(path.join(outDir, `${size}x${size}.png`), png);
    written.push(`${size}x${size}.png`);
  }
  await writeFile(path.join(outDir, 'icon.svg'), iconSvg());
  await writeFile(path.join(outDir, 'icon.ico'), encodeIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) as Uint8Array }))));
  return [...written, 'icon.svg', 'icon.ico'];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/icons');
  makeIcons(outDir).then((files) => process.stdout.write(`Wrote ${files.join(', ')} to ${outDir}\n`));
}
