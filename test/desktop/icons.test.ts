// The committed icons are what electron-builder needs: real PNGs of the sizes their names say, and an ICO holding
// PNG images up to 256 px.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ICO_SIZES, ICON_SIZES } from '../../electron/main/build/make-icons';

const iconsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/icons');
const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function pngInfo(bytes: Uint8Array): { width: number; height: number; opaqueCentre: boolean; transparentCorner: boolean } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  expect([bytes[24], bytes[25]]).toEqual([8, 6]);
  let at = 8;
  const idat: Uint8Array[] = [];
  while (at < bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = unzlibSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (width * 4 + 1));
  const alpha = (x: number, y: number) => raw[y * (width * 4 + 1) + 1 + x * 4 + 3];
  return { width, height, opaqueCentre: alpha(width >> 1, height >> 1) === 255, transparentCorner: alpha(0, 0) === 0 };
}

describe('app icons', () => {
  it.each(ICON_SIZES.map((s) => [s]))('%i px PNG is that size, opaque in the middle and transparent in the corner', async (size) => {
    expect(pngInfo(await readFile(path.join(iconsDir, `${size}x${size}.png`)))).toEqual({ width: size, height: size, opaqueCentre: true, transparentCorner: true });
  });

  it('the ICO holds PNGs of 16 to 256 px', async () => {
    const ico = await readFile(path.join(iconsDir, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    for (let i = 0; i < ICO_SIZES.length; i++) {
      const size = ico.readUInt32LE(6 + i * 16 + 8);
      const offset = ico.readUInt32LE(6 + i * 16 + 12);
      expect(pngInfo(ico.subarray(offset, offset + size)).width).toBe(ICO_SIZES[i]);
    }
  });

  it('has an SVG source', async () => {
    expect(await readFile(path.join(iconsDir, 'icon.svg'), 'utf8')).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
  });
});
