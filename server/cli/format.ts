/** Numbers and shapes as the command prints them. */

/** 63119496 → "63,119,496". */
export function grouped(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const SCALES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 63119496 → "63.1M", 950 → "950": three significant figures with an SI suffix. */
export function compact(n: number): string {
  const abs = Math.abs(n);
  for (const [scale, suffix] of SCALES) {
    if (abs >= scale) {
      const v = n / scale;
      return `${Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)}${suffix}`;
    }
  }
  return String(Math.round(n));
}

/** [16, 12, 32] → "[16, 12, 32]". */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** A statistic in a fixed-width form that keeps columns readable: 4 significant digits, exponent when tiny or huge. */
export function stat(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const abs = Math.abs(x);
  return abs >= 1e5 || abs < 1e-3 ? x.toExponential(2) : x.toPrecision(4);
}

/** Milliseconds for people: "12.3 ms", "1.24 s". */
export function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
}
