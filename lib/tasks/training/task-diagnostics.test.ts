import { describe, expect, it } from 'vitest';
import { template } from '../../compile/testing/designs.ts';
import { listTasks } from '../registry.ts';
import { matchTask, taskDiagnostics } from './task-diagnostics.ts';

describe('taskDiagnostics', () => {
  it('finds nothing wrong with each task’s own template', () => {
    for (const task of listTasks()) {
      if (task.defaults.template) expect(taskDiagnostics(template(task.defaults.template), task.name), task.name).toEqual([]);
    }
    expect(taskDiagnostics(template('tiny-lstm-baseline'), 'reverse')).toEqual([]);
    expect(taskDiagnostics(template('tiny-decoder-language-model'), 'copy')).toEqual([]);
  });

  it('explains why the series forecaster cannot learn to copy, on the nodes to change', () => {
    const problems = taskDiagnostics(template('tiny-series-forecaster'), 'copy');
    expect(problems.map((p) => [p.code, p.nodeId])).toEqual([
      ['input-kind', 'series'],
      ['output-kind', 'forecast'],
    ]);
    expect(problems[0].hint).toContain('Replace the Series input with a Token input');
    expect(problems[1].hint).toContain('Replace the Regression head with a Language-model head');
  });

  it('explains an encoder–decoder on a task without source and target, and a too-short decoder input', () => {
    expect(taskDiagnostics(template('tiny-transformer'), 'sine-forecasting').map((p) => p.code)).toEqual(['seq2seq-not-offered', 'input-kind', 'output-kind']);
    const doc = template('tiny-transformer');
    const target = doc.nodes.find((n) => n.id === 'tgtTokens')!;
    target.params = { ...target.params, seqLen: 5 };
    expect(taskDiagnostics(doc, 'copy')).toEqual([expect.objectContaining({ code: 'target-seq-len-too-short', nodeId: 'tgtTokens' })]);
  });

  it('refuses an unknown task and a design with errors before looking at the fit', () => {
    expect(taskDiagnostics(template('tiny-transformer'), 'chess')).toEqual([expect.objectContaining({ code: 'unknown-task', message: expect.stringContaining("no task 'chess'") })]);
    const broken = template('tiny-lstm-baseline');
    broken.edges = broken.edges.filter((e) => e.target.node !== 'lstm');
    expect(taskDiagnostics(broken, 'reverse')).toEqual([expect.objectContaining({ code: 'invalid-design', nodeId: 'lstm' })]);
  });

  it('hands back the task and wiring when they fit', () => {
    const match = matchTask(template('tiny-transformer'), 'reverse');
    expect(match.ok && [match.task.name, match.wiring.targetInputId]).toEqual(['reverse', 'tgtTokens']);
  });
});
