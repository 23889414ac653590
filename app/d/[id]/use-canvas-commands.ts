'use client';

import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { arrangeMoves, type NodeSize } from '@/lib/design/arrange';
import { BLOCK_TYPE } from '@/lib/design/catalog';
import { copyNodes, parseClip, pasteNodes, type DesignClip } from '@/lib/design/clipboard';
import type { DesignDocument } from '@/lib/design/document';
import type { LoggedOp } from '@/lib/design/design-state';
import type { FlowEdge, FlowNode } from './flow-elements';
import { newId } from './new-id';
import type { Notice } from './status-bar';
import { typingInField } from './typing-in-field';
import type { EditOutcome } from './use-design-room';

/** Copied nodes kept in the page when the system clipboard cannot be read or written (no permission). */
let copiedHere: DesignClip | null = null;

interface Options {
  doc: DesignDocument;
  selection: readonly string[];
  setSelection: (ids: string[]) => void;
  edit: (op: LoggedOp) => Promise<EditOutcome>;
  notify: (notice: Notice) => void;
  /** A past version is shown: only copying works (the shown version's nodes). */
  readOnly?: boolean;
}

/** The selected nodes without those inside another selected node (a block carries its inside along). */
function outermost(doc: DesignDocument, ids: readonly string[]): string[] {
  const chosen = new Set(ids);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const insideChosen = (id: string) => {
    for (let cur = byId.get(id)?.parentId; cur; cur = byId.get(cur)?.parentId) if (chosen.has(cur)) return true;
    return false;
  };
  return doc.nodes.filter((n) => chosen.has(n.id) && !insideChosen(n.id)).map((n) => n.id);
}

/**
 * The canvas's editing commands: arrange, copy, paste, duplicate, group into
 * a block and ungroup, each one op (one undo step), with their shortcuts:
 * Shift+A arrange, Ctrl/Cmd+C copy, Ctrl/Cmd+V paste, Ctrl/Cmd+D duplicate
 * (for the `?` shortcuts overlay). Keys typed in a field are left alone.
 * Pasting from the keyboard uses the browser's paste event: it needs no
 * clipboard permission, and reading the clipboard from the key handler
 * (navigator.clipboard.readText) left React Flow's Delete key unresponsive
 * afterwards in Chromium.
 */
