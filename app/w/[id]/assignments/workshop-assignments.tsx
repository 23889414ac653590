'use client';

import './assignments.css';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { formatWhen } from './format-when';

interface Listed {
  id: string;
  spec: { title: string; deadline: string | null };
}

/** The workshop's assignments on its page: links to each, and to a new one for the instructor. */
export function WorkshopAssignments({ workshopId, instructor }: { workshopId: string; instructor: boolean }) {
  const [assignments, setAssignments] = useState<Listed[] | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(`/api/workshops/${encodeURIComponent(workshopId)}/assignments`, { cache: 'no-store' })
      .then((r) => r.json() as Promise<{ ok: boolean; assignments?: Listed[] }>)
      .then((body) => live && setAssignments(body.assignments ?? []));
    return () => {
      live = false;
    };
  }, [workshopId]);
  return (
    <section className="av-section workshop-assignments" aria-labelledby="wa-title">
      <div className="av-header">
        <h2 id="wa-title">Assignments</h2>
        {instructor && <Link href={`/w/${workshopId}/assignments/new`}>New assignment</Link>}
      </div>
      {assignments === null ? (
        <p className="av-note">Loading…</p>
      ) : assignments.length === 0 ? (
        <p className="av-note">No assignments yet.</p>
      ) : (
        <ul>
          {assignments.map((a) => (
            <li key={a.id}>
              <Link href={`/w/${workshopId}/assignments/${a.id}`}>{a.spec.title}</Link>
              {a.spec.deadline && <span className="av-note"> · due {formatWhen(a.spec.deadline)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
