import { describe, expect, it } from 'vitest';
import type { TrainProgress, TrainResult } from '@/lib/protocol/messages';
import type { TrainingEvaluation } from '@/lib/tasks';
import { formatEta, formatMetric, headlineCurve, lossPoints, pastRunLabel, pastRunLegend, shownTraining, StoredTraining } from './train-views';

const evaluation = (step: number, accuracy: number): TrainingEvaluation => ({
  step,
  loss: 2 - accuracy,
  metrics: [
    { name: 'token-accuracy', label: 'Token accuracy', value: accuracy, count: 10, better: 'higher' },
    { name: 'sequence-accuracy', label: 'Sequence accuracy', value: accuracy / 2, count: 10, better: 'higher' },
  ],
  samples: [],
});

const progress: TrainProgress = {
  step: 5,
  totalSteps: 10,
  loss: 1.5,
  learningRate: 0.003,
  elapsedMs: 500,
  etaMs: 500,
  lossCurve: [{ step: 5, loss: 1.5 }],
  evaluations: [evaluation(0, 0.1)],
};

const result = { steps: 10, totalSteps: 10, lossCurve: [{ step: 10, loss: 1 }], evaluations: [evaluation(0, 0.1), evaluation(10, 0.6)] } as TrainResult;

describe('shownTraining', () => {
  it('shows the running training first, then a just-cancelled one, then the latest result', () => {
    expect(shownTraining({ jobId: 'a', progress }, null, { jobId: 'b', result })).toMatchObject({ jobId: 'a', state: 'running', step: 5 });
    expect(shownTraining(null, { jobId: 'c', progress }, { jobId: 'b', result })).toMatchObject({ jobId: 'c', state: 'cancelled' });
    expect(shownTraining(null, null, { jobId: 'b', result })).toMatchObject({ jobId: 'b', state: 'finished', step: 10, totalSteps: 10 });
    expect(shownTraining(null, null, null)).toBeNull();
  });

  it('a training that has started but not reported yet shows an empty curve, not the previous one', () => {
    expect(shownTraining({ jobId: 'a', progress: null }, null, { jobId: 'b', result })).toMatchObject({ jobId: 'a', lossCurve: [], totalSteps: 0 });
  });
});

describe('curves', () => {
  it("follows the task's headline metric across evaluations", () => {
    expect(headlineCurve([evaluation(0, 0.1), evaluation(10, 0.6)])).toEqual({
      label: 'Token accuracy',
      higherIsBetter: true,
      points: [
        [0, 0.1],
        [10, 0.6],
      ],
    });
    expect(headlineCurve([])).toBeNull();
  });

  it('drops losses a log axis cannot draw', () => {
    expect(lossPoints([{ step: 1, loss: 2 }, { step: 2, loss: Number.NaN }, { step: 3, loss: 0 }])).toEqual([[1, 2]]);
  });
});

describe('words', () => {
  it('writes ETAs and metrics for people', () => {
    expect(formatEta(400)).toBe('under a second');
    expect(formatEta(4_200)).toBe('about 4 s');
    expect(formatEta(130_000)).toBe('about 2 min 10 s');
    expect(formatMetric('token-accuracy', 0.5)).toBe('50.0 %');
    expect(formatMetric('mae', 0.12345)).toBe('0.123');
  });

  it('labels a stored training by time, task, steps, rate and seed', () => {
    const stored = StoredTraining.parse({
      ok: true,
      run: {
        type: 'result',
        designId: 'd',
        job: { id: 'j', kind: 'train', requestedBy: 'p' },
        result: { ...result, task: 'copy', params: 100, settings: { learningRate: 0.003, seed: 7, steps: 10 } },
      },
    }).run.result;
    expect(pastRunLabel('2026-11-25T14:03:09.000Z', stored, 'Copy')).toMatch(/^\d\d:\d\d:\d\d · Copy · 10 steps · lr 0.003 · seed 7$/);
    expect(pastRunLabel('2026-11-25T14:03:09.000Z', { ...stored, steps: 4 }, 'Copy')).toContain('4/10 steps');
    expect(pastRunLegend('2026-11-25T14:03:09.000Z', stored)).toMatch(/^\d\d:\d\d:\d\d \(10 steps\)$/);
  });

  it('refuses a stored run that is not a finished training', () => {
    expect(StoredTraining.safeParse({ ok: true, run: { type: 'cancelled', job: { id: 'j', kind: 'train' }, by: 'x' } }).success).toBe(false);
  });
});
