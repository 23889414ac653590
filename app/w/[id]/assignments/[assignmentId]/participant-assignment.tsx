'use client';

import '../assignments.css';
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import type { AssignmentView, ParticipantSubmission } from '@/lib/protocol/assignments-http';
import { formatWhen } from '../format-when';

type ParticipantView = Extract<AssignmentView, { role: 'participant' }>;

const POLL_MS = 1500;
const pending = (s: ParticipantSubmission) => s.grade?.status === 'queued' || s.grade?.status === 'running';

const STATUS_TEXT = { queued: 'Waiting to be graded', running: 'Grading…', done: 'Graded', failed: 'Grading failed' } as const;

/** A participant's assignment: the prompt, the visible tests, the Submit button, and every submission with its results. */
export function ParticipantAssignmentView({ workshopId, initial }: { workshopId: string; initial: ParticipantView }) {
  const [view, setView] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  const { assignment } = view;
  const url = `/api/workshops/${workshopId}/assignments/${assignment.id}`;

  const refresh = useCallback(async () => {
    const res = await fetch(url, { cache: 'no-store' });
    const body = (await res.json()) as { ok: boolean; view?: ParticipantView };
    if (body.ok && body.view) setView(body.view);
  }, [url]);

  // Results arrive as soon as the grading ends: poll while one is queued or running.
  const grading = view.submissions.some(pending);
  useEffect(() => {
    if (!grading) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [grading, refresh]);

  const submit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const res = await fetch(`${url}/submissions`, { method: 'POST' });
      const body = (await res.json()) as { ok: boolean; message?: string; submission?: ParticipantSubmission };
      if (!body.ok || !body.submission) throw new Error(body.message ?? 'The submission failed.');
      setMessage({ kind: 'ok', text: `Submitted version ${body.submission.version}: grading has started.` });
      await refresh();
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const { spec } = assignment;
  return (
    <main className="av-page">
      <header className="av-header">
        <h1>{spec.title}</h1>
        <div className="av-actions">
          <Link className="av-back" href={`/w/${workshopId}`}>
            Back to the workshop
          </Link>
          <button type="button" className="av-primary" onClick={() => void submit()} disabled={busy || !view.groupId}>
            Submit our design
          </button>
        </div>
      </header>
      <p className="av-meta">
        Deadline: {spec.deadline ? formatWhen(spec.deadline) : 'none'} ·{' '}
        {spec.latePolicy.kind === 'refuse' ? 'late submissions are not accepted' : `late: ${spec.latePolicy.percentPerDay}% off a day, at most ${spec.latePolicy.capPercent}%`}
        {assignment.releasedAt ? ' · grades released' : ''}
      </p>
      {!view.groupId && <p className="av-note">You are not in a group yet: join one to submit.</p>}
      {message && (
        <p className={message.kind === 'error' ? 'ae-error' : 'ae-ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <section className="av-section" aria-labelledby="pa-prompt">
        <h2 id="pa-prompt">Prompt</h2>
        <p className="av-prompt">{spec.prompt || '—'}</p>
      </section>
      <section className="av-section" aria-labelledby="pa-tests">
        <h2 id="pa-tests">Tests</h2>
        <ul>
          {spec.tests.map((t) => (
            <li key={t.id}>
              {t.name} ({t.points} points)
            </li>
          ))}
        </ul>
        {!assignment.releasedAt && <p className="av-note">More tests may be graded and shown when the instructor releases grades.</p>}
      </section>
      <section className="av-section" aria-labelledby="pa-submissions">
        <h2 id="pa-submissions">Your group’s submissions</h2>
        {view.submissions.length === 0 ? (
          <p className="av-note">Nothing submitted yet.</p>
        ) : (
          <ol className="av-submissions" aria-label="Submissions">
            {view.submissions.map((s) => (
              <SubmissionItem key={s.id} submission={s} />
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}

function SubmissionItem({ submission: s }: { submission: ParticipantSubmission }) {
  const grade = s.grade;
  const report = grade?.report;
  return (
    <li className={`av-submission${s.replacedAt ? ' av-replaced' : ''}`} aria-label={`Version ${s.version} by ${s.submittedByName}`}>
      <div>
        <strong>Version {s.version}</strong> by {s.submittedByName}, {formatWhen(s.submittedAt)} {s.replacedAt ? '(replaced)' : '(current)'} ·{' '}
        <span className="av-status" role="status">
          {grade ? STATUS_TEXT[grade.status] : 'Not graded'}
        </span>
      </div>
      {grade?.status === 'failed' && <p className="ae-error">{grade.error}</p>}
      {report && (
        <>
          <table aria-label={`Results of version ${s.version}`}>
            <thead>
              <tr>
                <th scope="col">Test</th>
                <th scope="col">Result</th>
                <th scope="col" className="gb-num">
                  Points
                </th>
                <th scope="col">Feedback</th>
              </tr>
            </thead>
            <tbody>
              {report.results.map((r) => {
                const override = grade.overrides.findLast((o) => o.testId === r.testId);
                return (
                  <tr key={r.testId}>
                    <td>{r.name}</td>
                    <td className={r.passed ? 'av-pass' : 'av-fail'}>{r.passed ? 'Passed' : 'Not passed'}</td>
                    <td className="gb-num">
                      {override ? `${override.points} (changed by the instructor)` : r.earned} / {r.points}
                    </td>
                    <td>
                      {r.feedback}
                      <span className="gb-comment">{r.detail}</span>
                      {override && <span className="gb-comment">Instructor: {override.comment}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="av-note">
            {report.earned} of {report.possible} points. {report.note}
            {grade.total !== null && ` Total after late penalty: ${grade.total}${grade.penalty ? ` (−${grade.penalty})` : ''}.`}
          </p>
          {grade.overrides
            .filter((o) => o.testId === null)
            .slice(-1)
            .map((o) => (
              <p key="total" className="av-note">
                The instructor set the total to {o.points}: {o.comment}
              </p>
            ))}
        </>
      )}
    </li>
  );
}
