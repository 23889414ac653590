/** A rectangle in flow coordinates, or a viewport as React Flow keeps it. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/** Below this zoom a layer's text is too small to read (its 11 px params become 7.7 px). */
export const MIN_READABLE_ZOOM = 0.7;
const MAX_FIT_ZOOM = 1;
const PADDING = 40;

/**
 * The view that shows a design: the whole of it when it fits at a readable
 * zoom, otherwise a readable zoom starting from its left (where the inputs
 * are, for a design laid out left to right) and its top; the minimap and
 * panning reach the rest. Centred along any axis that fits.
 */
export function readableViewport(bounds: Rect, screen: { width: number; height: number }): View {
  const room = { width: Math.max(1, screen.width - 2 * PADDING), height: Math.max(1, screen.height - 2 * PADDING) };
  const fit = Math.min(room.width / Math.max(1, bounds.width), room.height / Math.max(1, bounds.height));
  const zoom = Math.max(MIN_READABLE_ZOOM, Math.min(MAX_FIT_ZOOM, fit));
  const axis = (start: number, size: number, screenSize: number, roomSize: number) =>
    size * zoom <= roomSize ? (screenSize - size * zoom) / 2 - start * zoom : PADDING - start * zoom;
  return {
    x: axis(bounds.x, bounds.width, screen.width, room.width),
    y: axis(bounds.y, bounds.height, screen.height, room.height),
    zoom,
  };
}
