import type { PresenceState } from '@/lib/protocol/messages';

/** Who else has this design open, as coloured initials. */
export function ParticipantList({ participants }: { participants: PresenceState[] }) {
  return (
    <ul className="participants" aria-label="People here">
      {participants.map((p) => (
        <li key={p.id} title={p.name} aria-label={p.name} style={{ background: p.colour }}>
          {p.name
            .split(' ')
            .map((w) => w[0])
            .join('')}
        </li>
      ))}
    </ul>
  );
}
