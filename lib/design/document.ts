/**
 * The design document as stored in a design's snapshot. The full node and
 * edge model arrives with the design-document issue; `formatVersion` lets
 * older files keep loading when it does.
 */
export interface DesignDocument {
  formatVersion: 1;
  nodes: unknown[];
  edges: unknown[];
}

/** A blank canvas. */
export function emptyDesignDocument(): DesignDocument {
  return { formatVersion: 1, nodes: [], edges: [] };
}