export function useCanvasCommands({ doc, selection, setSelection, edit, notify, readOnly = false }: Options) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const refused = useCallback(
    (what: string) => (outcome: EditOutcome) => {
      if (!outcome.ok) notify({ kind: 'error', text: `${what} refused: ${outcome.message}` });
    },
    [notify],
  );

  const arrange = useCallback(() => {
    // Measured sizes where the canvas has them (a node drawn taller than estimated keeps its room).
    const measured = new Map<string, NodeSize>();
    for (const n of flow.getNodes()) {
      if (n.type === 'layer' && n.measured?.width && n.measured.height) measured.set(n.id, { width: n.measured.width, height: n.measured.height });
    }
    const moves = arrangeMoves(doc, measured);
    if (moves.length === 0) return notify({ kind: 'info', text: 'Already arranged.' });
    // The view stays where it is (arranging keeps the design's top-left corner); Fit View shows it all.
    void edit({ type: 'moveNodes', moves }).then(refused('Arrange'));
  }, [doc, edit, flow, notify, refused]);

  const pasteClip = useCallback(
    (clip: DesignClip) => {
      const pasted = pasteNodes(doc, clip, newId);
      void edit({ type: 'addNodes', nodes: pasted.nodes, edges: pasted.edges }).then(refused('Paste'));
      setSelection(pasted.roots);
    },
    [doc, edit, refused, setSelection],
  );

  const copy = useCallback(() => {
    const clip = copyNodes(doc, selection);
    if (!clip) return notify({ kind: 'info', text: 'Select the layers to copy first.' });
    copiedHere = clip;
    // Through the system clipboard too, so another tab or design can paste it; refused without permission, which is fine.
    void navigator.clipboard?.writeText(JSON.stringify(clip)).catch(() => undefined);
    const count = outermost(doc, selection).length;
    notify({ kind: 'info', text: `Copied ${count} ${count === 1 ? 'node' : 'nodes'}.` });
  }, [doc, selection, notify]);

  /** Pastes clipboard text when it holds copied layers, else what was copied in this page. */
  const pasteText = useCallback(
    (text: string | null | undefined) => {
      const clip = (text ? parseClip(text) : null) ?? copiedHere;
      if (!clip) return notify({ kind: 'info', text: 'Nothing to paste: copy some layers first.' });
      pasteClip(clip);
    },
    [notify, pasteClip],
  );

  // The Paste button asks for the clipboard (the browser may ask the person first); Ctrl/Cmd+V gets it with the paste event.
  const paste = useCallback(async () => pasteText(await navigator.clipboard?.readText().catch(() => null)), [pasteText]);

  const duplicate = useCallback(() => {
    const clip = copyNodes(doc, selection);
    if (!clip) return notify({ kind: 'info', text: 'Select the layers to duplicate first.' });
    pasteClip(clip);
  }, [doc, selection, notify, pasteClip]);

  const group = useCallback(
    (kind: 'encoder' | 'decoder') => {
      const nodeIds = outermost(doc, selection);
      if (nodeIds.length === 0) return notify({ kind: 'info', text: 'Select the layers to group first.' });
      const blockId = newId(kind);
      void edit({ type: 'groupIntoBlock', blockId, nodeIds, kind, label: kind === 'encoder' ? 'Encoder' : 'Decoder' }).then((outcome) => {
        refused('Grouping')(outcome);
        if (outcome.ok) setSelection([blockId]);
      });
    },
    [doc, selection, edit, notify, refused, setSelection],
  );

  const selectedBlock = selection.length === 1 ? doc.nodes.find((n) => n.id === selection[0] && n.type === BLOCK_TYPE) : undefined;
  const ungroup = useCallback(() => {
    if (!selectedBlock) return;
    const children = doc.nodes.filter((n) => n.parentId === selectedBlock.id).map((n) => n.id);
    void edit({ type: 'ungroup', id: selectedBlock.id }).then((outcome) => {
      refused('Ungrouping')(outcome);
      if (outcome.ok) setSelection(children);
    });
  }, [doc, selectedBlock, edit, refused, setSelection]);

  const setCollapsed = useCallback(
    (id: string, collapsed: boolean) => void edit({ type: 'setBlockCollapsed', id, collapsed }).then(refused(collapsed ? 'Collapsing' : 'Expanding')),
    [edit, refused],
  );

  // The latest commands, for one listener that is added once.
  const commands = useRef({ arrange, copy, pasteText, duplicate, readOnly });
  useEffect(() => {
    commands.current = { arrange, copy, pasteText, duplicate, readOnly };
  }, [arrange, copy, pasteText, duplicate, readOnly]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingInField(e.target) || e.altKey) return;
      const key = e.key.toLowerCase();
      const mod = e.ctrlKey || e.metaKey;
      const editing = !commands.current.readOnly;
      if (editing && !mod && e.shiftKey && key === 'a') {
        e.preventDefault();
        commands.current.arrange();
      } else if (mod && !e.shiftKey && key === 'c') {
        // Text selected on the page is copied by the browser as usual.
        if (window.getSelection()?.isCollapsed === false) return;
        e.preventDefault();
        commands.current.copy();
      } else if (editing && mod && !e.shiftKey && key === 'd') {
        e.preventDefault();
        commands.current.duplicate();
      }
    };
    // Ctrl/Cmd+V: the browser's own paste event carries the clipboard's text, with no permission to ask for.
    const onPaste = (e: ClipboardEvent) => {
      if (typingInField(e.target) || commands.current.readOnly) return;
      e.preventDefault();
      commands.current.pasteText(e.clipboardData?.getData('text/plain'));
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, []);

  return {
    arrange,
    copy,
    paste,
    duplicate,
    group,
    ungroup,
    setCollapsed,
    canCopy: selection.length > 0,
    canGroup: selection.length > 0,
    canUngroup: selectedBlock !== undefined,
  };
}
