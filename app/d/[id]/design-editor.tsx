'use client';

import '@xyflow/react/dist/style.css';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type DragEvent } from 'react';
import { countDesign } from '@/lib/compile/count';
import type { LoggedOp } from '@/lib/design/design-state';
import { templateDocument } from '@/lib/design/templates';
import { validateDesign } from '@/lib/design/validate';
import { ThemeSwitch } from '@/app/theme-switch';
import { NodeComments } from './comment-badge';
import { openCount, openCountsByNode } from './comment-threads';
import { CommentsPanel } from './comments-panel';
import { ConnectionIndicator } from './connection-indicator';
import { DesignCanvas, PALETTE_MIME } from './design-canvas';
import { ExportMenu } from './export-menu';
import { freePosition, NODE_WIDTH } from './flow-elements';
import { HistoryOverlay } from './history-overlay';
import { HistoryPanel } from './history-panel';
import { Inspector } from './inspector';
import { newId } from './new-id';
import { Palette } from './palette';
import { ParticipantList } from './participant-list';
import { ConnectionBanner, RemoteSelections } from './presence';
import { ProblemsList } from './problems-list';
import { ShareButton } from './share-button';
import { AccessLost, RoleBadge } from './role-badge';
import { can, type Role } from '@/lib/protocol/access';
import { ShortcutsButton } from './shortcuts-dialog';
import { SidePanel } from './side-panel';
import { StatusBar, type Notice } from './status-bar';
import { TemplateGallery } from './template-gallery';
import { TitleEditor } from './title-editor';
import { useDesignHistory } from './use-design-history';
import { useDesignJobs } from './use-design-jobs';
import { typingInField } from './typing-in-field';
import { BlockActions } from './block-actions';
import { CanvasToolbar } from './canvas-toolbar';
import { useCanvasCommands } from './use-canvas-commands';
import { useDesignRoom, type EditOutcome } from './use-design-room';
import { WorkshopRoomBar } from './workshop-room-bar';
import type { DiagnosticsMessage, Participant } from '@/lib/protocol/messages';

// The Run and Train panels (charts, the task catalogue) load when first opened.
const RunPanel = dynamic(() => import('./run-panel').then((m) => m.RunPanel));
const TrainPanel = dynamic(() => import('./train-panel').then((m) => m.TrainPanel));

/** A side tab's badge while a job of that kind runs or waits. */
const jobBadge = (active: { state: 'queued' | 'running' } | null) => (active ? active.state : null);

/** The page where a group builds a design together. */
export function DesignEditor({ designId, initialTitle, initialRole }: { designId: string; initialTitle: string; initialRole: Role }) {
  return (
    <ReactFlowProvider>
      <Editor designId={designId} initialTitle={initialTitle} initialRole={initialRole} />
    </ReactFlowProvider>
  );
}

const NOTICE_MS = 8000;

