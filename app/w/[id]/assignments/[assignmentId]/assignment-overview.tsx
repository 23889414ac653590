import '../assignments.css';
import Link from 'next/link';
import type { AssignmentRecord } from '@/lib/protocol/assignments-http';
import { TEST_KINDS } from '../test-kinds';
import { formatWhen } from '../format-when';

/** The instructor's view of an assignment: what it asks and tests, and the ways to edit it and grade it. */
export function AssignmentOverview({ workshopId, assignment }: { workshopId: string; assignment: AssignmentRecord }) {
  const { spec } = assignment;
  const base = `/w/${workshopId}/assignments/${assignment.id}`;
  return (
    <main className="av-page">
      <header className="av-header">
        <h1>{spec.title}</h1>
        <nav className="av-actions" aria-label="Assignment">
          <Link href={`/w/${workshopId}`}>Back to the workshop</Link>
          <Link href={`${base}/edit`}>Edit assignment</Link>
          <Link href={`${base}/gradebook`}>Open gradebook</Link>
        </nav>
      </header>
      <p className="av-meta">
        Deadline: {spec.deadline ? formatWhen(spec.deadline) : 'none'} · Late: {spec.latePolicy.kind === 'refuse' ? 'not accepted' : `${spec.latePolicy.percentPerDay}% a day, at most ${spec.latePolicy.capPercent}%`} · Revision {assignment.revision} ·{' '}
        {assignment.releasedAt ? `grades released ${formatWhen(assignment.releasedAt)}` : 'grades not released'}
      </p>
      <section className="av-section" aria-labelledby="ov-prompt">
        <h2 id="ov-prompt">Prompt</h2>
        <p className="av-prompt">{spec.prompt || '—'}</p>
      </section>
      <section className="av-section" aria-labelledby="ov-tests">
        <h2 id="ov-tests">Tests</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Kind</th>
              <th scope="col">Visibility</th>
              <th scope="col" className="gb-num">
                Points
              </th>
            </tr>
          </thead>
          <tbody>
            {spec.tests.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{TEST_KINDS[t.kind].label}</td>
                <td>{t.visibility === 'hidden' ? 'Hidden until release' : 'Visible'}</td>
                <td className="gb-num">{t.points}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
