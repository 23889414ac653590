import { INNER_COLUMN, type NodesAndEdges } from '../blocks.ts';
import type { Position } from '../document.ts';

/** Horizontal step between top-level nodes, and vertical step between rows. */
export const COLUMN = 240;
export const ROW = 360;

/**
 * Places nodes left to right along one row of the canvas: first positions
 * for a builder. templateDocument then arranges a template with arrange.ts.
 */
export class Row {
  private x = 0;
  constructor(readonly y: number) {}

  /** The next free position; the node takes `width` canvas units. */
  next(width = COLUMN): Position {
    const position = { x: this.x, y: this.y };
    this.x += width;
    return position;
  }

  /** Moves the cursor right to at least x (to start after something on another row). */
  skipTo(x: number): void {
    this.x = Math.max(this.x, x);
  }

  get cursor(): number {
    return this.x;
  }
}

/** The canvas width of an expanded block, so what follows it does not overlap its inside. */
export function blockWidth(part: NodesAndEdges): number {
  return (part.nodes.length - 1) * INNER_COLUMN + 2 * 40 + COLUMN - INNER_COLUMN;
}
