'use client';

import { BLOCK_INSET, estimateNodeSize } from '@/lib/design/arrange';
import { BLOCK_TYPE } from '@/lib/design/catalog';
import type { DesignDocument } from '@/lib/design/document';
import { templateDocument } from '@/lib/design/templates';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  frame: boolean;
}
interface Drawing {
  boxes: Box[];
  lines: { x1: number; y1: number; x2: number; y2: number }[];
  viewBox: string;
}

/** The arranged template as boxes in canvas units: layers and collapsed blocks solid, expanded blocks as frames. */
function draw(doc: DesignDocument): Drawing {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const boxes = new Map<string, Box>();
  const place = (parent: string | undefined, origin: { x: number; y: number }) => {
    for (const node of doc.nodes.filter((n) => n.parentId === parent)) {
      const at = { x: origin.x + node.position.x, y: origin.y + node.position.y };
      if (node.type === BLOCK_TYPE && node.params.collapsed !== true) {
        place(node.id, at);
        let right = at.x;
        let bottom = at.y;
        for (const c of doc.nodes.filter((n) => n.parentId === node.id)) {
          const b = boxes.get(c.id)!;
          right = Math.max(right, b.x + b.width + BLOCK_INSET.right);
          bottom = Math.max(bottom, b.y + b.height + BLOCK_INSET.bottom);
        }
        boxes.set(node.id, { ...at, width: right - at.x, height: bottom - at.y, frame: true });
      } else {
        boxes.set(node.id, { ...at, ...estimateNodeSize(node), frame: false });
      }
    }
  };
  place(undefined, { x: 0, y: 0 });
  const lines = doc.edges.flatMap((e) => {
    const s = boxes.get(e.source.node);
    const t = boxes.get(e.target.node);
    // Only edges between side-by-side nodes: those into and out of a frame run along its border.
    if (!s || !t || byId.get(e.source.node)?.parentId !== byId.get(e.target.node)?.parentId) return [];
    return [{ x1: s.x + s.width, y1: s.y + s.height / 2, x2: t.x, y2: t.y + t.height / 2 }];
  });
  const all = [...boxes.values()];
  const minX = Math.min(...all.map((b) => b.x));
  const minY = Math.min(...all.map((b) => b.y));
  const maxX = Math.max(...all.map((b) => b.x + b.width));
  const maxY = Math.max(...all.map((b) => b.y + b.height));
  const pad = 20;
  // Frames first, so the layers inside are drawn over them.
  const ordered = [...all].sort((a, b) => Number(b.frame) - Number(a.frame));
  return { boxes: ordered, lines, viewBox: `${minX - pad} ${minY - pad} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad}` };
}

const drawings = new Map<string, Drawing | null>();

function drawingOf(name: string): Drawing | null {
  if (!drawings.has(name)) {
    const template = templateDocument(name);
    drawings.set(name, template.ok && template.doc.nodes.length > 0 ? draw(template.doc) : null);
  }
  return drawings.get(name)!;
}

/** A small schematic of a template as it opens on the canvas (decorative: the title and sentence say what it is). */
export function TemplateThumbnail({ name }: { name: string }) {
  const drawing = drawingOf(name);
  if (!drawing) return null;
  return (
    <svg className="template-thumbnail" viewBox={drawing.viewBox} preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">
      {drawing.lines.map((l, i) => (
        <line key={i} {...l} className="template-thumbnail-edge" />
      ))}
      {drawing.boxes.map((b, i) => (
        <rect key={i} x={b.x} y={b.y} width={b.width} height={b.height} rx={b.frame ? 16 : 10} className={b.frame ? 'template-thumbnail-frame' : 'template-thumbnail-node'} />
      ))}
    </svg>
  );
}
export { draw as drawDesign };
