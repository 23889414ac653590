import { describe, expect, it } from 'vitest';
import { taskFit, type DesignIO } from './fit.ts';
import { getTask, listTasks } from './registry.ts';
import type { Task } from './task.ts';

function task(name: string): Task {
  const found = getTask(name);
  if (!found.ok) throw new Error(found.message);
  return found.task;
}

/** A design built exactly to the task's declaration, in the same-length framing. */
function fittingDesign(t: Task): DesignIO {
  return { input: { ...t.input }, output: { ...t.output }, seq2seq: false };
}

const codes = (t: Task, io: DesignIO): string[] => taskFit(t, io).map((p) => p.code);

const reverse = task('reverse');
const lm = task('char-language-model');
const forecast = task('sine-forecasting');
const activity = task('activity-classification');

describe('taskFit', () => {
  it('finds nothing wrong with a design built to each task’s declaration, or a larger one', () => {
    for (const t of listTasks()) {
      expect(taskFit(t, fittingDesign(t))).toEqual([]);
      if (t.seq2seq) {
        const io = { ...fittingDesign(t), seq2seq: true, input: { ...t.input, seqLen: t.seq2seq.sourceLen }, targetSeqLen: t.seq2seq.targetLen };
        expect(taskFit(t, io)).toEqual([]);
      }
    }
    // The tiny templates' sizes: vocab 16, 12 + 12 positions; vocab 64, 32 positions.
    expect(taskFit(reverse, { input: { kind: 'tokens', vocab: 16, seqLen: 12 }, output: { kind: 'tokens', vocab: 16 }, seq2seq: true, targetSeqLen: 12 })).toEqual([]);
    expect(taskFit(reverse, { input: { kind: 'tokens', vocab: 64, seqLen: 32 }, output: { kind: 'tokens', vocab: 64 }, seq2seq: false })).toEqual([]);
    expect(taskFit(lm, { input: { kind: 'tokens', vocab: 64, seqLen: 32 }, output: { kind: 'tokens', vocab: 64 }, seq2seq: false })).toEqual([]);
    expect(taskFit(activity, { ...fittingDesign(activity), output: { kind: 'classes', count: 10 } })).toEqual([]);
  });

  it('explains a wrong kind of input', () => {
    const [problem] = taskFit(reverse, { ...fittingDesign(reverse), input: { kind: 'series', features: 1, seqLen: 32 } });
    expect(problem.code).toBe('input-kind');
    expect(problem.message).toMatch(/token ids.*Series input/);
    expect(problem.hint).toMatch(/Replace the Series input with a Token input \(vocab ≥ 14, seqLen ≥ 13\)/);
    expect(codes(forecast, { ...fittingDesign(forecast), input: { kind: 'tokens', vocab: 10, seqLen: 32 } })).toEqual(['input-kind']);
  });

  it('explains a vocabulary too small on the input and on the head', () => {
    const io: DesignIO = { input: { kind: 'tokens', vocab: 10, seqLen: 13 }, output: { kind: 'tokens', vocab: 10 }, seq2seq: false };
    const problems = taskFit(reverse, io);
    expect(problems.map((p) => p.code)).toEqual(['vocab-too-small', 'output-vocab-too-small']);
    expect(problems[0].message).toContain('14 different tokens');
    expect(problems[0].hint).toContain('at least 14');
    expect(problems[1].hint).toContain('Language-model head to at least 14');
  });

  it('explains sequences too short, per framing', () => {
    const same = taskFit(reverse, { ...fittingDesign(reverse), input: { kind: 'tokens', vocab: 14, seqLen: 8 } });
    expect(same.map((p) => p.code)).toEqual(['seq-len-too-short']);
    expect(same[0].hint).toContain('at least 13');
    const s2s = taskFit(reverse, { input: { kind: 'tokens', vocab: 14, seqLen: 5 }, output: { kind: 'tokens', vocab: 14 }, seq2seq: true, targetSeqLen: 6 });
    expect(s2s.map((p) => p.code)).toEqual(['seq-len-too-short', 'target-seq-len-too-short']);
    expect(s2s[0].hint).toContain('source Token input to at least 6');
    expect(s2s[1].hint).toContain('at least 7');
    expect(codes(forecast, { ...fittingDesign(forecast), input: { kind: 'series', features: 1, seqLen: 16 } })).toEqual(['seq-len-too-short']);
  });

  it('explains a series with the wrong number of features', () => {
    const [problem] = taskFit(activity, { ...fittingDesign(activity), input: { kind: 'series', features: 1, seqLen: 32 } });
    expect(problem.code).toBe('features-mismatch');
    expect(problem.hint).toBe('Set features on the Series input to 3.');
  });

  it('explains a head of the wrong kind', () => {
    const [problem] = taskFit(reverse, { ...fittingDesign(reverse), output: { kind: 'classes', count: 2 } });
    expect(problem.code).toBe('output-kind');
    expect(problem.message).toMatch(/every token at every position.*Classification head/);
    expect(problem.hint).toContain('Replace the Classification head with a Language-model head');
    expect(codes(activity, { ...fittingDesign(activity), output: { kind: 'regression', outputs: 1, horizon: 4 } })).toEqual(['output-kind']);
    expect(codes(forecast, { ...fittingDesign(forecast), output: { kind: 'tokens', vocab: 10 } })).toEqual(['output-kind']);
  });

  it('explains too few classes', () => {
    const [problem] = taskFit(activity, { ...fittingDesign(activity), output: { kind: 'classes', count: 2 } });
    expect(problem.code).toBe('too-few-classes');
    expect(problem.hint).toBe('Set classes on the Classification head to 4.');
  });

  it('explains a forecast of the wrong width or horizon', () => {
    const problems = taskFit(forecast, { ...fittingDesign(forecast), output: { kind: 'regression', outputs: 2, horizon: 8 } });
    expect(problems.map((p) => p.code)).toEqual(['outputs-mismatch', 'horizon-mismatch']);
    expect(problems[1].hint).toBe('Set horizon on the Regression head to 4.');
  });

  it('explains that an encoder–decoder cannot take a single-sequence task', () => {
    const [problem] = taskFit(lm, { ...fittingDesign(lm), seq2seq: true });
    expect(problem.code).toBe('seq2seq-not-offered');
    expect(problem.hint).toContain("'tiny-decoder-language-model'");
  });

  it('gives every problem a message and a hint in sentences', () => {
    const io: DesignIO = { input: { kind: 'tokens', vocab: 2, seqLen: 2 }, output: { kind: 'tokens', vocab: 2 }, seq2seq: true, targetSeqLen: 1 };
    for (const t of listTasks()) {
      for (const p of taskFit(t, io)) {
        expect(p.message).toMatch(/^The .*\.$/);
        expect(p.hint).toMatch(/^[A-Z].*\.$/);
      }
    }
  });
});
