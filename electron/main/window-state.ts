// The window's size and position, remembered in the data folder and checked when read: a hand-edited or stale file
// (a monitor since unplugged) never puts the window off screen or makes it absurdly small or large.
import { readFile } from 'node:fs/promises';
import { writeAtomic } from '../host/documents/atomic-write';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;
export const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };
/** How much of the title bar must be on a screen for the saved position to be kept. */
const VISIBLE_EDGE = 64;

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e6;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** Untrusted JSON in, a state that fits the given screens (their work areas) out. */
export function parseWindowState(raw: unknown, workAreas: readonly Rect[]): WindowState {
  if (typeof raw !== 'object' || raw === null || workAreas.length === 0) return { ...DEFAULT_STATE };
  const record = raw as Record<string, unknown>;
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  const width = isInt(record.width) ? Math.round(Math.min(Math.max(record.width, MIN_WIDTH), Math.max(largest.width, MIN_WIDTH))) : DEFAULT_STATE.width;
  const height = isInt(record.height) ? Math.round(Math.min(Math.max(record.height, MIN_HEIGHT), Math.max(largest.height, MIN_HEIGHT))) : DEFAULT_STATE.height;
  const state: WindowState = { width, height, maximized: record.maximized === true };
  if (isInt(record.x) && isInt(record.y)) {
    const titleBar: Rect = { x: Math.round(record.x), y: Math.round(record.y), width, height: 32 };
    const visible = workAreas.some((area) => {
      const o = overlap(titleBar, area);
      return o.width >= Math.min(VISIBLE_EDGE, width) && o.height > 0;
    });
    if (visible) {
      state.x = titleBar.x;
      state.y = titleBar.y;
    }
  }
  return state;
}

export async function loadWindowState(file: string, workAreas: readonly Rect[]): Promise<WindowState> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return { ...DEFAULT_STATE };
  try {
    return parseWindowState(JSON.parse(text), workAreas);
  } catch {
    return { ...DEFAULT_STATE };
  }
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeAtomic(file, Buffer.from(`${JSON.stringify(state)}\n`, 'utf8'));
}
