'use client';

import './canvas-toolbar.css';

interface Props {
  onCopy: () => void;
  onPaste: () => void;
  onDuplicate: () => void;
  onGroup: (kind: 'encoder' | 'decoder') => void;
  onUngroup: () => void;
  canCopy: boolean;
  canGroup: boolean;
  canUngroup: boolean;
}

/** Editing the selection from buttons as well as from the keyboard (shortcuts in each button's title). */
export function CanvasToolbar(p: Props) {
  return (
    <div className="canvas-toolbar" role="toolbar" aria-label="Selection">
      <button type="button" onClick={p.onCopy} disabled={!p.canCopy} title="Copy the selected layers (Ctrl/Cmd+C)">
        Copy
      </button>
      <button type="button" onClick={p.onPaste} title="Paste copied layers (Ctrl/Cmd+V)">
        Paste
      </button>
      <button type="button" onClick={p.onDuplicate} disabled={!p.canCopy} title="Duplicate the selected layers (Ctrl/Cmd+D)">
        Duplicate
      </button>
      <span className="canvas-toolbar-gap" aria-hidden="true" />
      <button type="button" onClick={() => p.onGroup('encoder')} disabled={!p.canGroup} title="Put the selected layers into a new encoder block">
        Group into encoder block
      </button>
      <button type="button" onClick={() => p.onGroup('decoder')} disabled={!p.canGroup} title="Put the selected layers into a new decoder block">
        Group into decoder block
      </button>
      <button type="button" onClick={p.onUngroup} disabled={!p.canUngroup} title="Dissolve the selected block into its layers">
        Ungroup
      </button>
    </div>
  );
}
