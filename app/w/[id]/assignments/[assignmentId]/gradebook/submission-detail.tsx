'use client';

import { useEffect, useState } from 'react';
import type { Contributions } from '@/lib/grading/contributions';
import { EDIT_KIND_LABELS, type EditKind } from '@/lib/grading/contributions';
import type { DesignDiff } from '@/lib/grading/design-diff';
import { formatWhen } from '../../format-when';

interface Detail {
  submission: {
    version: number;
    submittedByName: string;
    grades: { id: string; revision: number; status: string; earned: number | null; penalty: number | null; total: number | null; createdAt: string; overrides: { testId: string | null; points: number; comment: string }[] }[];
  };
  diff: DesignDiff | null;
  contributions: Contributions;
}

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** One submission: its diff against the reference design and who edited what, from the op log. */
export function SubmissionDetail({ url, onClose }: { url: string; onClose: () => void }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(url, { cache: 'no-store' })
      .then((r) => r.json() as Promise<{ ok: boolean; message?: string; detail?: Detail }>)
      .then((body) => live && (body.ok && body.detail ? setDetail(body.detail) : setError(body.message ?? 'Could not load the submission.')));
    return () => {
      live = false;
    };
  }, [url]);

  const kinds = Object.keys(EDIT_KIND_LABELS) as EditKind[];
  const usedKinds = detail ? kinds.filter((k) => detail.contributions.members.some((m) => m.byKind[k] > 0)) : [];
  const peak = detail ? Math.max(1, ...detail.contributions.members.flatMap((m) => m.perMinute)) : 1;
  return (
    <section className="gb-section gb-detail" aria-labelledby="gb-detail">
      <div className="gb-header">
        <h2 id="gb-detail">{detail ? `Version ${detail.submission.version} by ${detail.submission.submittedByName}` : 'Submission'}</h2>
        <button type="button" onClick={onClose}>
          Close details
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {detail && (
        <>
          <h3>Gradings</h3>
          <table aria-label="Gradings">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Tests (revision)</th>
                <th scope="col">Status</th>
                <th scope="col" className="gb-num">
                  Earned
                </th>
                <th scope="col" className="gb-num">
                  Penalty
                </th>
                <th scope="col" className="gb-num">
                  Total
                </th>
                <th scope="col">Overrides</th>
              </tr>
            </thead>
            <tbody>
              {detail.submission.grades.map((g) => (
                <tr key={g.id}>
                  <td>{formatWhen(g.createdAt)}</td>
                  <td>{g.revision}</td>
                  <td>{g.status}</td>
                  <td className="gb-num">{g.earned ?? '—'}</td>
                  <td className="gb-num">{g.penalty ?? '—'}</td>
                  <td className="gb-num">{g.total ?? '—'}</td>
                  <td>{g.overrides.map((o) => `${o.testId ?? 'total'} → ${o.points} (${o.comment})`).join('; ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Against the reference design</h3>
          {!detail.diff ? (
            <p className="av-note">The assignment has no reference design: set one in the editor.</p>
          ) : (
            <ul aria-label="Differences">
              <li>Nodes added: {detail.diff.nodesAdded.map((n) => `${n.id} (${n.type})`).join(', ') || 'none'}</li>
              <li>Nodes removed: {detail.diff.nodesRemoved.map((n) => `${n.id} (${n.type})`).join(', ') || 'none'}</li>
              <li>
                Params changed:{' '}
                {detail.diff.nodesChanged.length === 0
                  ? 'none'
                  : detail.diff.nodesChanged.map((c) => `${c.submittedId}: ${c.params.map((p) => `${p.param} ${show(p.before)} → ${show(p.after)}`).join(', ')}`).join('; ')}
              </li>
              <li>
                Edges added {detail.diff.edgesAdded.length}, removed {detail.diff.edgesRemoved.length}
              </li>
            </ul>
          )}
          <h3>Contribution log</h3>
          {detail.contributions.members.length === 0 ? (
            <p className="av-note">No edits up to this version.</p>
          ) : (
            <table aria-label="Contribution log">
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col" className="gb-num">
                    Edits
                  </th>
                  {usedKinds.map((k) => (
                    <th scope="col" key={k} className="gb-num">
                      {EDIT_KIND_LABELS[k]}
                    </th>
                  ))}
                  <th scope="col">Over time (per minute)</th>
                </tr>
              </thead>
              <tbody>
                {detail.contributions.members.map((m) => (
                  <tr key={m.author}>
                    <th scope="row">{m.authorName}</th>
                    <td className="gb-num">{m.total}</td>
                    {usedKinds.map((k) => (
                      <td key={k} className="gb-num">
                        {m.byKind[k]}
                      </td>
                    ))}
                    <td aria-label={`${m.authorName}'s edits per minute: ${m.perMinute.join(', ')}`}>
                      {m.perMinute.slice(-30).map((n, i) => (
                        <span key={i} className="gb-bar" style={{ width: '0.35rem', marginRight: '1px', opacity: n === 0 ? 0.15 : 0.3 + (0.7 * n) / peak }} />
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
