'use client';

import { useMemo, useState } from 'react';
import { listNodeTypes, type PaletteGroup } from '@/lib/design/catalog';
import { PALETTE_MIME } from './design-canvas';

const GROUP_NAMES: Record<PaletteGroup, string> = {
  inputs: 'Inputs',
  embeddings: 'Embeddings & positions',
  attention: 'Attention',
  normalization: 'Normalisation & residual',
  layers: 'Feed-forward & layers',
  recurrent: 'Recurrent',
  heads: 'Heads',
  blocks: 'Blocks',
};

/** The layers a person can add, grouped as the catalog groups them; click (or Enter) adds one, or drag it onto the canvas. Disabled while the canvas shows the past. */
export function Palette({ onAdd, disabled = false }: { onAdd: (type: string) => void; disabled?: boolean }) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matching = listNodeTypes().filter(
      (e) => q === '' || e.displayName.toLowerCase().includes(q) || e.type.includes(q) || GROUP_NAMES[e.group].toLowerCase().includes(q),
    );
    return (Object.keys(GROUP_NAMES) as PaletteGroup[])
      .map((group) => ({ group, entries: matching.filter((e) => e.group === group) }))
      .filter((g) => g.entries.length > 0);
  }, [query]);

  return (
    <aside className="palette" aria-label="Layers" aria-disabled={disabled || undefined}>
      <input
        type="search"
        className="palette-search"
        aria-label="Search layers"
        placeholder="Search layers…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {groups.length === 0 && <p className="muted">No layer matches “{query}”.</p>}
      {groups.map(({ group, entries }) => (
        <section key={group} aria-labelledby={`palette-${group}`}>
          <h3 id={`palette-${group}`}>{GROUP_NAMES[group]}</h3>
          <ul>
            {entries.map((e) => (
              <li key={e.type}>
                <button
                  type="button"
                  className="palette-item"
                  title={e.teaching}
                  draggable={!disabled}
                  disabled={disabled}
                  onDragStart={(ev) => {
                    ev.dataTransfer.setData(PALETTE_MIME, e.type);
                    ev.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(e.type)}
                >
                  {e.displayName}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
