import { DIAGNOSTIC_CODES } from '@/lib/design/diagnostics';
import type { AssignmentTest, AssignmentTestKind } from '@/lib/grading/assignment-spec';

/** One kind-specific field of a test in the editor's form. */
export interface TestField {
  key: string;
  label: string;
  type: 'text' | 'number' | 'select' | 'shape';
  options?: readonly string[];
  optional?: boolean;
  hint?: string;
}

/** The kinds as the editor offers them: a label and their own fields (the common ones are the form's). */
export const TEST_KINDS: Record<AssignmentTestKind, { label: string; fields: TestField[] }> = {
  validates: { label: 'Design validates without errors', fields: [] },
  'node-count': {
    label: 'Node type appears n times',
    fields: [
      { key: 'nodeType', label: 'Node type', type: 'text', hint: 'e.g. multi-head-attention' },
      { key: 'min', label: 'At least', type: 'number', optional: true },
      { key: 'max', label: 'At most', type: 'number', optional: true },
    ],
  },
  'parameter-count': {
    label: 'Parameter count within a range',
    fields: [
      { key: 'min', label: 'At least', type: 'number', optional: true },
      { key: 'max', label: 'At most', type: 'number', optional: true },
    ],
  },
  'output-shape': { label: 'Output shape equals', fields: [{ key: 'shape', label: 'Shape', type: 'shape', hint: 'batch first, e.g. 8, 32, 1000' }] },
  'causal-decoder-attention': { label: 'Decoder self-attention is causally masked', fields: [] },
  'positional-information': { label: 'Positional information is present', fields: [] },
  'heads-concatenated': { label: 'Heads are concatenated, not averaged', fields: [] },
  'norm-order': { label: 'Add & norm order', fields: [{ key: 'order', label: 'Order', type: 'select', options: ['pre-ln', 'post-ln'] }] },
  'diagnostic-absent': { label: 'A named diagnostic is absent', fields: [{ key: 'code', label: 'Diagnostic', type: 'select', options: DIAGNOSTIC_CODES }] },
  training: {
    label: 'Training reaches a threshold',
    fields: [
      { key: 'task', label: 'Task', type: 'text', hint: 'e.g. copy, reverse, sort' },
      { key: 'steps', label: 'Steps', type: 'number' },
      { key: 'seed', label: 'Seed', type: 'number' },
      { key: 'learningRate', label: 'Learning rate', type: 'number' },
      { key: 'timeCapSeconds', label: 'Time cap (s)', type: 'number' },
      { key: 'metric', label: 'Metric', type: 'select', options: ['accuracy', 'loss'] },
      { key: 'full', label: 'Full points at', type: 'number' },
      { key: 'zero', label: 'No points at', type: 'number' },
    ],
  },
};

const KIND_DEFAULTS: Record<AssignmentTestKind, Record<string, unknown>> = {
  validates: {},
  'node-count': { nodeType: 'multi-head-attention', min: 1 },
  'parameter-count': { max: 1_000_000 },
  'output-shape': { shape: [8, 32, 64] },
  'causal-decoder-attention': {},
  'positional-information': {},
  'heads-concatenated': {},
  'norm-order': { order: 'pre-ln' },
  'diagnostic-absent': { code: 'future-visible' },
  training: { task: 'copy', steps: 200, seed: 1, learningRate: 0.003, timeCapSeconds: 60, metric: 'accuracy', full: 0.9, zero: 0.2 },
};

/** A new test of `kind` with sensible values, its id unique among `taken`. */
export function newTest(kind: AssignmentTestKind, taken: readonly string[]): AssignmentTest {
  let n = taken.length + 1;
  while (taken.includes(`test-${n}`)) n++;
  return {
    id: `test-${n}`,
    name: TEST_KINDS[kind].label,
    points: 10,
    visibility: 'visible',
    feedback: { pass: '', fail: '' },
    kind,
    ...KIND_DEFAULTS[kind],
  } as AssignmentTest;
}

/** The same test as another kind: the common fields kept, the kind's own reset. */
export function withKind(test: AssignmentTest, kind: AssignmentTestKind): AssignmentTest {
  const { id, name, points, visibility, feedback } = test;
  return { id, name, points, visibility, feedback, kind, ...KIND_DEFAULTS[kind] } as AssignmentTest;
}
