import { opAction, type Action } from '../../lib/protocol/access.ts';
import type { ClientToServerEvents } from '../../lib/protocol/messages.ts';

/**
 * What a socket message asks to do, read from its raw payload before it is
 * parsed (a payload too malformed to tell counts as the strongest action of
 * its event, so a weak role never gets as far as the parser).
 */
export function socketAction(event: keyof ClientToServerEvents, raw: unknown): Action {
  const field = (key: string): unknown => (typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined);
  switch (event) {
    case 'design:join':
      return 'join';
    case 'op:submit': {
      const op = field('op');
      const type = typeof op === 'object' && op !== null ? (op as Record<string, unknown>).type : undefined;
      return typeof type === 'string' ? opAction(type) : 'edit';
    }
    case 'job:start':
      return field('kind') === 'run' ? 'run' : 'train';
    case 'job:cancel':
      return 'cancel';
    case 'presence:cursor':
    case 'presence:selection':
    case 'presence:viewport':
      return 'presence';
  }
}
