import { describe, expect, it } from 'vitest';
import { parseThemeChoice, resolveTheme, THEME_BOOT_SCRIPT, THEME_STORAGE_KEY } from './theme';

describe('theme', () => {
  it('reads a stored choice, defaulting to the system’s', () => {
    expect(parseThemeChoice('dark')).toBe('dark');
    expect(parseThemeChoice('light')).toBe('light');
    expect(parseThemeChoice(null)).toBe('system');
    expect(parseThemeChoice('purple')).toBe('system');
  });

  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('the boot script sets the same theme as resolveTheme before paint', () => {
    for (const stored of ['light', 'dark', null, 'junk']) {
      for (const systemDark of [true, false]) {
        const html = { dataset: {} as Record<string, string> };
        const run = new Function('localStorage', 'matchMedia', 'document', THEME_BOOT_SCRIPT);
        run(
          { getItem: (k: string) => (k === THEME_STORAGE_KEY ? stored : null) },
          () => ({ matches: systemDark }),
          { documentElement: html },
        );
        expect(html.dataset.theme).toBe(resolveTheme(parseThemeChoice(stored), systemDark));
      }
    }
  });
});
