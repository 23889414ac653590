import { describe, expect, it } from 'vitest';
import { Rng, type Tensor } from '../tensor/index.ts';
import { listTemplates } from '../design/templates/index.ts';
import { getTask, listTasks, taskInfo } from './registry.ts';
import type { TaskBatch } from './task.ts';

const NAMES = ['copy', 'reverse', 'sort', 'addition', 'char-language-model', 'sine-forecasting', 'activity-classification'];

function tensors(batch: TaskBatch): Tensor[] {
  const s = batch.sameLength;
  return batch.seq2seq ? [s.inputs, s.targets, batch.seq2seq.source, batch.seq2seq.targetInput, batch.seq2seq.targetOutput] : [s.inputs, s.targets];
}

function contents(batch: TaskBatch): number[][] {
  return tensors(batch).map((t) => t.toArray());
}

describe('registry', () => {
  it('lists the seven built-in tasks and finds each by name', () => {
    expect(listTasks().map((t) => t.name)).toEqual(NAMES);
    for (const name of NAMES) {
      const found = getTask(name);
      expect(found.ok && found.task.name).toBe(name);
    }
  });

  it('answers an unknown name with a readable reason', () => {
    const found = getTask('poetry');
    expect(found).toMatchObject({ ok: false, code: 'unknown-task' });
    expect(!found.ok && found.message).toContain('copy');
  });

  it('offers seq2seq exactly for the token-pair tasks', () => {
    const offering = listTasks().filter((t) => t.seq2seq !== null).map((t) => t.name);
    expect(offering).toEqual(['copy', 'reverse', 'sort', 'addition']);
  });

  it('gives every task a title, one sentence, a teaching note, metrics and defaults that name a real template', () => {
    const templates = new Set(listTemplates().map((t) => t.name));
    for (const task of listTasks()) {
      expect(task.title.length).toBeGreaterThan(3);
      expect(task.description).toMatch(/^[A-Z].*\.$/);
      expect(task.teaching.length).toBeGreaterThan(80);
      expect(task.metrics.length).toBeGreaterThan(0);
      expect(task.defaults.steps).toBeGreaterThan(0);
      expect(task.defaults.learningRate).toBeGreaterThan(0);
      if (task.defaults.template !== null) expect(templates.has(task.defaults.template)).toBe(true);
      expect(JSON.parse(JSON.stringify(taskInfo(task)))).toEqual(taskInfo(task));
    }
  });
});

describe.each(listTasks().map((t) => [t.name, t] as const))('%s batches', (_, task) => {
  it('are identical for the same seed and differ for another', () => {
    const a = contents(task.sampleBatch(8, new Rng(42)));
    expect(contents(task.sampleBatch(8, new Rng(42)))).toEqual(a);
    expect(contents(task.sampleBatch(8, new Rng(43)))).not.toEqual(a);
  });

  it('have the shapes and dtypes the task declares', () => {
    const batch = task.sampleBatch(5, new Rng(1));
    const { inputs, targets } = batch.sameLength;
    expect(batch.size).toBe(5);
    expect(batch.examples).toHaveLength(5);
    if (task.input.kind === 'tokens') {
      expect(inputs.shape).toEqual([5, task.input.seqLen]);
      expect(inputs.dtype).toBe('int32');
      expect(Math.max(...inputs.toArray())).toBeLessThan(task.input.vocab);
    } else {
      expect(inputs.shape).toEqual([5, task.input.seqLen, task.input.features]);
      expect(inputs.dtype).toBe('float32');
    }
    const out = task.output;
    if (out.kind === 'tokens') {
      expect(targets.shape).toEqual(inputs.shape);
      expect(Math.max(...targets.toArray())).toBeLessThan(out.vocab);
    }
    if (out.kind === 'classes') expect(targets.shape).toEqual([5]);
    if (out.kind === 'regression') expect(targets.shape).toEqual([5, out.horizon, out.outputs]);
    expect(batch.seq2seq === null).toBe(task.seq2seq === null);
    if (batch.seq2seq && task.seq2seq) {
      expect(batch.seq2seq.source.shape).toEqual([5, task.seq2seq.sourceLen]);
      expect(batch.seq2seq.targetInput.shape).toEqual([5, task.seq2seq.targetLen]);
      expect(batch.seq2seq.targetOutput.shape).toEqual([5, task.seq2seq.targetLen]);
    }
  });

  it('pad or lengthen to a longer design, and refuse a shorter one', () => {
    const longer = task.sampleBatch(3, new Rng(1), { seqLen: task.input.seqLen + 5 });
    expect(longer.sameLength.inputs.shape[1]).toBe(task.input.seqLen + 5);
    expect(() => task.sampleBatch(3, new Rng(1), { seqLen: task.input.seqLen - 1 })).toThrow(/at least/);
    expect(() => task.sampleBatch(0, new Rng(1))).toThrow(/batch size/);
    if (task.seq2seq) {
      const s2s = task.sampleBatch(3, new Rng(1), { sourceLen: 20, targetLen: 21 }).seq2seq!;
      expect(s2s.source.shape).toEqual([3, 20]);
      expect(s2s.targetOutput.shape).toEqual([3, 21]);
    }
  });

  it('evaluate on one fixed batch of the declared size, drawn apart from training', () => {
    const evaluation = task.evaluationBatch();
    expect(evaluation.size).toBe(task.defaults.evaluationSize);
    expect(contents(task.evaluationBatch())).toEqual(contents(evaluation));
    // The evaluation stream is not the stream of a small training seed.
    expect(contents(task.sampleBatch(evaluation.size, new Rng(0)))).not.toEqual(contents(evaluation));
  });
});

describe.each(listTasks().filter((t) => t.seq2seq).map((t) => [t.name, t] as const))('%s evaluation set', (_, task) => {
  it('shares no source with 50 training batches', () => {
    const key = (e: TaskBatch['examples'][number]): string => (e.kind === 'token-pair' ? e.source.join(',') : '');
    const held = new Set(task.evaluationBatch().examples.map(key));
    for (let seed = 0; seed < 50; seed++) {
      for (const e of task.sampleBatch(64, new Rng(seed)).examples) expect(held.has(key(e))).toBe(false);
    }
  });
});
