import { describe, expect, it } from 'vitest';
import { templateDocument } from '../../../lib/design/index.ts';
import { trainPayload } from './train-payload.ts';

const limits = { maxSteps: 500, maxParams: 1_000_000 };
const found = templateDocument('tiny-transformer');
if (!found.ok) throw new Error(found.message);
const document = found.doc;

describe('trainPayload', () => {
  it('accepts a task, steps within the cap, and optional learning rate and seed', () => {
    const parsed = trainPayload(limits).safeParse({ document, task: 'copy', steps: 500, learningRate: 3e-4, seed: 1 });
    expect(parsed.success).toBe(true);
  });

  it('accepts a batch size, warm-up and optimiser, and refuses ones the run could not use', () => {
    expect(trainPayload(limits).safeParse({ document, task: 'copy', steps: 5, batchSize: 8, warmupSteps: 100, optimizer: 'adamw' }).success).toBe(true);
    expect(trainPayload(limits).safeParse({ document, task: 'copy', steps: 5, batchSize: 0 }).success).toBe(false);
    expect(trainPayload(limits).safeParse({ document, task: 'copy', steps: 5, optimizer: 'sgd' }).success).toBe(false);
  });

  it('refuses more steps than the server allows, saying how many it does', () => {
    const parsed = trainPayload(limits).safeParse({ document, task: 'copy', steps: 501 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['steps'], message: expect.stringContaining('500') });
  });

  it('refuses an unknown task by listing the known ones, and stray fields', () => {
    const unknown = trainPayload(limits).safeParse({ document, task: 'chess', steps: 10 });
    expect(unknown.error?.issues[0].message).toMatch(/no task 'chess'; known: copy/);
    expect(trainPayload(limits).safeParse({ document, task: 'copy', steps: 10, gpu: true }).success).toBe(false);
  });
});
