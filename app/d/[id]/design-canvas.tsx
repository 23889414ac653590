'use client';

import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  useViewport,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnBeforeDelete,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type PointerEvent } from 'react';
import type { DesignDocument } from '@/lib/design/document';
import type { LoggedOp } from '@/lib/design/design-state';
import type { DiagnosticsMessage, Participant } from '@/lib/protocol/messages';
import { BlockNode } from './block-node';
import { portOf, toFlowEdges, toFlowNodes, type FlowEdge, type FlowNode } from './flow-elements';
import { LayerNode } from './layer-node';
import { newId } from './new-id';
import { useTheme } from '@/app/use-theme';
import { RemoteCursorsLayer } from './presence';
import { readableViewport } from './readable-view';
import type { RemoteCursors, Viewport } from './use-design-room';

const NODE_TYPES = { layer: LayerNode, block: BlockNode };
/** The drag payload of a palette item: the node type to add. */
export const PALETTE_MIME = 'application/x-multihead-node-type';

interface Props {
  doc: DesignDocument;
  diagnostics: DiagnosticsMessage | null;
  selection: readonly string[];
  onSelectionChange: (update: (previous: readonly string[]) => string[]) => void;
  /** Makes an edit; refusals are reported by the caller. */
  act: (op: LoggedOp) => void;
  /** Adds a node of this type at a canvas position (a palette item dropped here). */
  /** Changes whenever the view should fit the whole design once its nodes are measured. */
  fitToken: number;
  /** Other people's pointers and who they are. */
  cursors: RemoteCursors;
  people: readonly Participant[];
  /** This person's pointer in flow coordinates, or null when it left the canvas. */
  onPointer: (at: { x: number; y: number } | null) => void;
  /** Every change of the view, whoever made it. */
  onViewport: (viewport: Viewport) => void;
  /** The person panned or zoomed the view themselves. */
  onUserMove: () => void;
  /** Showing the past (a preview or replay): nothing can be moved, deleted, connected or dropped. */
  readOnly?: boolean;
  /** Nodes may be selected even when read-only (to inspect them); default: only when editable. */
  selectable?: boolean;
}

/** Reports the view as it changes (fitView, following and the person's own moves alike). */
function ViewportReporter({ onViewport }: { onViewport: (viewport: Viewport) => void }) {
  const { x, y, zoom } = useViewport();
  useEffect(() => onViewport({ x, y, zoom }), [x, y, zoom, onViewport]);
  return null;
}

/** The graph: the document drawn with React Flow; every change a person makes becomes an op. */
export function DesignCanvas(props: Props) {
  const { doc, diagnostics, selection, onSelectionChange, act, fitToken, cursors, people, onPointer, onViewport, onUserMove, readOnly = false, selectable = !readOnly } = props;
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const selected = useMemo(() => new Set(selection), [selection]);
  const [nodes, setNodes] = useState<FlowNode[]>([]);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const problems = diagnostics?.diagnostics;
  const theme = useTheme();

  // React Flow keeps each node's measured size on the node objects: keep it (and a drag in progress) across document changes.
  useEffect(() => {
    setNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return toFlowNodes(doc, problems ?? [], selected).map((n) => {
        const old = before.get(n.id);
        if (!old) return n;
        return { ...n, measured: old.measured, ...(old.dragging ? { position: old.position, dragging: true } : {}) };
      });
    });
  }, [doc, problems, selected]);

  const edges = useMemo(() => toFlowEdges(doc, diagnostics, selectedEdges), [doc, diagnostics, selectedEdges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), ns));
      const picks = changes.flatMap((c) => (c.type === 'select' ? [c] : []));
      if (picks.length > 0) {
        onSelectionChange((previous) => {
          const next = new Set(previous);
          for (const c of picks) {
            if (c.selected) next.add(c.id);
            else next.delete(c.id);
          }
          return [...next];
        });
      }
    },
    [onSelectionChange],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const picks = changes.filter((c) => c.type === 'select');
    if (picks.length === 0) return;
    setSelectedEdges((previous) => {
      const next = new Set(previous);
      for (const c of picks) {
        if (c.type !== 'select') continue;
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      return next;
    });
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, __: FlowNode, dragged: FlowNode[]) => {
      const byId = new Map(doc.nodes.map((n) => [n.id, n]));
      const moves = dragged
        .filter((n) => {
          const was = byId.get(n.id)?.position;
          return was && (was.x !== n.position.x || was.y !== n.position.y);
        })
        .map((n) => ({ id: n.id, position: { x: Math.round(n.position.x), y: Math.round(n.position.y) } }));
      setNodes((ns) => ns.map((n) => (n.dragging ? { ...n, dragging: false } : n)));
      if (moves.length > 0) act({ type: 'moveNodes', moves });
    },
    [doc, act],
  );

  // Deleting is an edit like any other: React Flow only reports what was asked for; the document decides.
  const onBeforeDelete: OnBeforeDelete<FlowNode, FlowEdge> = useCallback(
    async ({ nodes: gone, edges: cut }) => {
      const ids = new Set(gone.map((n) => n.id));
      if (ids.size > 0) act({ type: 'removeNodes', ids: [...ids] });
      for (const e of cut) if (!ids.has(e.source) && !ids.has(e.target)) act({ type: 'disconnect', id: e.id });
      return false;
    },
    [act],
  );

  const onConnect = useCallback(
    (c: Connection) => act({ type: 'connect', edge: { id: newId('e'), source: portOf(c.source, c.sourceHandle), target: portOf(c.target, c.targetHandle) } }),
    [act],
  );

  const onPointerMove = useCallback(
    (event: PointerEvent) => onPointer(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })),
    [flow, onPointer],
  );

  const initialised = useNodesInitialized();
  const screenWidth = useStore((s) => s.width);
  const screenHeight = useStore((s) => s.height);
  const [fitted, setFitted] = useState(0);
  useEffect(() => {
    if (fitToken === fitted || !initialised || nodes.length === 0) return;
    setFitted(fitToken);
    // The whole design when it is small enough to read, else a readable part of it from the inputs on.
    const bounds = flow.getNodesBounds(flow.getNodes().filter((n) => !n.hidden));
    void flow.setViewport(readableViewport(bounds, { width: screenWidth, height: screenHeight }), { duration: 200 });
  }, [fitToken, fitted, initialised, nodes.length, flow, screenWidth, screenHeight]);

  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onNodeDragStop}
      onBeforeDelete={onBeforeDelete}
      onConnect={onConnect}
      onPointerMove={onPointerMove}
      onPointerLeave={() => onPointer(null)}
      onMoveStart={(event) => {
        // Programmatic moves (fitView, following someone) have no event.
        if (event) onUserMove();
      }}
      deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      elementsSelectable={selectable}
      minZoom={0.1}
      fitView
      defaultEdgeOptions={{ labelBgPadding: [4, 2], labelBgBorderRadius: 4 }}
      colorMode={theme}
      proOptions={{ hideAttribution: false }}
    >
      <Background />
      <Controls />
      <MiniMap pannable zoomable style={{ width: 160, height: 100 }} />
      <ViewportReporter onViewport={onViewport} />
      <RemoteCursorsLayer cursors={cursors} people={people} />
    </ReactFlow>
  );
}
