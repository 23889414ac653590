import { describe, expect, it } from 'vitest';
import { MIN_READABLE_ZOOM, readableViewport } from './readable-view';

const screen = { width: 740, height: 700 };

describe('readableViewport', () => {
  it('centres a small design at zoom 1 at most', () => {
    const view = readableViewport({ x: 100, y: 50, width: 200, height: 100 }, screen);
    expect(view.zoom).toBe(1);
    // The design's centre is the screen's centre.
    expect(view.x + 200 * view.zoom).toBe(370);
    expect(view.y + 100 * view.zoom).toBe(350);
  });

  it('zooms out to fit a design that fits at a readable zoom', () => {
    const view = readableViewport({ x: 0, y: 0, width: 900, height: 300 }, screen);
    expect(view.zoom).toBeCloseTo(660 / 900);
    expect(view.zoom).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
  });

  it('never goes below a readable zoom: a long design starts from its left edge, centred vertically', () => {
    const view = readableViewport({ x: -500, y: 0, width: 5000, height: 400 }, screen);
    expect(view.zoom).toBe(MIN_READABLE_ZOOM);
    // Flow x = -500 (the inputs) sits just inside the left edge of the screen.
    expect(view.x + -500 * view.zoom).toBe(40);
    expect(view.y + 200 * view.zoom).toBe(350);
  });
});
