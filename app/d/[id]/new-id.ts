/** A short id for a new node or edge; collisions are refused by the server (duplicate-id) and the edit can be retried. */
export function newId(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
}
