import { describe, expect, it } from 'vitest';
import { DesignTitle, MAX_TITLE_LENGTH } from './title.ts';

describe('DesignTitle', () => {
  it('trims and collapses whitespace to one line', () => {
    expect(DesignTitle.parse('  Post-LN \n\t vs  pre-LN ')).toBe('Post-LN vs pre-LN');
  });
  it('refuses empty and overlong titles with a readable reason', () => {
    expect(DesignTitle.safeParse('   ').error?.issues[0].message).toBe('A title cannot be empty');
    expect(DesignTitle.safeParse('x'.repeat(MAX_TITLE_LENGTH + 1)).success).toBe(false);
    expect(DesignTitle.safeParse('x'.repeat(MAX_TITLE_LENGTH)).success).toBe(true);
    expect(DesignTitle.safeParse(42).success).toBe(false);
  });
});
