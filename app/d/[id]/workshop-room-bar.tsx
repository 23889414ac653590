'use client';

import { useReactFlow, useViewport } from '@xyflow/react';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { BroadcastBanner } from '@/app/w/broadcast-banner';
import { SpotlightView } from '@/app/w/spotlight-view';
import { TimerBadge } from '@/app/w/timer-badge';
import { useWorkshopChannel, type Viewport } from '@/app/w/use-workshop-channel';
import '@/app/w/workshop.css';

const VIEWPORT_SEND_MS = 80;

/**
 * Inside a workshop group's room: the workshop's timer, the instructor's
 * message, the frozen notice, the spotlight, and "follow me" (the canvas
 * follows the instructor's view). Renders nothing in a design of no workshop.
 */
export function WorkshopRoomBar({ designId }: { designId: string }) {
  const flow = useReactFlow();
  const follow = useRef(false);
  const onViewport = useCallback(
    (v: Viewport) => {
      if (follow.current) void flow.setViewport(v, { duration: 120 });
    },
    [flow],
  );
  const channel = useWorkshopChannel({ designId }, onViewport);
  const { state, you } = channel;
  const instructor = you?.role === 'instructor';
  follow.current = !!state?.following && !instructor;
  const [spotlightHidden, setSpotlightHidden] = useState<string | null>(null);

  if (!channel.joined || !state || !you) return null;
  const spot = state.spotlight && state.spotlight.designId !== designId && spotlightHidden !== state.spotlight.designId ? state.spotlight : null;
  return (
    <>
      <div className="workshop-room-overlay">
        <div className="workshop-room-bar" role="region" aria-label="Workshop">
          <Link href={`/w/${state.workshopId}`}>{instructor ? 'Back to the dashboard' : `Workshop: ${state.title}`}</Link>
          <TimerBadge timer={state.timer} />
          {state.frozen && (
            <span className="workshop-frozen" role="status">
              Editing is frozen by the instructor
            </span>
          )}
          {state.following && !instructor && (
            <span className="workshop-following" role="status">
              Following the instructor’s view
            </span>
          )}
          {instructor && <FollowMe following={state.following} control={channel.control} sendViewport={channel.sendViewport} />}
        </div>
        <BroadcastBanner broadcast={state.broadcast} />
      </div>
      {spot && (
        <div className="workshop-room-spotlight">
          <SpotlightView designId={spot.designId} groupName={spot.groupName} onHide={() => setSpotlightHidden(spot.designId)} />
        </div>
      )}
    </>
  );
}

/** The instructor's "follow me" switch; while on, their view goes to everyone. */
function FollowMe({ following, control, sendViewport }: { following: boolean; control: ReturnType<typeof useWorkshopChannel>['control']; sendViewport: (v: Viewport) => void }) {
  const { x, y, zoom } = useViewport();
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!following) return;
    const send = () => {
      pending.current = null;
      last.current = Date.now();
      sendViewport({ x, y, zoom });
    };
    const wait = VIEWPORT_SEND_MS - (Date.now() - last.current);
    if (pending.current) clearTimeout(pending.current);
    if (wait <= 0) send();
    else pending.current = setTimeout(send, wait);
    return () => {
      if (pending.current) clearTimeout(pending.current);
    };
  }, [following, x, y, zoom, sendViewport]);
  return (
    <button type="button" className="ghost" aria-pressed={following} onClick={() => void control({ kind: following ? 'unfollow' : 'follow' })}>
      {following ? 'Release followers' : 'Follow me'}
    </button>
  );
}
