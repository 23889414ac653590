import type { JobEventMessage } from '../lib/protocol/messages.ts';
import type { Db } from './db.ts';

type FinalEvent = Extract<JobEventMessage, { type: 'result' | 'failed' | 'cancelled' }>;

/** Summary of a finished job, for lists of past runs. */
export interface RunSummary {
  id: string;
  kind: string;
  outcome: FinalEvent['type'];
  requestedBy: string;
  finishedAt: string;
}

/** The weights a design's latest training left, and where they come from. */
export interface TrainedWeights {
  jobId: string;
  task: string;
  steps: number;
  /** A safetensors file under PyTorch state_dict names. */
  weights: Uint8Array;
  createdAt: string;
}

/** Finished jobs of designs, so results outlive the room and the process. */
export class RunStore {
  // Written before the database row, so someone joining a moment after a job ends sees it
  // (unless a newer row, stored by another instance, has come since).
  private readonly recent = new Map<string, Record<string, { event: JobEventMessage; at: Date }>>();

  constructor(private readonly db: Db) {}

  /** Keeps a job's final event (result, failure or cancellation). */
  async record(event: FinalEvent): Promise<void> {
    if (event.type !== 'cancelled') {
      this.recent.set(event.designId, { ...this.recent.get(event.designId), [event.job.kind]: { event, at: new Date() } });
    }
    await this.db.designRun.create({
      data: {
        id: event.job.id,
        designId: event.designId,
        kind: event.job.kind,
        outcome: event.type,
        requestedBy: event.job.requestedBy,
        event: event as object,
      },
    });
  }

  /** The latest finished job of each kind (results and failures; cancellations are not results). */
  async latest(designId: string): Promise<Record<string, JobEventMessage>> {
    const kinds = await this.db.designRun.findMany({ where: { designId }, distinct: ['kind'], select: { kind: true } });
    const latest: Record<string, JobEventMessage> = {};
    const storedAt: Record<string, Date> = {};
    for (const { kind } of kinds) {
      const row = await this.db.designRun.findFirst({
        where: { designId, kind, outcome: { in: ['result', 'failed'] } },
        orderBy: { finishedAt: 'desc' },
      });
      if (!row) continue;
      latest[kind] = row.event as unknown as JobEventMessage;
      storedAt[kind] = row.finishedAt;
    }
    for (const [kind, { event, at }] of Object.entries(this.recent.get(designId) ?? {})) {
      if (!storedAt[kind] || storedAt[kind] <= at) latest[kind] = event;
    }
    return latest;
  }

  /** Past runs of a design, newest first. */
  async list(designId: string, limit = 50): Promise<RunSummary[]> {
    const rows = await this.db.designRun.findMany({
      where: { designId },
      // Ties (same millisecond) fall back to the id, so the order is stable.
      orderBy: [{ finishedAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { id: true, kind: true, outcome: true, requestedBy: true, finishedAt: true },
    });
    return rows.map((r) => ({ ...r, outcome: r.outcome as RunSummary['outcome'], finishedAt: r.finishedAt.toISOString() }));
  }

  /** One finished job's final event, or null. */
  async get(designId: string, runId: string): Promise<JobEventMessage | null> {
    const row = await this.db.designRun.findFirst({ where: { id: runId, designId } });
    return row ? (row.event as unknown as JobEventMessage) : null;
  }

  /** Keeps the weights a finished training left, replacing the design's previous ones. */
  async keepWeights(designId: string, from: { jobId: string; task: string; steps: number }, weights: Uint8Array): Promise<void> {
    const data = { ...from, weights: new Uint8Array(weights) };
    await this.db.designWeights.upsert({ where: { designId }, create: { designId, ...data }, update: { ...data, createdAt: new Date() } });
  }

  /** The weights of the design's latest finished training, or null when it was never trained. */
  async latestWeights(designId: string): Promise<TrainedWeights | null> {
    const row = await this.db.designWeights.findUnique({ where: { designId } });
    if (!row) return null;
    return { jobId: row.jobId, task: row.task, steps: row.steps, weights: new Uint8Array(row.weights), createdAt: row.createdAt.toISOString() };
  }
}
