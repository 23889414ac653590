import './access.css';
import Link from 'next/link';
import type { Role } from '@/lib/protocol/access';

const LABELS: Record<Role, { text: string; hint: string }> = {
  owner: { text: 'Owner', hint: 'You own this design: you may edit it and share it.' },
  editor: { text: 'Editor', hint: 'You may edit this design, run and train it.' },
  commenter: { text: 'Can comment', hint: 'You may read this design and comment on it, not change it.' },
  viewer: { text: 'View only', hint: 'You may look at this design, follow its edits live, fork and export it, not change it.' },
};

/** The role you have on the design, in the editor's header. */
export function RoleBadge({ role }: { role: Role }) {
  const { text, hint } = LABELS[role];
  return (
    <span className="role-badge" data-role={role} role="status" aria-label={`Your role: ${text}`} title={hint}>
      {text}
    </span>
  );
}

/** What someone sees once their access is gone (a revoked link): the design is no longer shown. */
export function AccessLost() {
  return (
    <main className="access-lost">
      <h1>You no longer have access to this design</h1>
      <p>Its owner revoked the link you joined through, or made the design private. Ask them for a new link.</p>
      <Link href="/">All designs</Link>
    </main>
  );
}
