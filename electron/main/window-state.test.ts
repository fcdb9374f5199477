import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_STATE, loadWindowState, MIN_HEIGHT, MIN_WIDTH, parseWindowState, saveWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kfs-winstate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('window state', () => {
  it('comes back as it was saved', async () => {
    const file = path.join(dir, 'window-state.json');
    await saveWindowState(file, { x: 2000, y: 100, width: 1400, height: 900, maximized: true });
    expect(await loadWindowState(file, [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1400, height: 900, maximized: true });
  });

  it('drops a position on a monitor that is no longer there, keeping the size', () => {
    expect(parseWindowState({ x: 2000, y: 100, width: 1400, height: 900, maximized: false }, [laptop])).toEqual({ width: 1400, height: 900, maximized: false });
  });

  it('keeps the title bar reachable: a window above the screen loses its position', () => {
    expect(parseWindowState({ x: 100, y: -500, width: 1000, height: 700 }, [laptop]).x).toBeUndefined();
  });

  it('clamps sizes between the minimum and the largest screen', () => {
    expect(parseWindowState({ width: 10, height: 10 }, [laptop])).toMatchObject({ width: MIN_WIDTH, height: MIN_HEIGHT });
    expect(parseWindowState({ width: 99999, height: 99999 }, [laptop])).toMatchObject({ width: 1920, height: 1050 });
  });

  it.each([null, 'text', [], { width: 'wide', height: Number.NaN, x: Infinity, y: 1e300, maximized: 'yes' }])('falls back to defaults for %j', (raw) => {
    expect(parseWindowState(raw, [laptop])).toEqual(DEFAULT_STATE);
  });

  it('falls back to defaults for a missing or damaged file', async () => {
    expect(await loadWindowState(path.join(dir, 'none.json'), [laptop])).toEqual(DEFAULT_STATE);
    await writeFile(path.join(dir, 'bad.json'), '{"width": 9');
    expect(await loadWindowState(path.join(dir, 'bad.json'), [laptop])).toEqual(DEFAULT_STATE);
  });
});
