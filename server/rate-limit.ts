/**
 * A token bucket: `burst` messages may come at once, then `perSecond` on
 * average. One per connection and kind of message; checked before anything
 * else is done with a message, so a flood costs a subtraction per message.
 */
export class RateLimit {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.refilledAt = now;
  }

  /** Takes one token; false means the message is over the limit. */
  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Limits of one socket connection, per kind of message. */
export interface ConnectionLimits {
  /** Edits: a paste may come as a burst, a flood may not. */
  ops: RateLimit;
  /** Opening a design reads the database: a reconnect or a switch is a few, not hundreds. */
  joins: RateLimit;
  /** Starting and cancelling runs and trainings. */
  jobs: RateLimit;
  /** Cursor moves, selection and viewport changes (all dropped silently when over). */
  presence: RateLimit;
}

export const CONNECTION_LIMITS = {
  ops: { burst: 60, perSecond: 30 },
  joins: { burst: 10, perSecond: 1 },
  jobs: { burst: 10, perSecond: 1 },
  // A browser sends at most ~25 cursor moves a second plus a few selection and viewport changes.
  presence: { burst: 40, perSecond: 40 },
} as const;

/** The largest socket.io message the server reads; a larger one closes the connection (socket.io's rule). */
export const MAX_SOCKET_MESSAGE_BYTES = 1_000_000;

export function connectionLimits(now = Date.now()): ConnectionLimits {
  const make = (k: keyof typeof CONNECTION_LIMITS) => new RateLimit(CONNECTION_LIMITS[k].burst, CONNECTION_LIMITS[k].perSecond, now);
  return { ops: make('ops'), joins: make('joins'), jobs: make('jobs'), presence: make('presence') };
}
