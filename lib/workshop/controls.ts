import type { JobEventMessage } from '../protocol/messages.ts';

/** A workshop role, as stored on its members. */
export type WorkshopRole = 'instructor' | 'participant';

/** The reason code a frozen room gives for every refused edit. */
export const FROZEN_REASON = 'workshop-frozen';
export const FROZEN_MESSAGE = 'The instructor has frozen editing for now: your edit was not saved.';

/** Live controls (freeze, follow me, broadcast, starter, timer, spotlight, answering help) are the instructor's alone. */
export function mayControl(role: WorkshopRole | null | undefined): boolean {
  return role === 'instructor';
}

/** Raising a hand is a participant's, and only once they are in a group. */
export function mayRaiseHand(member: { role: WorkshopRole; groupId: string | null } | null): boolean {
  return member?.role === 'participant' && member.groupId !== null;
}

/** What is left of a countdown, in whole seconds (never below zero). */
export function secondsLeft(endsAt: string | Date, now: number): number {
  return Math.max(0, Math.ceil((new Date(endsAt).getTime() - now) / 1000));
}

/** A countdown as people read it: m:ss, or h:mm:ss past an hour. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** A finished job as one line on the dashboard: what it reached, or why it failed. */
export function jobHeadline(event: JobEventMessage | undefined): string | null {
  if (!event) return null;
  if (event.type === 'failed') return `failed: ${event.error.message}`;
  if (event.type !== 'result') return null;
  const result = event.result as { finalMetrics?: Array<{ name?: string; value?: number }>; task?: string; params?: number; elapsedMs?: number } | null;
  const metric = result?.finalMetrics?.[0];
  if (metric && typeof metric.value === 'number') {
    return `${result?.task ?? 'training'}: ${metric.name ?? 'metric'} ${metric.value.toFixed(3)}`;
  }
  if (typeof result?.elapsedMs === 'number') return `ran in ${Math.round(result.elapsedMs)} ms`;
  return 'finished';
}
