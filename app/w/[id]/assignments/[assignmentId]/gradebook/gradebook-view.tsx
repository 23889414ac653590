'use client';

import '../../assignments.css';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import type { Gradebook, GradebookRow } from '@/lib/protocol/assignments-http';
import { formatWhen } from '../../format-when';
import { SubmissionDetail } from './submission-detail';

const POLL_MS = 2000;
const gradings = (n: number) => (n > 1 ? ` · graded ${n} times` : '');
const STATUS_TEXT = { queued: 'queued', running: 'grading…', done: 'graded', failed: 'failed' } as const;

async function post(url: string, body?: unknown): Promise<{ ok: boolean; message?: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return (await res.json()) as { ok: boolean; message?: string };
}

/** The instructor's gradebook: groups × tests with late penalty and total; override, regrade, release, CSV and each submission's detail. */
export function GradebookView({ workshopId, initial }: { workshopId: string; initial: Gradebook }) {
  const [book, setBook] = useState(initial);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const [overriding, setOverriding] = useState<GradebookRow | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const { assignment } = book;
  const api = `/api/workshops/${workshopId}/assignments/${assignment.id}`;

  const refresh = useCallback(async () => {
    const body = (await (await fetch(`${api}/gradebook`, { cache: 'no-store' })).json()) as { ok: boolean; gradebook?: Gradebook };
    if (body.ok && body.gradebook) setBook(body.gradebook);
  }, [api]);
  const grading = book.rows.some((r) => r.grade?.status === 'queued' || r.grade?.status === 'running');
  useEffect(() => {
    const timer = setInterval(() => void refresh(), grading ? POLL_MS : POLL_MS * 5);
    return () => clearInterval(timer);
  }, [grading, refresh]);

  const act = async (what: string, url: string, body?: unknown) => {
    setMessage(null);
    const answer = await post(url, body);
    setMessage(answer.ok ? { kind: 'ok', text: what } : { kind: 'error', text: answer.message ?? 'That did not work.' });
    await refresh();
    return answer.ok;
  };

  return (
    <main className="gb-page">
      <header className="gb-header">
        <h1>Gradebook: {assignment.spec.title}</h1>
        <div className="gb-actions">
          <Link className="av-back" href={`/w/${workshopId}/assignments/${assignment.id}`}>
            Back to the assignment
          </Link>
          <button type="button" onClick={() => void act('Regrading every group’s current submission.', `${api}/regrade`, {})}>
            Regrade all
          </button>
          <button type="button" className="gb-primary" disabled={assignment.releasedAt !== null} onClick={() => void act('Grades released to participants.', `${api}/release`)}>
            {assignment.releasedAt ? 'Grades released' : 'Release grades'}
          </button>
          <a className="gb-button" href={`${api}/gradebook.csv`} download>
            Export CSV
          </a>
        </div>
      </header>
      <p className="av-meta">
        Revision {assignment.revision} · {book.possible} points possible · {assignment.releasedAt ? `released ${formatWhen(assignment.releasedAt)}` : 'not released: participants see visible tests only'}
      </p>
      {message && (
        <p className={message.kind === 'error' ? 'ae-error' : 'ae-ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <section className="gb-section gb-table-wrap" aria-label="Grades">
        <table aria-label="Gradebook">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Submission</th>
              {book.tests.map((t) => (
                <th scope="col" key={t.id} className="gb-num">
                  {t.name} ({t.points}){t.visibility === 'hidden' && <span className="gb-hidden-tag">hidden</span>}
                </th>
              ))}
              <th scope="col" className="gb-num">
                Late penalty
              </th>
              <th scope="col" className="gb-num">
                Total
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {book.rows.map((row) => (
              <tr key={row.group.id}>
                <th scope="row">
                  {row.group.name}
                  <span className="gb-comment">{row.group.members.map((m) => m.displayName).join(', ') || 'no members'}</span>
                </th>
                <td>
                  {row.submission ? (
                    <>
                      v{row.submission.version} by {row.submission.submittedByName}
                      <span className="gb-comment">
                        {formatWhen(row.submission.submittedAt)} · {row.grade ? STATUS_TEXT[row.grade.status] : 'not graded'}
                        {row.history.length > 1 && ` · ${row.history.length} submissions`}
                        {row.submission && gradings(row.history.find((s) => s.id === row.submission!.id)?.grades.length ?? 0)}
                      </span>
                    </>
                  ) : (
                    'Nothing submitted'
                  )}
                </td>
                {row.cells.map((c) => (
                  <td key={c.testId} className="gb-num">
                    {c.points === null ? '—' : <span className={c.override ? 'gb-overridden' : undefined}>{c.points}</span>}
                    {c.override && <span className="gb-comment">was {c.graded ?? '—'}: {c.override.comment}</span>}
                  </td>
                ))}
                <td className="gb-num">
                  {row.penalty === null ? '—' : row.penalty}
                  {row.late && <span className="gb-comment">{row.late.daysLate} day(s) late</span>}
                </td>
                <td className="gb-num">
                  {row.total === null ? '—' : <strong className={row.totalOverride ? 'gb-overridden' : undefined}>{row.total}</strong>}
                  {row.totalOverride && <span className="gb-comment">{row.totalOverride.comment}</span>}
                </td>
                <td>
                  {row.submission && (
                    <div className="gb-actions">
                      <button type="button" disabled={!row.grade} onClick={() => setOverriding(row)} aria-label={`Override a score of ${row.group.name}`}>
                        Override
                      </button>
                      <button type="button" onClick={() => void act(`Regrading ${row.group.name}.`, `${api}/regrade`, { submissionId: row.submission!.id })} aria-label={`Regrade ${row.group.name}`}>
                        Regrade
                      </button>
                      <button type="button" onClick={() => setDetail(row.submission!.id)} aria-label={`Diff and contributions of ${row.group.name}`}>
                        Details
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {overriding?.grade && (
        <OverrideForm
          row={overriding}
          tests={book.tests}
          onCancel={() => setOverriding(null)}
          onSave={async (body) => {
            if (await act(`Score of ${overriding.group.name} changed.`, `${api}/overrides`, { gradeId: overriding.grade!.id, ...body })) setOverriding(null);
          }}
        />
      )}
      {detail && <SubmissionDetail url={`${api}/submissions/${detail}`} onClose={() => setDetail(null)} />}
    </main>
  );
}

function OverrideForm({
  row,
  tests,
  onCancel,
  onSave,
}: {
  row: GradebookRow;
  tests: Gradebook['tests'];
  onCancel: () => void;
  onSave: (body: { testId: string | null; points: number; comment: string }) => Promise<void>;
}) {
  const [testId, setTestId] = useState<string>(tests[0]?.id ?? '');
  const [points, setPoints] = useState('');
  const [comment, setComment] = useState('');
  return (
    <section className="gb-section" aria-labelledby="gb-override">
      <h2 id="gb-override">Override a score of {row.group.name}</h2>
      <form
        className="gb-override-form"
        onSubmit={(e) => {
          e.preventDefault();
          void onSave({ testId: testId === '' ? null : testId, points: Number(points), comment });
        }}
      >
        <label>
          Score
          <select value={testId} onChange={(e) => setTestId(e.target.value)}>
            {tests.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} (max {t.points})
              </option>
            ))}
            <option value="">Total</option>
          </select>
        </label>
        <label>
          Points
          <input type="number" min={0} step="any" required value={points} onChange={(e) => setPoints(e.target.value)} />
        </label>
        <label>
          Comment
          <input required maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} size={40} />
        </label>
        <button type="submit" className="gb-primary">
          Save override
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </section>
  );
}
