import { describe, expect, it } from 'vitest';
import { keyLabel, SHORTCUT_GROUPS } from './shortcuts';

describe('keyboard shortcuts', () => {
  it('lists the editor’s keys, including undo, redo, delete, copy, paste, duplicate and arrange', () => {
    const all = SHORTCUT_GROUPS.flatMap((g) => g.shortcuts.flatMap((s) => s.keys));
    for (const key of ['Mod+Z', 'Shift+Mod+Z', 'Mod+Y', 'Delete', 'Backspace', 'Mod+C', 'Mod+V', 'Mod+D', 'Shift+A', '?']) {
      expect(all).toContain(key);
    }
  });

  it('writes Mod as Ctrl, or ⌘ on a Mac', () => {
    expect(keyLabel('Shift+Mod+Z', false)).toEqual(['Shift', 'Ctrl', 'Z']);
    expect(keyLabel('Shift+Mod+Z', true)).toEqual(['⇧', '⌘', 'Z']);
    expect(keyLabel('?', false)).toEqual(['?']);
  });
});
