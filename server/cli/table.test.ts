import { describe, expect, it } from 'vitest';
import { createStyle, stripAnsi, visibleWidth } from './style.ts';
import { renderTable } from './table.ts';

describe('renderTable', () => {
  it('aligns columns by visible width, ignoring colour codes', () => {
    const style = createStyle(true);
    const text = renderTable(
      [{ header: 'name' }, { header: 'n', align: 'right' }],
      [
        [style.red('a'), '1'],
        ['long name', '1,000'],
      ],
      style,
    );
    const lines = text.split('\n').map(stripAnsi);
    expect(lines).toEqual(['  name           n', '  ─────────  ─────', '  a              1', '  long name  1,000']);
  });

  it('leaves no trailing spaces after a left-aligned last column', () => {
    const text = renderTable([{ header: 'a' }, { header: 'b' }], [['x', 'short'], ['y', 'much longer']], createStyle(false));
    for (const line of text.split('\n')) expect(line).toBe(line.trimEnd());
  });
});

describe('visibleWidth', () => {
  it('counts code points, not escapes', () => {
    expect(visibleWidth('\x1b[1m×6\x1b[22m')).toBe(2);
  });
});
