import { z } from 'zod';

/**
 * Every socket.io message, both directions. Bump PROTOCOL_VERSION on any
 * incompatible change; the client sends its version when it joins.
 */
export const PROTOCOL_VERSION = 1;

export const DesignId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a design id');

// client → server
export const JoinDesign = z.object({ protocol: z.literal(PROTOCOL_VERSION), designId: DesignId }).strict();
export type JoinDesign = z.infer<typeof JoinDesign>;

// server → client
export interface DesignJoined {
  designId: string;
  title: string;
  version: number;
}
export interface DesignRenamed {
  designId: string;
  title: string;
  version: number;
}

/** Why the server refused a message: a code for programs, a sentence for people. */
export interface Refusal {
  ok: false;
  code: 'bad-message' | 'not-found' | 'protocol-mismatch' | 'internal';
  message: string;
}

export type JoinAnswer = ({ ok: true } & DesignJoined) | Refusal;

export interface ClientToServerEvents {
  'design:join': (msg: unknown, ack: (answer: JoinAnswer) => void) => void;
}

export interface ServerToClientEvents {
  'design:renamed': (msg: DesignRenamed) => void;
}
