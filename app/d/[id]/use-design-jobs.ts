'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunResult } from '@/lib/compile/run';
import type { JobEventMessage, JobsSnapshot, StartJob, StartJobAnswer, TrainResult } from '@/lib/protocol/messages';
import { activeOfKind, endsJob, foldJobEvent, jobsFromSnapshot, type JobsState } from './job-state';
import type { RoomSocket } from './use-design-room';

/** What a job:start may carry besides its kind. */
export type JobSettings<K extends StartJob['kind']> = Omit<Extract<StartJob, { kind: K }>, 'kind'>;

const KEPT_ENDINGS = 20;
const NOT_CONNECTED: StartJobAnswer = { ok: false, code: 'not-joined', message: 'Not connected to the room yet.' };

/**
 * The design's runs and trainings as everyone in the room sees them: seeded
 * from the join answer, then kept up to date by the room's job events.
 */
export function useDesignJobs(designId: string, socket: RoomSocket | null, joinedJobs: JobsSnapshot | null) {
  const [state, setState] = useState<JobsState>(() => jobsFromSnapshot(joinedJobs));
  // The latest job endings heard, so that a join answer prepared just before one of them cannot revive its job.
  const endings = useRef<JobEventMessage[]>([]);

  // Every (re)join hands out the jobs as they are now; events since then are folded in.
  useEffect(() => setState(jobsFromSnapshot(joinedJobs, endings.current)), [joinedJobs]);

  useEffect(() => {
    if (!socket) return;
    const onEvent = (msg: JobEventMessage) => {
      if (msg.designId !== designId) return;
      if (endsJob(msg)) endings.current = [...endings.current.slice(-(KEPT_ENDINGS - 1)), msg];
      setState((s) => foldJobEvent(s, msg));
    };
    socket.on('job:event', onEvent);
    return () => {
      socket.off('job:event', onEvent);
    };
  }, [socket, designId]);

  const start = useCallback(
    <K extends StartJob['kind']>(kind: K, settings: JobSettings<K>): Promise<StartJobAnswer> => {
      if (!socket?.connected) return Promise.resolve(NOT_CONNECTED);
      return new Promise((resolve) => socket.emit('job:start', { kind, ...settings }, resolve));
    },
    [socket],
  );

  const cancel = useCallback(
    (jobId: string): Promise<boolean> => {
      if (!socket?.connected) return Promise.resolve(false);
      return new Promise((resolve) => socket.emit('job:cancel', { jobId }, (answer) => resolve(answer.ok)));
    },
    [socket],
  );

  return useMemo(() => {
    const run = state.finished.run;
    const train = state.finished.train;
    const trainJob = activeOfKind(state, 'train');
    return {
      active: state.active,
      runJob: activeOfKind(state, 'run'),
      trainJob,
      /** Live progress of the running training. */
      trainProgress: trainJob?.progress ?? null,
      runResult: run?.type === 'result' ? (run.result as RunResult) : null,
      runFailure: run?.type === 'failed' ? run.error : null,
      /** The latest finished training, with the id it is stored under. */
      trainResult: train?.type === 'result' ? { jobId: train.job.id, result: train.result as TrainResult } : null,
      trainFailure: train?.type === 'failed' ? train.error : null,
      trainCancelled: state.cancelled.train ?? null,
      start,
      cancel,
    };
  }, [state, start, cancel]);
}

export type DesignJobs = ReturnType<typeof useDesignJobs>;
