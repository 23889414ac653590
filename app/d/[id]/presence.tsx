'use client';

import { useViewport } from '@xyflow/react';
import { createContext, useContext, useEffect, useRef, useState, type CSSProperties } from 'react';
import type { Participant } from '@/lib/protocol/messages';
import type { ConnectionStatus, RemoteCursors } from './use-design-room';

/** Who else has each node selected, by node id. */
export const RemoteSelections = createContext<ReadonlyMap<string, readonly Participant[]>>(new Map());

/** Rings around a node in the colours of the other people who have it selected. */
export function RemoteSelectionRings({ nodeId }: { nodeId: string }) {
  const people = useContext(RemoteSelections).get(nodeId);
  if (!people || people.length === 0) return null;
  return (
    <>
      {people.map((p, i) => (
        <span
          key={p.id}
          className="remote-ring"
          role="img"
          aria-label={`Selected by ${p.name}`}
          title={`Selected by ${p.name}`}
          style={{ '--who': p.colour, inset: `${-4 - i * 3}px` } as CSSProperties}
        />
      ))}
      <span className="remote-tag" aria-hidden="true" style={{ background: people[0].colour }}>
        {people.map((p) => p.name).join(', ')}
      </span>
    </>
  );
}

/** Other people's pointers, drawn over the canvas where they are in flow coordinates. */
export function RemoteCursorsLayer({ cursors, people }: { cursors: RemoteCursors; people: readonly Participant[] }) {
  const { x: vx, y: vy, zoom } = useViewport();
  const byId = new Map(people.map((p) => [p.id, p]));
  return (
    <div className="remote-cursors" aria-label="Other people’s pointers">
      {Object.entries(cursors).map(([id, at]) => {
        const who = byId.get(id);
        if (!who) return null;
        return (
          <div
            key={id}
            className="remote-cursor"
            role="img"
            aria-label={`${who.name}’s pointer`}
            style={{ transform: `translate(${at.x * zoom + vx}px, ${at.y * zoom + vy}px)` }}
          >
            <svg width="16" height="20" viewBox="0 0 16 20" aria-hidden="true">
              <path d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z" fill={who.colour} stroke="#fff" strokeWidth="1.5" strokeLinejoin="round" />
            </svg>
            <span style={{ background: who.colour }}>{who.name}</span>
          </div>
        );
      })}
    </div>
  );
}

const BACK_MS = 4000;

/** Says when the connection has dropped (edits wait) and when it is back. */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const wasConnected = useRef(false);
  const [lost, setLost] = useState(false);
  const [back, setBack] = useState(false);

  useEffect(() => {
    if (status === 'connected') {
      if (lost) {
        setLost(false);
        setBack(true);
      }
      wasConnected.current = true;
    } else if (wasConnected.current && (status === 'reconnecting' || status === 'offline')) {
      setLost(true);
      setBack(false);
    }
  }, [status, lost]);

  useEffect(() => {
    if (!back) return;
    const timer = setTimeout(() => setBack(false), BACK_MS);
    return () => clearTimeout(timer);
  }, [back]);

  return (
    <div className="connection-banner-slot" role="status" aria-live="polite">
      {lost && (
        <p className="connection-banner" data-kind="lost">
          Connection lost — reconnecting…, your edits will be sent when it’s back.
        </p>
      )}
      {back && (
        <p className="connection-banner" data-kind="back">
          Connection restored — you’re up to date.
        </p>
      )}
    </div>
  );
}
