'use client';

import '@xyflow/react/dist/style.css';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { countDesign } from '@/lib/compile/count';
import type { LoggedOp } from '@/lib/design/design-state';
import { templateDocument } from '@/lib/design/templates';
import { validateDesign } from '@/lib/design/validate';
import { ConnectionIndicator } from './connection-indicator';
import { DesignCanvas } from './design-canvas';
import { freePosition, NODE_WIDTH } from './flow-elements';
import { Inspector } from './inspector';
import { newId } from './new-id';
import { Palette } from './palette';
import { ParticipantList } from './participant-list';
import { ConnectionBanner, RemoteSelections } from './presence';
import { ProblemsList } from './problems-list';
import { SidePanel } from './side-panel';
import { StatusBar, type Notice } from './status-bar';
import { TemplateGallery } from './template-gallery';
import { TitleEditor } from './title-editor';
import { typingInField } from './typing-in-field';
import { BlockActions } from './block-actions';
import { CanvasToolbar } from './canvas-toolbar';
import { useCanvasCommands } from './use-canvas-commands';
import { useDesignRoom, type EditOutcome } from './use-design-room';
import type { Participant } from '@/lib/protocol/messages';

/** The page where a group builds a design together. */
export function DesignEditor({ designId, initialTitle }: { designId: string; initialTitle: string }) {
  return (
    <ReactFlowProvider>
      <Editor designId={designId} initialTitle={initialTitle} />
    </ReactFlowProvider>
  );
}

const NOTICE_MS = 8000;

