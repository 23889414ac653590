import type { ConnectionStatus } from './use-design-room';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'connecting…',
  connected: 'connected',
  reconnecting: 'reconnecting…',
  offline: 'offline',
};

/** Shows whether edits reach the others right now. */
export function ConnectionIndicator({ status, problem }: { status: ConnectionStatus; problem: string | null }) {
  return (
    <span className="connection" data-status={status} role="status" aria-label={`Connection: ${LABELS[status]}`} title={problem ?? undefined}>
      <span className="dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
