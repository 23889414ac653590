'use client';

import './theme-switch.css';
import { useEffect, useState } from 'react';
import { parseThemeChoice, resolveTheme, THEME_STORAGE_KEY, type ThemeChoice } from './theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function apply(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = resolveTheme(choice, matchMedia(DARK_QUERY).matches);
}

/** Light, dark or system: kept in this browser, applied at once (and before paint on the next load, by the layout's script). */
export function ThemeSwitch() {
  // Null until the stored choice is read: applying a default first would flash the wrong theme.
  const [choice, setChoice] = useState<ThemeChoice | null>(null);

  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(THEME_STORAGE_KEY);
    } catch {
      // Storage can be off (private modes): the choice then lasts for this page only.
    }
    setChoice(parseThemeChoice(stored));
  }, []);

  // "System" follows the system as it changes (a laptop switching to dark at dusk).
  useEffect(() => {
    if (choice === null) return;
    apply(choice);
    if (choice !== 'system') return;
    const media = matchMedia(DARK_QUERY);
    const follow = () => apply('system');
    media.addEventListener('change', follow);
    return () => media.removeEventListener('change', follow);
  }, [choice]);

  const choose = (next: ThemeChoice) => {
    setChoice(next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // See above.
    }
  };

  return (
    <select className="theme-switch" aria-label="Theme" value={choice ?? 'system'} onChange={(e) => choose(parseThemeChoice(e.target.value))}>
      <option value="light">Light theme</option>
      <option value="dark">Dark theme</option>
      <option value="system">System theme</option>
    </select>
  );
}
