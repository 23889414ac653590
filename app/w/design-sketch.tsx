'use client';

import { useMemo } from 'react';
import type { DesignDocument } from '@/lib/design/document';
import { drawDesign } from '@/app/d/[id]/template-thumbnail';
import './workshop.css';

/** A design drawn small: its layers as boxes and the wires between them (the template gallery's drawing). */
export function DesignSketch({ doc, label, large = false }: { doc: DesignDocument; label: string; large?: boolean }) {
  const drawing = useMemo(() => (doc.nodes.length > 0 ? drawDesign(doc) : null), [doc]);
  if (!drawing) {
    return (
      <div className="design-sketch empty" role="img" aria-label={`${label}: empty canvas`} data-large={large || undefined}>
        Empty canvas
      </div>
    );
  }
  return (
    <svg className="design-sketch" data-large={large || undefined} viewBox={drawing.viewBox} preserveAspectRatio="xMidYMid meet" role="img" aria-label={`${label}: ${doc.nodes.length} layers`}>
      {drawing.lines.map((l, i) => (
        <line key={i} {...l} className="sketch-edge" />
      ))}
      {drawing.boxes.map((b, i) => (
        <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} rx={b.frame ? 16 : 10} className={b.frame ? 'sketch-frame' : 'sketch-node'} />
      ))}
    </svg>
  );
}
