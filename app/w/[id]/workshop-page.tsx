'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import type { WorkshopView } from '@/lib/protocol/workshop-http';
import { ThemeSwitch } from '@/app/theme-switch';
import { BroadcastBanner } from '../broadcast-banner';
import { SpotlightView } from '../spotlight-view';
import { TimerBadge } from '../timer-badge';
import { useWorkshopChannel } from '../use-workshop-channel';
import { InstructorDashboard } from './instructor-dashboard';
import { ParticipantView } from './participant-view';
import { WorkshopAssignments } from './assignments/workshop-assignments';
import '../workshop.css';

/** A workshop: the instructor's dashboard and controls, or a participant's group, timer, messages and hand. */
export function WorkshopPage({ initial }: { initial: WorkshopView }) {
  const [view, setView] = useState(initial);
  const channel = useWorkshopChannel({ workshopId: initial.id });
  const { state } = channel;
  const instructor = view.you.role === 'instructor';

  const reload = useCallback(async () => {
    const res = await fetch(`/api/workshops/${encodeURIComponent(initial.id)}`);
    if (!res.ok) return;
    const body = (await res.json()) as { workshop: WorkshopView };
    setView(body.workshop);
  }, [initial.id]);
  // The server tells the workshop whenever someone joins or picks a group: read the groups again then.
  useEffect(() => {
    if (state) void reload();
  }, [reload, state]);

  return (
    <main className="workshop-page">
      <header>
        <Link href="/">Multihead</Link>
        <h1>{view.title}</h1>
        <span className="muted">{instructor ? 'You run this workshop' : `You are ${view.you.displayName}`}</span>
        <span className="spacer" />
        {state && <TimerBadge timer={state.timer} />}
        {state?.frozen && (
          <span className="workshop-frozen" role="status">
            Editing is frozen by the instructor
          </span>
        )}
        <ThemeSwitch />
      </header>
      {state && <BroadcastBanner broadcast={state.broadcast} />}
      {/* The instructor's dashboard shows the spotlit group among the others; the participants get it large. */}
      {state?.spotlight && !instructor && <SpotlightView designId={state.spotlight.designId} groupName={state.spotlight.groupName} />}
      {instructor ? (
        <InstructorDashboard view={view} channel={channel} onGroupsChanged={reload} />
      ) : (
        <ParticipantView view={view} channel={channel} onPicked={reload} />
      )}
      <WorkshopAssignments workshopId={view.id} instructor={instructor} />
    </main>
  );
}
