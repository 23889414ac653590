import { assignmentSpecSchema, type AssignmentSpec } from '../../../lib/grading/assignment-spec.ts';

/** Words that appear only in the hidden test: if a participant's answer holds one, it leaked. */
export const HIDDEN_MARKERS = ['zebra-secret', 'Zebra causal probe', 'zebra pass note', 'zebra fail note'] as const;

/** An assignment with two visible tests and one hidden test whose every string is a marker. */
export function secretSpec(overrides: Partial<AssignmentSpec> = {}): AssignmentSpec {
  return assignmentSpecSchema.parse({
    format: 'multihead-assignment',
    version: 1,
    title: 'Decoder-only LM',
    prompt: 'Build a small decoder-only language model with a causal mask.',
    deadline: null,
    latePolicy: { kind: 'per-day', percentPerDay: 10, capPercent: 50 },
    starter: { kind: 'blank' },
    tests: [
      { id: 'valid', kind: 'validates', name: 'The design validates', points: 4, visibility: 'visible', feedback: { pass: 'No errors.', fail: 'Fix the errors first.' } },
      { id: 'one-attn', kind: 'node-count', nodeType: 'multi-head-attention', min: 1, name: 'At least one attention', points: 3, visibility: 'visible', feedback: { pass: 'Attention found.', fail: 'Add an attention.' } },
      { id: 'zebra-secret', kind: 'causal-decoder-attention', name: 'Zebra causal probe', points: 5, visibility: 'hidden', feedback: { pass: 'zebra pass note', fail: 'zebra fail note' } },
    ],
    ...overrides,
  });
}
