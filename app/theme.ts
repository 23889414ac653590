/** Light, dark, or whatever the system prefers: chosen per browser and kept in localStorage. */
export type ThemeChoice = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'multihead-theme';
export const THEME_CHOICES: readonly ThemeChoice[] = ['light', 'dark', 'system'];

/** A stored value as a choice; anything unknown (or nothing) means the system's. */
export function parseThemeChoice(value: unknown): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** The theme to draw with. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/**
 * Runs in <head> before the first paint, so a dark page never flashes light:
 * sets `data-theme` on <html> from the stored choice. Kept tiny and
 * self-contained (it cannot import anything); it mirrors resolveTheme.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});` +
  `var d=c==='dark'||(c!=='light'&&matchMedia('(prefers-color-scheme: dark)').matches);` +
  `document.documentElement.dataset.theme=d?'dark':'light';}catch(e){}})();`;