function Editor({ designId, initialTitle }: { designId: string; initialTitle: string }) {
  const room = useDesignRoom(designId, initialTitle);
  const { status, problem, title, doc, diagnostics, history, participants, you, cursors, sendCursor, sendSelection, sendViewport, edit, undo, redo } = room;
  const flow = useReactFlow();
  const flowArea = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<readonly string[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [fitToken, setFitToken] = useState(0);
  const [followingId, setFollowingId] = useState<string | null>(null);
  const [sideTab, setSideTab] = useState('inspect');

  const others = useMemo(() => participants.filter((p) => p.id !== you?.id), [participants, you]);
  const following = others.find((p) => p.id === followingId) ?? null;

  // Others see what this person has selected.
  useEffect(() => sendSelection(selection), [selection, sendSelection]);

  const remoteSelections = useMemo(() => {
    const map = new Map<string, Participant[]>();
    for (const p of others) {
      for (const id of p.selection) {
        const list = map.get(id);
        if (list) list.push(p);
        else map.set(id, [p]);
      }
    }
    return map;
  }, [others]);

  // Following someone: the view moves with theirs until this person moves it (or they leave).
  const followedViewport = following?.viewport ?? null;
  useEffect(() => {
    if (followedViewport) void flow.setViewport(followedViewport, { duration: 150 });
  }, [followedViewport, flow]);
  useEffect(() => {
    if (followingId && !following) setFollowingId(null);
  }, [followingId, following]);
  const stopFollowing = useCallback(() => setFollowingId(null), []);

  const validation = useMemo(() => validateDesign(doc), [doc]);
  const cost = useMemo(() => countDesign(doc, validation), [doc, validation]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  // Fit the view once, when the design first arrives.
  const loaded = useRef(false);
  useEffect(() => {
    if (loaded.current || doc.nodes.length === 0) return;
    loaded.current = true;
    setFitToken((t) => t + 1);
  }, [doc]);

  const report = useCallback((what: string, outcome: EditOutcome) => {
    if (!outcome.ok) setNotice({ kind: 'error', text: `${what} refused: ${outcome.message}` });
  }, []);

  const act = useCallback(
    (op: LoggedOp) => {
      void edit(op).then((outcome) => report(op.type === 'connect' ? 'Connection' : 'Edit', outcome));
    },
    [edit, report],
  );

  const addNode = useCallback(
    (type: string, at?: { x: number; y: number }) => {
      let wanted = at;
      if (!wanted) {
        const box = flowArea.current?.getBoundingClientRect();
        const centre = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
        wanted = { x: centre.x - NODE_WIDTH / 2, y: centre.y - 60 };
      }
      const id = newId(type);
      void edit({ type: 'addNode', node: { id, type, position: freePosition(doc, wanted) } }).then((outcome) => report('Adding a layer', outcome));
      setSelection([id]);
    },
    [doc, edit, flow, report],
  );

  const chooseTemplate = useCallback(
    (name: string) => {
      const template = templateDocument(name);
      if (!template.ok) return setNotice({ kind: 'error', text: template.message });
      // One edit (one undo): the template's layers, already arranged, and its run settings.
      void edit({ type: 'addNodes', nodes: template.doc.nodes, edges: template.doc.edges, settings: template.doc.settings }).then((outcome) =>
        report('Template', outcome),
      );
      setFitToken((t) => t + 1);
    },
    [edit, report],
  );

  const focusNode = useCallback(
    (id: string) => {
      setSelection([id]);
      // A node inside a collapsed block is not drawn: show the outermost block holding it.
      const byId = new Map(doc.nodes.map((n) => [n.id, n]));
      let shown = id;
      for (let cur = byId.get(id); cur?.parentId; cur = byId.get(cur.parentId)) {
        if (byId.get(cur.parentId)?.params.collapsed === true) shown = cur.parentId;
      }
      void flow.fitView({ nodes: [{ id: shown }], duration: 300, maxZoom: 1.2, padding: 0.6 });
    },
    [doc, flow],
  );

  const runHistory = useCallback(
    (which: 'undo' | 'redo') => {
      const pending = which === 'undo' ? undo() : redo();
      if (!pending) return setNotice({ kind: 'info', text: which === 'undo' ? 'Nothing of yours to undo.' : 'Nothing to redo.' });
      void pending.then((outcome) => report(which === 'undo' ? 'Undo' : 'Redo', outcome));
    },
    [undo, redo, report],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || typingInField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z') {
        e.preventDefault();
        runHistory(e.shiftKey ? 'redo' : 'undo');
      } else if (key === 'y') {
        e.preventDefault();
        runHistory('redo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runHistory]);

  const commands = useCanvasCommands({ doc, selection, setSelection, edit, notify: setNotice });
  const blockActions = useMemo(() => ({ setCollapsed: commands.setCollapsed }), [commands.setCollapsed]);

  const setParams = useCallback((id: string, params: Record<string, unknown>) => edit({ type: 'setParams', id, params }), [edit]);

  const selectedNode = selection.length === 1 ? (doc.nodes.find((n) => n.id === selection[0]) ?? null) : null;
  const diagnosticList = diagnostics?.diagnostics ?? [];
  const blank = doc.nodes.length === 0;

  return (
    <div className="editor">
      <header className="editor-bar">
        <Link href="/" className="home-link" aria-label="All designs">
          Multihead
        </Link>
        <TitleEditor title={title} onRename={(next) => edit({ type: 'renameDesign', title: next })} />
        <span className="spacer" />
        <button type="button" className="ghost" onClick={commands.arrange} disabled={blank} title="Lay the design out left to right (Shift+A)">
          Arrange
        </button>
        <button type="button" className="ghost" onClick={() => runHistory('undo')} disabled={!history.canUndo} title="Undo your last edit (Ctrl/Cmd+Z)">
          Undo
        </button>
        <button type="button" className="ghost" onClick={() => runHistory('redo')} disabled={!history.canRedo} title="Redo (Shift+Ctrl/Cmd+Z)">
          Redo
        </button>
        <ParticipantList participants={participants} you={you?.id ?? null} following={followingId} onFollow={(id) => setFollowingId((cur) => (cur === id ? null : id))} />
        <ConnectionIndicator status={status} problem={problem} />
      </header>
      <main className="canvas" aria-label="Design canvas">
        <Palette onAdd={(type) => addNode(type)} />
        <div className="flow" ref={flowArea}>
          <RemoteSelections.Provider value={remoteSelections}>
            <BlockActions.Provider value={blockActions}>
              <DesignCanvas
                doc={doc}
                diagnostics={diagnostics}
                selection={selection}
                onSelectionChange={setSelection}
                act={act}
                onDropType={(type, position) => addNode(type, { x: position.x - NODE_WIDTH / 2, y: position.y - 20 })}
                fitToken={fitToken}
                cursors={cursors}
                people={others}
                onPointer={sendCursor}
                onViewport={sendViewport}
                onUserMove={stopFollowing}
              />
            </BlockActions.Provider>
          </RemoteSelections.Provider>
          <CanvasToolbar
            onCopy={commands.copy}
            onPaste={() => void commands.paste()}
            onDuplicate={commands.duplicate}
            onGroup={commands.group}
            onUngroup={commands.ungroup}
            canCopy={commands.canCopy}
            canGroup={commands.canGroup}
            canUngroup={commands.canUngroup}
          />
          {following && (
            <div className="following" role="status" aria-label={`Following ${following.name}`} style={{ '--who': following.colour } as CSSProperties}>
              <span>
                Following <strong>{following.name}</strong>
              </span>
              <button type="button" className="ghost" onClick={stopFollowing}>
                Stop following
              </button>
            </div>
          )}
          <ConnectionBanner status={status} />
          {blank && status === 'connected' && <TemplateGallery onChoose={chooseTemplate} />}
        </div>
        <SidePanel
          current={sideTab}
          onChange={setSideTab}
          tabs={[
            {
              id: 'inspect',
              label: 'Inspect',
              badge: diagnosticList.length > 0 ? String(diagnosticList.length) : null,
              content: (
                <>
                  <Inspector
                    node={selectedNode}
                    selectedCount={selection.length}
                    shapes={selectedNode ? validation.nodes[selectedNode.id] : undefined}
                    cost={selectedNode ? cost.nodes[selectedNode.id] : undefined}
                    problems={selectedNode ? diagnosticList.filter((d) => d.nodeId === selectedNode.id) : []}
                    onSetParams={setParams}
                  />
                  <ProblemsList diagnostics={diagnosticList} onFocus={focusNode} />
                </>
              ),
            },
          ]}
        />
      </main>
      <StatusBar cost={cost} nodes={doc.nodes.length} notice={notice} />
    </div>
  );
}
