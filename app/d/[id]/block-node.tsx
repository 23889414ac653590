'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CollapseToggle } from './block-actions';
import { INNER, type FlowNode } from './flow-elements';
import { CommentBadge } from './comment-badge';
import { ProblemBadge } from './layer-node';
import { RemoteSelectionRings } from './presence';

/**
 * An expanded block: a frame around its children. Outside, its in/memory
 * ports take values on the left and out gives one on the right; inside, the
 * same ports hand values to the first layers and take the last one's.
 */
export function BlockNode({ id, data, selected }: NodeProps<FlowNode>) {
  const { node, displayName, ports, block } = data;
  const inputs = ports.filter((p) => p.direction === 'in');
  const outputs = ports.filter((p) => p.direction === 'out');
  const top = (i: number, n: number) => `${((i + 1) / (n + 1)) * 100}%`;
  return (
    <div className="block-node" data-severity={data.severity ?? undefined} data-selected={selected || undefined}>
      <RemoteSelectionRings nodeId={id} />
      <header>
        <CollapseToggle id={id} name={node.label ?? displayName} collapsed={false} />
        <strong>
          {node.label ?? displayName} ×{block?.repeat ?? 1}
        </strong>
        <span className="muted">{block?.kind} block</span>
        <ProblemBadge data={data} />
        <CommentBadge nodeId={id} />
      </header>
      {inputs.map((p, i) => (
        <PortHandles key={p.name} port={p} side="in" top={top(i, inputs.length)} />
      ))}
      {outputs.map((p, i) => (
        <PortHandles key={p.name} port={p} side="out" top={top(i, outputs.length)} />
      ))}
    </div>
  );
}

/**
 * One block port seen from both sides: outside it is the block's input (or output);
 * inside, the same port is the source the first layers read (or the target the last one writes).
 */
function PortHandles({ port, side, top }: { port: { name: string; label: string }; side: 'in' | 'out'; top: string }) {
  const edge = side === 'in' ? Position.Left : Position.Right;
  return (
    <span>
      <Handle
        type={side === 'in' ? 'target' : 'source'}
        position={edge}
        id={port.name}
        style={{ top }}
        aria-label={`${side === 'in' ? 'input' : 'output'} ${port.name}`}
        title={port.label}
      />
      <Handle
        type={side === 'in' ? 'source' : 'target'}
        position={edge}
        id={port.name + INNER}
        className="inner-handle"
        style={side === 'in' ? { top, left: 14 } : { top, right: 14 }}
        aria-label={`${port.name} inside`}
        title={`${port.label}, inside the block`}
      />
    </span>
  );
}
