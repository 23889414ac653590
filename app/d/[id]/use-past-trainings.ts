'use client';

import { useEffect, useRef, useState } from 'react';
import { RunList, StoredTraining, type RunSummary } from './train-views';

/** Past trainings listed for overlays: the newest this many. */
const LISTED = 12;

export interface PastTraining {
  summary: RunSummary;
  /** Null while it loads, or when it could not be read. */
  run: StoredTraining | null;
}

/**
 * The design's finished trainings from the runs API, newest first, each with
 * its curves; fetched again whenever `refresh` changes (a training ended).
 */
export function usePastTrainings(designId: string, refresh: string) {
  const [past, setPast] = useState<PastTraining[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  // A stored training never changes: each is fetched once.
  const cache = useRef(new Map<string, StoredTraining>());

  useEffect(() => {
    const abort = new AbortController();
    const base = `/api/designs/${encodeURIComponent(designId)}/runs`;
    const known = cache.current;
    (async () => {
      const listed = RunList.safeParse(await (await fetch(base, { signal: abort.signal })).json());
      if (!listed.success) throw new Error('the list of past runs could not be read');
      const trainings = listed.data.runs.filter((r) => r.kind === 'train' && r.outcome === 'result').slice(0, LISTED);
      const runs = await Promise.all(
        trainings.map(async (summary): Promise<PastTraining> => {
          const cached = known.get(summary.id);
          if (cached) return { summary, run: cached };
          const answer = await fetch(`${base}/${encodeURIComponent(summary.id)}`, { signal: abort.signal });
          const stored = StoredTraining.safeParse(await answer.json());
          if (!stored.success) return { summary, run: null };
          known.set(summary.id, stored.data.run.result);
          return { summary, run: stored.data.run.result };
        }),
      );
      setPast(runs);
      setProblem(null);
    })().catch((error: unknown) => {
      if (!abort.signal.aborted) setProblem(`Past trainings could not be loaded: ${(error as Error).message}`);
    });
    return () => abort.abort();
  }, [designId, refresh]);

  return { past, problem };
}
