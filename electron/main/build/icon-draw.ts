// The app icon, drawn from one description: a rounded blue tile with a three-step pipeline (one step feeding two).
// Rendered to SVG and, with signed distance fields (smooth edges at any size), to RGBA pixels.
export const ICON_COLORS = { tile: [36, 87, 197], tileEdge: [24, 62, 150], step: [255, 255, 255], wire: [203, 222, 255] } as const;

type Rgb = readonly [number, number, number];

/** Geometry in a 512-unit square. */
const TILE = { x: 32, y: 32, size: 448, radius: 96 };
const STEPS = [
  { x: 176, y: 96, w: 160, h: 96 },
  { x: 80, y: 320, w: 160, h: 96 },
  { x: 272, y: 320, w: 160, h: 96 },
];
const STEP_RADIUS = 24;
const WIRES = [
  [256, 192, 160, 320],
  [256, 192, 352, 320],
] as const;
const WIRE_WIDTH = 22;

export function iconSvg(): string {
  const steps = STEPS.map((s) => `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${STEP_RADIUS}" fill="${hex(ICON_COLORS.step)}"/>`).join('');
  const wires = WIRES.map(([x1, y1, x2, y2]) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${hex(ICON_COLORS.wire)}" stroke-width="${WIRE_WIDTH}" stroke-linecap="round"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512"><title>KFP Studio</title><rect x="${TILE.x}" y="${TILE.y}" width="${TILE.size}" height="${TILE.size}" rx="${TILE.radius}" fill="${hex(ICON_COLORS.tile)}" stroke="${hex(ICON_COLORS.tileEdge)}" stroke-width="8"/>${wires}${steps}</svg>\n`;
}

function hex(c: Rgb): string {
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function roundedBox(px: number, py: number, x: number, y: number, w: number, h: number, r: number): number {
  const qx = Math.abs(px - (x + w / 2)) - (w / 2 - r);
  const qy = Math.abs(py - (y + h / 2)) - (h / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** RGBA pixels, `size` × `size`, straight (not premultiplied) alpha. */
export function renderIcon(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const unit = 512 / size;
  const cover = (distance: number) => Math.max(0, Math.min(1, 0.5 - distance / unit));
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const px = (col + 0.5) * unit;
      const py = (row + 0.5) * unit;
      const tileDistance = roundedBox(px, py, TILE.x, TILE.y, TILE.size, TILE.size, TILE.radius);
      const alpha = cover(tileDistance);
      let color: number[] = [...(tileDistance > -4 ? ICON_COLORS.tileEdge : ICON_COLORS.tile)];
      const mix = (c: Rgb, amount: number) => {
        color = color.map((v, i) => v + ((c[i] ?? 0) - v) * amount);
      };
      for (const [x1, y1, x2, y2] of WIRES) mix(ICON_COLORS.wire, cover(segment(px, py, x1, y1, x2, y2) - WIRE_WIDTH / 2));
      for (const s of STEPS) mix(ICON_COLORS.step, cover(roundedBox(px, py, s.x, s.y, s.w, s.h, STEP_RADIUS)));
      const at = (row * size + col) * 4;
      out[at] = Math.round(color[0] ?? 0);
      out[at + 1] = Math.round(color[1] ?? 0);
      out[at + 2] = Math.round(color[2] ?? 0);
      out[at + 3] = Math.round(alpha * 255);
    }
  }
  return out;
}
