import { describe, expect, it } from 'vitest';
import { FIT_MAX_ZOOM, FIT_MIN_ZOOM, fitViewport, PORT_TYPE_TEXT_PX, READABLE_TEXT_PX } from './fit-pipeline';

const pane = { width: 1000, height: 700 };

describe('fitting the view', () => {
  it('never goes below the scale where port types are 11 px on screen', () => {
    expect(PORT_TYPE_TEXT_PX * FIT_MIN_ZOOM).toBeGreaterThanOrEqual(READABLE_TEXT_PX);
    const big = fitViewport({ x: -500, y: 200, width: 40_000, height: 20_000 }, pane);
    expect(big.zoom).toBe(FIT_MIN_ZOOM);
    // too big to fit: the view opens on the pipeline's start (its top-left corner, 40 px in)
    expect(big.x + -500 * big.zoom).toBe(40);
    expect(big.y + 200 * big.zoom).toBe(40);
  });

  it('centres a pipeline that fits, at most at FIT_MAX_ZOOM', () => {
    const small = fitViewport({ x: 0, y: 0, width: 300, height: 100 }, pane);
    expect(small.zoom).toBe(FIT_MAX_ZOOM);
    expect(small.x + 150 * small.zoom).toBeCloseTo(500);
    expect(small.y + 50 * small.zoom).toBeCloseTo(350);
  });

  it('centres the axis that fits and starts the one that does not', () => {
    const wide = fitViewport({ x: 0, y: 0, width: 5000, height: 300 }, pane);
    expect(wide.zoom).toBe(FIT_MIN_ZOOM);
    expect(wide.x).toBe(40);
    expect(wide.y + 150 * wide.zoom).toBeCloseTo(350);
  });
});
