import { z } from 'zod';
import { starterSchema } from '../grading/assignment-spec.ts';
import type { Refusal } from './messages.ts';

/**
 * The workshop channel: socket.io namespace `/workshop` (live controls and
 * the state every participant sees) and the workshop HTTP bodies. Every
 * payload is parsed with these schemas at the boundary.
 */
export const WORKSHOP_NAMESPACE = '/workshop';

const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an id');
const Finite = z.number().min(-1e7).max(1e7);

export const DisplayName = z.string().trim().min(1, 'give a display name').max(60, 'a display name is at most 60 characters');
export const WorkshopTitle = z.string().trim().min(1, 'give the workshop a title').max(120, 'a title is at most 120 characters');

// ── HTTP ────────────────────────────────────────────────────────────────────

/** POST /api/workshops */
export const CreateWorkshopRequest = z.strictObject({
  title: WorkshopTitle,
  starter: starterSchema,
  /** auto: n per group, assigned as people join; pick: people choose one of `groupCount` groups. */
  grouping: z.enum(['auto', 'pick']),
  groupSize: z.int().min(1).max(50).default(3),
  groupCount: z.int().min(1).max(50).default(4),
});
export type CreateWorkshopRequest = z.infer<typeof CreateWorkshopRequest>;

/** POST /api/workshops/join: by the code people type or the token in the link. */
export const JoinWorkshopRequest = z.union([
  z.strictObject({ code: z.string().min(1).max(20), displayName: DisplayName }),
  z.strictObject({ token: z.string().min(1).max(64), displayName: DisplayName }),
]);
export type JoinWorkshopRequest = z.infer<typeof JoinWorkshopRequest>;

/** POST /api/workshops/[id]/groups: the instructor adds groups. */
export const MakeGroupsRequest = z.strictObject({ count: z.int().min(1).max(20) });

/** POST /api/workshops/[id]/pick: a participant chooses a group (grouping "pick"). */
export const PickGroupRequest = z.strictObject({ groupId: Id });

// ── socket: client → server ─────────────────────────────────────────────────

/** Join a workshop's live channel, by the workshop or by one of its group designs (from inside a room). */
export const JoinWorkshop = z.union([z.strictObject({ workshopId: Id }), z.strictObject({ designId: Id })]);

/** What only the instructor may send. */
export const WorkshopControl = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('freeze') }),
  z.strictObject({ kind: z.literal('unfreeze') }),
  /** Everyone's canvas follows the instructor's view until 'unfollow'. */
  z.strictObject({ kind: z.literal('follow') }),
  z.strictObject({ kind: z.literal('unfollow') }),
  z.strictObject({ kind: z.literal('broadcast'), text: z.string().trim().min(1, 'write a message').max(500) }),
  /** Every group's design is replaced by this starter (an edit in each room's history, undoable). */
  z.strictObject({ kind: z.literal('starter'), starter: starterSchema }),
  z.strictObject({ kind: z.literal('timer'), seconds: z.int().min(5).max(6 * 3600), label: z.string().trim().max(80).default('') }),
  z.strictObject({ kind: z.literal('timer-stop') }),
  z.strictObject({ kind: z.literal('spotlight'), groupId: Id }),
  z.strictObject({ kind: z.literal('spotlight-end') }),
  z.strictObject({ kind: z.literal('answer'), requestId: Id }),
]);
export type WorkshopControl = z.infer<typeof WorkshopControl>;

/** A group raises its hand. */
export const RaiseHand = z.strictObject({ note: z.string().trim().max(200).default('') });

/** The instructor's view while "follow me" is on (volatile). */
export const InstructorViewport = z.strictObject({ x: Finite, y: Finite, zoom: z.number().min(0.01).max(100) });

// ── server → client ─────────────────────────────────────────────────────────

export interface HelpRequestInfo {
  id: string;
  groupId: string;
  groupName: string;
  designId: string;
  note: string;
  raisedBy: string;
  raisedAt: string;
}

/** What every participant of a workshop sees live (the help queue: all of it for the instructor, a participant's own group's for them). */
export interface WorkshopLiveState {
  workshopId: string;
  title: string;
  frozen: boolean;
  following: boolean;
  timer: { endsAt: string; label: string } | null;
  spotlight: { groupId: string; groupName: string; designId: string } | null;
  broadcast: { text: string; at: string } | null;
  helpQueue: HelpRequestInfo[];
}

export interface WorkshopYou {
  personId: string;
  role: 'instructor' | 'participant';
  groupId: string | null;
}

export type JoinWorkshopAnswer = { ok: true; state: WorkshopLiveState; you: WorkshopYou } | Refusal;
export type ControlAnswer = { ok: true } | Refusal;

export interface WorkshopClientEvents {
  'workshop:join': (msg: unknown, ack: (answer: JoinWorkshopAnswer) => void) => void;
  'workshop:control': (msg: unknown, ack: (answer: ControlAnswer) => void) => void;
  'workshop:raise-hand': (msg: unknown, ack: (answer: ControlAnswer) => void) => void;
  'workshop:viewport': (msg: unknown) => void;
}

export interface WorkshopServerEvents {
  'workshop:state': (msg: WorkshopLiveState) => void;
  /** The instructor's view while following is on. */
  'workshop:viewport': (msg: { x: number; y: number; zoom: number }) => void;
}
