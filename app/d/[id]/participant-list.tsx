import type { PresenceState } from '@/lib/protocol/messages';

const initials = (name: string) =>
  name
    .split(' ')
    .map((w) => w[0])
    .join('');

interface Props {
  participants: PresenceState[];
  /** This person's id: shown, but not followable. */
  you: string | null;
  following: string | null;
  onFollow: (id: string) => void;
}

/** Who has this design open, as coloured initials; choosing someone else follows their view. */
export function ParticipantList({ participants, you, following, onFollow }: Props) {
  return (
    <ul className="participants" aria-label="People here">
      {participants.map((p) =>
        p.id === you ? (
          <li key={p.id} className="you" title={`${p.name} (you)`} aria-label={`${p.name} (you)`} style={{ background: p.colour }}>
            {initials(p.name)}
          </li>
        ) : (
          <li key={p.id} aria-label={p.name}>
            <button
              type="button"
              style={{ background: p.colour }}
              aria-pressed={following === p.id}
              aria-label={`Follow ${p.name}`}
              title={following === p.id ? `Following ${p.name}: choose again to stop` : `Follow ${p.name}’s view`}
              onClick={() => onFollow(p.id)}
            >
              {initials(p.name)}
            </button>
          </li>
        ),
      )}
    </ul>
  );
}
