import type { LatePolicy } from './assignment-spec.ts';
import { roundPoints } from './grade-report.ts';

/** What lateness costs a submission. */
export interface LatePenalty {
  late: boolean;
  /** Started days after the deadline: 1 s late is 1 day. */
  daysLate: number;
  /** The policy refuses late submissions and this one is late. */
  refused: boolean;
  /** Share of the earned points taken off, in percent. */
  penaltyPercent: number;
  /** Points taken off (2 decimals). */
  penalty: number;
  /** Earned minus penalty (0 when refused). */
  total: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The late penalty on `earned` points for a submission at `submittedAt`:
 * per started day late, `percentPerDay` of the earned points, never more
 * than `capPercent`; or refusal. On time (or no deadline) costs nothing.
 */
export function latePenalty(policy: LatePolicy, deadline: string | null, submittedAt: Date, earned: number): LatePenalty {
  const lateMs = deadline === null ? 0 : submittedAt.getTime() - Date.parse(deadline);
  if (!(lateMs > 0)) return { late: false, daysLate: 0, refused: false, penaltyPercent: 0, penalty: 0, total: roundPoints(earned) };
  const daysLate = Math.ceil(lateMs / DAY_MS);
  if (policy.kind === 'refuse') return { late: true, daysLate, refused: true, penaltyPercent: 100, penalty: roundPoints(earned), total: 0 };
  const penaltyPercent = Math.min(policy.capPercent, daysLate * policy.percentPerDay);
  const penalty = roundPoints((earned * penaltyPercent) / 100);
  return { late: true, daysLate, refused: false, penaltyPercent, penalty, total: roundPoints(earned - penalty) };
}
