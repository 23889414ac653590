'use client';

import { listTemplates } from '@/lib/design/templates';
import './template-gallery.css';
import { TemplateThumbnail } from './template-thumbnail';

/**
 * Shown on a blank canvas: start from a known architecture instead of an empty page.
 * A layer dragged from the palette onto it lands on the canvas below (the editor takes drops for the whole area).
 */
export function TemplateGallery({ onChoose }: { onChoose: (name: string) => void }) {
  // Tiny ones first: they train in seconds, which is what a workshop wants to try first.
  const templates = [...listTemplates()].sort((a, b) => Number(b.tiny) - Number(a.tiny));
  return (
    <section className="template-gallery" aria-labelledby="template-gallery-title">
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
