import { describe, expect, it } from 'vitest';
import { DAGRE_LIMIT, layered, type LayeredEdge } from './layered-layout';

const size = () => ({ width: 240, height: 200 });
// p's first output (50 px down) feeds a, its second (150 px down) feeds b; both enter at their first input (50 px down).
// b is listed first, so only the ports can put a above it.
const fanOut: LayeredEdge[] = [
  { from: 'p', to: 'b', weight: 1, fromOffset: 150, toOffset: 50 },
  { from: 'p', to: 'a', weight: 1, fromOffset: 50, toOffset: 50 },
];

describe('layered layout with ports', () => {
  it.each([
    ['dagre', [] as string[]],
    ['the linear layering', Array.from({ length: DAGRE_LIMIT }, (_, i) => `filler-${i}`)],
  ])('with %s, steps fed by one step sit in its output ports\' order, left to right, the first wire straight', (_, filler) => {
    const { at } = layered(['p', 'b', 'a', ...filler], size, fanOut, { direction: 'LR', nodeGap: 40, rankGap: 60 });
    const p = at.get('p');
    const a = at.get('a');
    const b = at.get('b');
    if (!p || !a || !b) throw new Error('not placed');
    expect(a.x).toBeGreaterThan(p.x + 240);
    expect(b.x).toBe(a.x);
    expect(a.y).toBeLessThan(b.y);
    // a's input port level with p's first output port: the wire runs straight across.
    expect(a.y + 50).toBe(p.y + 50);
  });
});