function Editor({ designId, initialTitle, initialRole }: { designId: string; initialTitle: string; initialRole: Role }) {
  const room = useDesignRoom(designId, initialTitle);
  // The server enforces the role; the editor only stops offering what it would refuse.
  const role = room.role === undefined ? initialRole : room.role;
  const mayEdit = can(role, 'edit');
  const { status, problem, title, doc, version, diagnostics, history, participants, you, cursors, sendCursor, sendSelection, sendViewport, edit, undo, redo } = room;
  const jobs = useDesignJobs(designId, room.socket, room.joinedJobs);
  const flow = useReactFlow();
  const flowArea = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<readonly string[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [fitToken, setFitToken] = useState(0);
  const [followingId, setFollowingId] = useState<string | null>(null);
  const [sideTab, setSideTab] = useState('inspect');
  // The Comments tab: one node's threads (from its badge or the inspector), and a request to start writing.
  const [commentsFor, setCommentsFor] = useState<string | null>(null);
  const [composeToken, setComposeToken] = useState(0);

  // Previewing a version or replaying: the canvas shows that state, read-only, while the live one goes on underneath.
  const past = useDesignHistory(designId, version, sideTab === 'history');
  const previewing = past.shown !== null;
  const readOnly = previewing || !mayEdit;
  const shownDoc = past.shown?.doc ?? doc;

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

  const validation = useMemo(() => validateDesign(shownDoc), [shownDoc]);
  const cost = useMemo(() => countDesign(shownDoc, validation), [shownDoc, validation]);
  // Run and Train always work on the live design, whatever version is being previewed.
  const liveValidation = useMemo(() => (shownDoc === doc ? validation : validateDesign(doc)), [shownDoc, doc, validation]);
  // The server's diagnostics describe the live design; a past version's are worked out here.
  const shownDiagnostics = useMemo<DiagnosticsMessage | null>(
    () =>
      previewing
        ? { designId, version: past.shownVersion ?? 0, ok: validation.ok, diagnostics: validation.diagnostics, edges: validation.edges }
        : diagnostics,
    [previewing, designId, past.shownVersion, validation, diagnostics],
  );

  useEffect(() => {
    if (previewing) setSelection([]);
  }, [previewing]);

  // Keep the past in view as it grows (replay) or changes (another version), and refit on the way back to live.
  const shownSize = past.shown ? past.shown.doc.nodes.length : null;
  const lastShownSize = useRef<number | null>(null);
  useEffect(() => {
    if (shownSize === lastShownSize.current) return;
    lastShownSize.current = shownSize;
    setFitToken((t) => t + 1);
  }, [shownSize]);

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
      if (readOnly) return;
      void edit(op).then((outcome) => report(op.type === 'connect' ? 'Connection' : 'Edit', outcome));
    },
    [edit, report, readOnly],
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

  const onPaletteDragOver = useCallback(
    (e: DragEvent) => {
      if (readOnly || !e.dataTransfer.types.includes(PALETTE_MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    [readOnly],
  );
  const onPaletteDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME);
      if (!type || readOnly) return;
      e.preventDefault();
      const position = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addNode(type, { x: position.x - NODE_WIDTH / 2, y: position.y - 20 });
    },
    [readOnly, flow, addNode],
  );

  const forkNow = useCallback(async () => {
    const outcome = await past.fork(version);
    if (outcome.ok && outcome.designId) window.location.assign(`/d/${encodeURIComponent(outcome.designId)}`);
    else setNotice({ kind: 'error', text: `Fork failed: ${outcome.message}` });
  }, [past, version]);

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
      if (!(e.ctrlKey || e.metaKey) || typingInField(e.target) || readOnly) return;
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
  }, [runHistory, readOnly]);

  const nodeComments = useMemo(
    () => ({
      counts: openCountsByNode(doc.comments),
      open: (nodeId: string) => {
        setSelection([nodeId]);
        setCommentsFor(nodeId);
        setSideTab('comments');
      },
    }),
    [doc.comments],
  );
  const commentOn = useCallback((nodeId: string) => {
    setCommentsFor(nodeId);
    setSideTab('comments');
    setComposeToken((t) => t + 1);
  }, []);

  const commands = useCanvasCommands({ doc: shownDoc, selection, setSelection, edit, notify: setNotice, readOnly });
  const blockActions = useMemo(() => ({ setCollapsed: commands.setCollapsed }), [commands.setCollapsed]);

  const setParams = useCallback((id: string, params: Record<string, unknown>) => edit({ type: 'setParams', id, params }), [edit]);

  const selectedNode = selection.length === 1 ? (doc.nodes.find((n) => n.id === selection[0]) ?? null) : null;
  const diagnosticList = shownDiagnostics?.diagnostics ?? [];
  const blank = shownDoc.nodes.length === 0 && !readOnly;

  if (role === null) return <AccessLost />;

  return (
    <div className="editor">
      <header className="editor-bar">
        <Link href="/" className="home-link" aria-label="All designs">
          Multihead
        </Link>
        <TitleEditor title={title} onRename={(next) => edit({ type: 'renameDesign', title: next })} />
        <RoleBadge role={role} />
        <span className="spacer" />
        <button type="button" className="ghost" onClick={commands.arrange} disabled={blank || readOnly} title="Lay the design out left to right (Shift+A)">
          Arrange
        </button>
        <button type="button" className="ghost" onClick={() => runHistory('undo')} disabled={!history.canUndo || readOnly} title="Undo your last edit (Ctrl/Cmd+Z)">
          Undo
        </button>
        <button type="button" className="ghost" onClick={() => runHistory('redo')} disabled={!history.canRedo || readOnly} title="Redo (Shift+Ctrl/Cmd+Z)">
          Redo
        </button>
        <button type="button" className="ghost" onClick={() => void forkNow()} disabled={status !== 'connected'} title="A copy of this design, as it is now, that you can change on your own">
          Fork
        </button>
        <ExportMenu designId={designId} title={title} onError={(text) => setNotice({ kind: 'error', text })} />
        <ShareButton designId={designId} owner={role === 'owner'} />
        <ShortcutsButton />
        <ThemeSwitch />
        <ParticipantList participants={participants} you={you?.id ?? null} following={followingId} onFollow={(id) => setFollowingId((cur) => (cur === id ? null : id))} />
        <ConnectionIndicator status={status} problem={problem} />
      </header>
      <main className="canvas" aria-label="Design canvas">
        {mayEdit && <Palette onAdd={(type) => addNode(type)} disabled={readOnly} />}
        {/* Layers dragged from the palette drop anywhere on this area: the canvas or the template gallery over it. */}
        <div className="flow" ref={flowArea} onDragOver={onPaletteDragOver} onDrop={onPaletteDrop}>
          <RemoteSelections.Provider value={remoteSelections}>
            <NodeComments.Provider value={nodeComments}>
              <BlockActions.Provider value={blockActions}>
                <DesignCanvas
                  doc={shownDoc}
                  diagnostics={shownDiagnostics}
                  readOnly={readOnly}
                  selectable={!previewing}
                  selection={selection}
                  onSelectionChange={setSelection}
                  act={act}
                  fitToken={fitToken}
                  cursors={cursors}
                  people={others}
                  onPointer={sendCursor}
                  onViewport={sendViewport}
                  onUserMove={stopFollowing}
                />
              </BlockActions.Provider>
            </NodeComments.Provider>
          </RemoteSelections.Provider>
          {!readOnly && (
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
          )}
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
          <WorkshopRoomBar designId={designId} />
          <HistoryOverlay history={past} onNotice={setNotice} onOpenDesign={(id) => window.location.assign(`/d/${encodeURIComponent(id)}`)} />
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
                    readOnly={readOnly}
                    actions={
                      selectedNode && can(role, 'comment') && (
                        <button type="button" className="ghost comment-on-node" onClick={() => commentOn(selectedNode.id)}>
                          Comment on this node
                        </button>
                      )
                    }
                  />
                  <ProblemsList diagnostics={diagnosticList} onFocus={focusNode} />
                </>
              ),
            },
            {
              id: 'run',
              label: 'Run',
              badge: jobBadge(jobs.runJob),
              content: (
                <RunPanel mayRun={can(role, 'run')} doc={doc} errorCount={liveValidation.diagnostics.filter((d) => d.severity === 'error').length} jobs={jobs} participants={participants} onFocus={focusNode} />
              ),
            },
            {
              id: 'train',
              label: 'Train',
              badge: jobBadge(jobs.trainJob),
              content: <TrainPanel mayTrain={can(role, 'train')} designId={designId} doc={doc} validation={liveValidation} jobs={jobs} participants={participants} onFocus={focusNode} />,
            },
            {
              id: 'comments',
              label: 'Comments',
              badge: openCount(doc.comments) > 0 ? String(openCount(doc.comments)) : null,
              content: (
                <CommentsPanel
                  mayComment={can(role, 'comment')}
                  doc={doc}
                  you={you}
                  onlyNode={commentsFor}
                  onOnlyNode={setCommentsFor}
                  selectedNode={selection.length === 1 ? selection[0] : null}
                  composeToken={composeToken}
                  edit={edit}
                  onFocusNode={focusNode}
                />
              ),
            },
            { id: 'history', label: 'History', content: <HistoryPanel history={past} /> },
          ]}
        />
      </main>
      <StatusBar cost={cost} nodes={shownDoc.nodes.length} notice={notice} />
    </div>
  );
}
