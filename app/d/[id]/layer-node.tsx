'use client';

import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { PortSpec } from '@/lib/design/catalog';
import { CollapseToggle } from './block-actions';
import type { FlowNode } from './flow-elements';
import { CommentBadge } from './comment-badge';
import { RemoteSelectionRings } from './presence';

/** A badge with the worst problem on a node, named for screen readers. */
export function ProblemBadge({ data }: { data: FlowNode['data'] }) {
  if (!data.severity) return null;
  const name = `${data.problems} ${data.problems === 1 ? 'problem' : 'problems'}, worst: ${data.severity}`;
  return (
    <span className="badge" data-severity={data.severity} role="img" aria-label={name} title={name}>
      {data.severity === 'error' ? '!' : data.severity === 'warning' ? '▲' : 'i'}
      {data.problems > 1 ? data.problems : ''}
    </span>
  );
}

function PortRow({ port }: { port: PortSpec }) {
  const input = port.direction === 'in';
  return (
    <div className={`port port-${port.direction}`}>
      <Handle
        type={input ? 'target' : 'source'}
        position={input ? Position.Left : Position.Right}
        id={port.name}
        aria-label={`${input ? 'input' : 'output'} ${port.name}`}
        title={`${port.label} (${port.kind})`}
        className={`handle-${port.kind}`}
      />
      <span>{port.name}</span>
    </div>
  );
}

/** One layer on the canvas: what it is, its key params, its typed ports and its problems. */
export function LayerNode({ id, data, selected }: NodeProps<FlowNode>) {
  const { node, displayName, ports, block } = data;
  const title = block ? `${node.label ?? displayName} ×${block.repeat}` : displayName;
  return (
    <div className="layer-node" data-severity={data.severity ?? undefined} data-selected={selected || undefined}>
      <RemoteSelectionRings nodeId={id} />
      <header>
        {block && <CollapseToggle id={id} name={node.label ?? displayName} collapsed />}
        <strong>{title}</strong>
        <ProblemBadge data={data} />
        <CommentBadge nodeId={id} />
      </header>
      {node.label && !block && <div className="node-label">{node.label}</div>}
      {block && <div className="node-label">{block.kind} block, collapsed</div>}
      {data.summary.length > 0 && (
        <ul className="node-params">
          {data.summary.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}
      <div className="ports">
        {ports.map((p) => (
          <PortRow key={`${p.direction}-${p.name}`} port={p} />
        ))}
      </div>
    </div>
  );
}
