/**
 * Every keyboard shortcut of the editor, as the `?` overlay lists them. One
 * list, so a feature that adds a key adds a line here. `keys` holds
 * alternatives; each is a chord written with "+", where "Mod" means Ctrl (Cmd on a Mac).
 */
export interface Shortcut {
  keys: string[];
  does: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: Shortcut[];
}

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Editing the design',
    shortcuts: [
      { keys: ['Mod+Z'], does: 'Undo your last edit (never someone else’s)' },
      { keys: ['Shift+Mod+Z', 'Mod+Y'], does: 'Redo' },
      { keys: ['Delete', 'Backspace'], does: 'Delete the selected nodes and connections' },
      { keys: ['Mod+C'], does: 'Copy the selected nodes' },
      { keys: ['Mod+V'], does: 'Paste' },
      { keys: ['Mod+D'], does: 'Duplicate the selected nodes' },
      { keys: ['Shift+A'], does: 'Arrange the layers neatly' },
    ],
  },
  {
    title: 'Canvas',
    shortcuts: [
      { keys: ['Tab'], does: 'Move the focus from node to node' },
      { keys: ['Enter', 'Space'], does: 'Select the focused node' },
      { keys: ['Mod+Click'], does: 'Add a node to the selection, or take it out' },
      { keys: ['Shift+Drag'], does: 'Select every node in an area' },
      { keys: ['Mod+Scroll', 'Scroll'], does: 'Zoom the view' },
    ],
  },
  {
    title: 'Palette and panels',
    shortcuts: [
      { keys: ['Enter', 'Space'], does: 'On a palette layer: add it at the centre of the view' },
      { keys: ['Enter'], does: 'In a number field of the inspector: apply the value' },
      { keys: ['Escape'], does: 'In a number field or the title: put back the value it had' },
      { keys: ['←', '→', 'Home', 'End'], does: 'On the panel tabs: switch tab' },
      { keys: ['Mod+Enter'], does: 'In a comment or reply: post it' },
    ],
  },
  {
    title: 'Help',
    shortcuts: [
      { keys: ['?'], does: 'Show these shortcuts' },
      { keys: ['Escape'], does: 'Close this list' },
    ],
  },
];

/** A chord for this platform: "Mod+Z" is "Ctrl+Z", or "⌘+Z" on a Mac. */
export function keyLabel(chord: string, mac: boolean): string[] {
  return chord.split('+').map((k) => (k === 'Mod' ? (mac ? '⌘' : 'Ctrl') : k === 'Shift' && mac ? '⇧' : k));
}
