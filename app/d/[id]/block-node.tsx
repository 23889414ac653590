'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { INNER, type FlowNode } from './flow-elements';
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
        <strong>
          {node.label ?? displayName} ×{block?.repeat ?? 1}
        </strong>
        <span className="muted">{block?.kind} block</span>
        <ProblemBadge data={data} />
      </header>
      {inputs.map((p, i) => (
        <span key={p.name}>
          <Handle type="target" position={Position.Left} id={p.name} style={{ top: top(i, inputs.length) }} aria-label={`input ${p.name}`} title={p.label} />
          <Handle
            type="source"
            position={Position.Left}
            id={p.name + INNER}
            className="inner-handle"
            style={{ top: top(i, inputs.length), left: 14 }}
            aria-label={`${p.name} inside`}
            title={`${p.label}, inside the block`}
          />
        </span>
      ))}
      {outputs.map((p, i) => (
        <span key={p.name}>
          <Handle type="source" position={Position.Right} id={p.name} style={{ top: top(i, outputs.length) }} aria-label={`output ${p.name}`} title={p.label} />
          <Handle
            type="target"
            position={Position.Right}
            id={p.name + INNER}
            className="inner-handle"
            style={{ top: top(i, outputs.length), right: 14 }}
            aria-label={`${p.name} inside`}
            title={`${p.label}, inside the block`}
          />
        </span>
      ))}
    </div>
  );
}
