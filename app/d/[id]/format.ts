/** How the editor writes shapes and counts: `[8, 32, 128]`, `9,122`, `4.95M`. */

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Exact, with thousands separators: parameter counts are worth reading digit by digit. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** FLOPs run into the billions: a compact form is enough. */
export function formatFlops(n: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 }).format(n);
}
