import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateDocument } from '../../../lib/design/index.ts';
import { gradeDesign, gradeReportSchema, type GradeProgress } from '../../../lib/grading/grade.ts';
import { assignmentSpecSchema } from '../../../lib/grading/assignment-spec.ts';
import type { JobEvent } from '../job-runner.ts';
import { PoolRecorder } from '../testing/pool-recorder.ts';
import { WorkerPool } from '../worker-pool.ts';

function template(name: string) {
  const found = templateDocument(name);
  if (!found.ok) throw new Error(found.message);
  return found.doc;
}

const feedback = { pass: 'yes', fail: 'no' };
function spec(trainingSteps: number) {
  return assignmentSpecSchema.parse({
    format: 'multihead-assignment',
    version: 1,
    title: 'Forecast',
    prompt: '',
    deadline: null,
    latePolicy: { kind: 'refuse' },
    starter: { kind: 'template', template: 'tiny-series-forecaster' },
    tests: [
      { id: 'valid', name: 'Validates', kind: 'validates', points: 1, visibility: 'visible', feedback },
      { id: 'post-ln', name: 'Post-LN', kind: 'norm-order', order: 'post-ln', points: 1, visibility: 'hidden', feedback },
      { id: 'learns', name: 'Learns', kind: 'training', task: 'sine-forecasting', steps: trainingSteps, seed: 4, learningRate: 3e-3, timeCapSeconds: 120, metric: 'loss', full: 0, zero: 5, points: 2, visibility: 'visible', feedback },
    ],
  });
}

describe('grade jobs on the real job kinds', () => {
  let pool: WorkerPool;
  let events: PoolRecorder;
  beforeAll(async () => {
    pool = await WorkerPool.start({ workers: 1, limits: { maxParams: 200_000, maxSteps: 500 }, progressIntervalMs: 10, cancelGraceMs: 5_000 });
    events = new PoolRecorder(pool);
  });
  afterAll(() => pool.close());

  it('grades in a worker: the report equals the one graded here, with training progress per test', async () => {
    const payload = { spec: spec(6), doc: template('tiny-series-forecaster') };
    expect(await pool.submit({ id: 'g1', designId: 'A', kind: 'grade', payload, requestedBy: 'instructor' })).toEqual({ ok: true });
    const ended = await events.ended('g1', 30_000);
    expect(ended.type).toBe('result');
    const report = gradeReportSchema.parse((ended as Extract<JobEvent, { type: 'result' }>).result);
    expect(report).toEqual(gradeDesign(payload.spec, payload.doc));
    expect(report.results.map((r) => [r.testId, r.passed])).toEqual([
      ['valid', true],
      ['post-ln', true],
      ['learns', false],
    ]);
    expect(report.results[2].earned).toBeGreaterThan(0);
    const progress = events.events.flatMap((e) => (e.job.id === 'g1' && e.type === 'progress' ? [e.progress as GradeProgress] : []));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual({ testId: 'learns', step: 6, steps: 6 });
  });

  it('refuses a payload with a bad spec, a training test over the step cap, or a design that is not one, before queueing', async () => {
    const doc = template('tiny-series-forecaster');
    const submit = (id: string, payload: unknown) => pool.submit({ id, designId: 'B', kind: 'grade', payload, requestedBy: 'instructor' });
    expect(await submit('g2', { spec: spec(501), doc })).toMatchObject({ ok: false, code: 'bad-payload', message: expect.stringContaining('at most 500 steps') });
    expect(await submit('g3', { spec: { ...spec(5), tests: [] }, doc })).toMatchObject({ ok: false, code: 'bad-payload' });
    const unknownType = { ...doc, nodes: [...doc.nodes, { id: 'x', type: 'no-such-layer', params: {}, position: { x: 0, y: 0 } }] };
    expect(await submit('g4', { spec: spec(5), doc: unknownType })).toMatchObject({ ok: false, code: 'bad-payload', message: expect.stringContaining('no-such-layer') });
  });

  it('stops a grading promptly when cancelled', async () => {
    const payload = { spec: spec(500), doc: template('tiny-series-forecaster') };
    await pool.submit({ id: 'g5', designId: 'C', kind: 'grade', payload, requestedBy: 'instructor' });
    await events.next((e) => e.job.id === 'g5' && e.type === 'progress', 30_000, 'progress of g5');
    expect(await pool.cancel('g5', 'grace')).toBe(true);
    expect(await events.ended('g5', 10_000)).toMatchObject({ type: 'cancelled', by: 'grace' });
  });
});
