import { describe, expect, it } from 'vitest';
import { formatCount, formatFlops, formatShape } from './format';

describe('format', () => {
  it('writes shapes as PyTorch prints sizes', () => {
    expect(formatShape([8, 32, 128])).toBe('[8, 32, 128]');
    expect(formatShape([])).toBe('[]');
  });
  it('writes counts exactly and FLOPs compactly', () => {
    expect(formatCount(9122)).toBe('9,122');
    expect(formatFlops(4_950_144)).toBe('4.95M');
    expect(formatFlops(12)).toBe('12');
  });
});
