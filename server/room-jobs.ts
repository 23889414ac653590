import { randomUUID } from 'node:crypto';
import {
  CancelJob,
  StartJob,
  type JobEventMessage,
  type CancelJobAnswer,
  type JobsSnapshot,
  type Participant,
  type StartJobAnswer,
} from '../lib/protocol/messages.ts';
import type { JobEvent, JobRunner } from './jobs/index.ts';
import type { Logger } from './logger.ts';
import type { DesignRoom } from './rooms/design-room.ts';
import type { RunStore } from './run-store.ts';
import { issueMessage } from '../lib/protocol/issue-message.ts';

/** The kinds a room starts and is told about. */
const ROOM_JOB_KINDS = new Set(['run', 'train']);

const NO_SUCH_JOB = { ok: false, code: 'not-found', message: 'This design has no such job running or queued.' } as const;

/**
 * Jobs as the rooms see them: started and cancelled on a participant's
 * behalf, every event told to the design's room, finished ones kept.
 */
export class RoomJobs {
  constructor(
    private readonly jobs: JobRunner,
    private readonly runs: RunStore | null,
    private readonly tell: (designId: string, msg: JobEventMessage) => void,
    private readonly log: Logger,
  ) {
    jobs.subscribe((event) => this.onEvent(event));
  }

  /** Starts a run or a training of the design as it is now; later edits do not change it. */
  async start(room: DesignRoom, person: Participant, raw: unknown): Promise<StartJobAnswer> {
    const msg = StartJob.safeParse(raw);
    if (!msg.success) return { ok: false, code: 'bad-message', message: issueMessage(msg.error) };
    const jobId = randomUUID();
    const document = room.current.state.doc;
    const { kind, ...request } = msg.data;
    // The pool's payload schema checks the rest (a known task, steps under the server's cap).
    const payload = kind === 'run' ? { document, seed: request.seed } : { document, ...request };
    const outcome = await this.jobs.submit({ id: jobId, designId: room.designId, kind, payload, requestedBy: person.id });
    return outcome.ok ? { ok: true, jobId } : { ok: false, code: 'job-refused', message: outcome.message };
  }

  /** Anyone in a design's room may cancel its jobs, and only its jobs. */
  async cancel(designId: string, person: Participant, raw: unknown): Promise<CancelJobAnswer> {
    const msg = CancelJob.safeParse(raw);
    if (!msg.success) return { ok: false, code: 'bad-message', message: issueMessage(msg.error) };
    const pending = (await this.jobs.jobsOf(designId)).some((s) => s.job.id === msg.data.jobId);
    return pending && (await this.jobs.cancel(msg.data.jobId, person.id)) ? { ok: true } : NO_SUCH_JOB;
  }

  /** What a late joiner needs: the jobs still going and the latest finished of each kind. */
  async snapshot(designId: string): Promise<JobsSnapshot> {
    const active = (await this.jobs.jobsOf(designId)).map((s) => ({
      job: { id: s.job.id, kind: s.job.kind, requestedBy: s.job.requestedBy },
      state: s.state,
      ...(s.state === 'queued' ? { position: s.position } : { lastProgress: s.lastProgress }),
    }));
    return { active, latest: (await this.runs?.latest(designId)) ?? {} };
  }

  private onEvent(received: JobEvent): void {
    // Other kinds (a grading) belong to no room: their results may hold what a room must not see.
    if (!ROOM_JOB_KINDS.has(received.job.kind)) return;
    const event = this.keepTrainedWeights(received);
    const { designId, id, kind, requestedBy } = event.job;
    const { job: _, ...rest } = event;
    const msg = { ...rest, designId, job: { id, kind, requestedBy } } as JobEventMessage;
    this.tell(designId, msg);
    if ((msg.type === 'result' || msg.type === 'failed' || msg.type === 'cancelled') && this.runs) {
      this.runs.record(msg).catch((err: unknown) => this.log.error({ err, jobId: id }, 'could not store a finished job'));
    }
  }

  /** A training's weights go to the store (for the PyTorch export), never to the room: it is told the result without them. */
  private keepTrainedWeights(event: JobEvent): JobEvent {
    if (event.type !== 'result' || event.job.kind !== 'train') return event;
    const { weights, ...result } = event.result as { weights?: Uint8Array; task?: string; steps?: number };
    if (weights && this.runs) {
      const from = { jobId: event.job.id, task: result.task ?? '', steps: result.steps ?? 0 };
      this.runs.keepWeights(event.job.designId, from, weights).catch((err: unknown) => this.log.error({ err, jobId: event.job.id }, 'could not store trained weights'));
    }
    return { ...event, result };
  }
}
