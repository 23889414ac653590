'use client';

import { formatCountdown, secondsLeft } from '@/lib/workshop/controls';
import type { WorkshopLiveState } from '@/lib/protocol/workshop-messages';
import { useNow } from './use-workshop-channel';

/** The exercise countdown everyone sees. */
export function TimerBadge({ timer }: { timer: WorkshopLiveState['timer'] }) {
  const now = useNow(timer !== null);
  if (!timer) return null;
  const left = secondsLeft(timer.endsAt, now);
  const name = timer.label || 'Exercise';
  return (
    <span className="workshop-timer" role="timer" aria-label={`${name}: ${left === 0 ? 'time is up' : `${formatCountdown(left)} left`}`} data-up={left === 0 || undefined}>
      {name}: {left === 0 ? 'time is up' : formatCountdown(left)}
    </span>
  );
}
