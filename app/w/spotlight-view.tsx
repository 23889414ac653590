'use client';

import { useDesignRoom } from '@/app/d/[id]/use-design-room';
import { DesignSketch } from './design-sketch';
import './workshop.css';

/** One group's design, live and read-only, while the instructor spotlights it. */
export function SpotlightView({ designId, groupName, onHide }: { designId: string; groupName: string; onHide?: () => void }) {
  const room = useDesignRoom(designId, groupName);
  return (
    <section className="spotlight" aria-label={`Spotlight: ${groupName}`}>
      <header>
        <strong>Spotlight: {groupName}</strong>
        <span className="muted">
          {room.status === 'connected' ? `live · version ${room.version} · ${room.doc.nodes.length} layers` : 'connecting…'}
        </span>
        {onHide && (
          <button type="button" className="ghost" onClick={onHide}>
            Hide
          </button>
        )}
      </header>
      <DesignSketch doc={room.doc} label={`${groupName}’s design`} large />
    </section>
  );
}
