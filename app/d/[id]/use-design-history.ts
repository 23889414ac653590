'use client';

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { DesignState } from '@/lib/design/design-state';
import { DesignTimeline, type LoggedEntry, type TimelineEntry } from '@/lib/design/design-timeline';
import { initialReplay, replayReducer, type ReplayAction, type ReplayState } from './replay-player';

/** Ops fetched per request while loading the log. */
const OPS_PAGE = 500;

/** What the canvas shows: the live design, one earlier version, or the replay. */
export type HistoryView = { kind: 'live' } | { kind: 'preview'; version: number } | { kind: 'replay' };

export type HistoryOutcome = { ok: true; message: string } | { ok: false; message: string };

export interface DesignHistoryApi {
  timeline: DesignTimeline;
  /** While the log loads: how far it got. */
  loading: { loaded: number; total: number } | null;
  error: string | null;
  retry: () => void;
  view: HistoryView;
  /** The state shown instead of the live one (preview or replay); null when live. */
  shown: DesignState | null;
  /** The version shown and the edit that made it (none for version 0). */
  shownVersion: number | null;
  shownEntry: TimelineEntry | undefined;
  preview: (version: number) => void;
  startReplay: () => void;
  backToLive: () => void;
  replay: ReplayState;
  control: (action: ReplayAction) => void;
  restore: (version: number) => Promise<HistoryOutcome>;
  fork: (version: number) => Promise<HistoryOutcome & { designId?: string }>;
}

async function readJson(res: Response): Promise<{ ok?: boolean; message?: string } & Record<string, unknown>> {
  try {
    return (await res.json()) as { ok?: boolean; message?: string };
  } catch {
    return { ok: false, message: `The server answered ${res.status}.` };
  }
}

/**
 * The design's history in the editor: the op log, loaded a page at a time
 * (only while someone looks at it) and kept up to date as the room's version
 * advances, replayed in the browser so previews and scrubbing need no
 * further requests.
 */
export function useDesignHistory(designId: string, roomVersion: number, open: boolean): DesignHistoryApi {
  const [timeline, setTimeline] = useState(DesignTimeline.empty);
  const [loading, setLoading] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<HistoryView>({ kind: 'live' });
  const [replay, control] = useReducer(replayReducer, initialReplay);
  const [kick, setKick] = useState(0);
  const latest = useRef(timeline);
  const busy = useRef(false);

  const wanted = open || view.kind !== 'live';
  useEffect(() => {
    if (!wanted || busy.current || error || latest.current.latest >= roomVersion) return;
    busy.current = true;
    void (async () => {
      try {
        let t = latest.current;
        let current = roomVersion;
        while (t.latest < current) {
          const res = await fetch(`/api/designs/${encodeURIComponent(designId)}/ops?after=${t.latest}&limit=${OPS_PAGE}`, { cache: 'no-store' });
          const body = await readJson(res);
          if (!res.ok || body.ok !== true) throw new Error(body.message ?? `The server answered ${res.status}.`);
          current = body.current as number;
          const ops = body.ops as LoggedEntry[];
          if (ops.length === 0) break;
          t = t.append(ops);
          latest.current = t;
          setTimeline(t);
          if (t.latest < current) setLoading({ loaded: t.latest, total: current });
        }
      } catch (e) {
        setError(`The history could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        busy.current = false;
        setLoading(null);
        // The room may have moved on while this ran.
        setKick((k) => k + 1);
      }
    })();
  }, [wanted, roomVersion, designId, error, kick]);

  const retry = useCallback(() => setError(null), []);

  // The replay runs over the whole history, including edits made while it plays.
  useEffect(() => control({ type: 'end', end: timeline.latest }), [timeline]);

  useEffect(() => {
    if (view.kind !== 'replay' || !replay.playing) return;
    const timer = setInterval(() => control({ type: 'tick' }), 1000 / replay.speed);
    return () => clearInterval(timer);
  }, [view.kind, replay.playing, replay.speed]);

  const shownVersion = view.kind === 'preview' ? view.version : view.kind === 'replay' ? replay.version : null;
  const shown = useMemo(
    () => (shownVersion !== null && shownVersion <= timeline.latest ? timeline.stateAt(shownVersion) : null),
    [shownVersion, timeline],
  );

  const preview = useCallback((version: number) => {
    control({ type: 'pause' });
    setView({ kind: 'preview', version });
  }, []);
  const startReplay = useCallback(() => {
    control({ type: 'start', end: latest.current.latest });
    setView({ kind: 'replay' });
  }, []);
  const backToLive = useCallback(() => {
    control({ type: 'pause' });
    setView({ kind: 'live' });
  }, []);

  const restore = useCallback(
    async (version: number): Promise<HistoryOutcome> => {
      const res = await fetch(`/api/designs/${encodeURIComponent(designId)}/restore`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version }),
      });
      const body = await readJson(res);
      if (!res.ok || body.ok !== true) return { ok: false, message: body.message ?? `The server answered ${res.status}.` };
      setView({ kind: 'live' });
      return { ok: true, message: `Restored version ${version} as version ${String(body.version)}.` };
    },
    [designId],
  );

  const fork = useCallback(
    async (version: number) => {
      const res = await fetch(`/api/designs/${encodeURIComponent(designId)}/fork`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version }),
      });
      const body = await readJson(res);
      const design = body.design as { id: string } | null | undefined;
      if (!res.ok || body.ok !== true || !design) return { ok: false as const, message: body.message ?? `The server answered ${res.status}.` };
      return { ok: true as const, message: `Forked version ${version}.`, designId: design.id };
    },
    [designId],
  );

  return {
    timeline,
    loading,
    error,
    retry,
    view,
    shown,
    shownVersion,
    shownEntry: shownVersion !== null ? timeline.entry(shownVersion) : undefined,
    preview,
    startReplay,
    backToLive,
    replay,
    control,
    restore,
    fork,
  };
}
