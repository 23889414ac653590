'use client';

import { listTemplates } from '@/lib/design/templates';
import './template-gallery.css';
import { PALETTE_MIME } from './design-canvas';
import { TemplateThumbnail } from './template-thumbnail';

/**
 * Shown on a blank canvas: start from a known architecture instead of an empty page.
 * It covers the canvas, so a layer dragged from the palette onto it lands on the canvas below.
 */
export function TemplateGallery({
  onChoose,
  onDropLayer,
}: {
  onChoose: (name: string) => void;
  onDropLayer: (type: string, at: { clientX: number; clientY: number }) => void;
}) {
  // Tiny ones first: they train in seconds, which is what a workshop wants to try first.
  const templates = [...listTemplates()].sort((a, b) => Number(b.tiny) - Number(a.tiny));
  return (
    <section
      className="template-gallery"
      aria-labelledby="template-gallery-title"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDrop={(e) => {
        const type = e.dataTransfer.getData(PALETTE_MIME);
        if (!type) return;
        e.preventDefault();
        onDropLayer(type, { clientX: e.clientX, clientY: e.clientY });
      }}
    >
      <h2 id="template-gallery-title">Start from a template</h2>
      <p className="muted">Or add layers from the palette on the left to build one from scratch.</p>
      <ul>
        {templates.map((t) => (
          <li key={t.name}>
            <button type="button" onClick={() => onChoose(t.name)}>
              <strong>{t.title}</strong>
              <TemplateThumbnail name={t.name} />
              <span>{t.summary}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
