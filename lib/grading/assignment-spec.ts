import { z } from 'zod';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../design/diagnostics.ts';

/**
 * The assignment format: a prompt, a deadline with a late policy, and
 * declarative tests on an architecture. Versioned, so that a file written
 * today still reads after the format grows; `multihead grade` and the app
 * read the same JSON.
 */
export const ASSIGNMENT_FORMAT = 'multihead-assignment';
export const ASSIGNMENT_VERSION = 1;

/** Caps that keep one grading within a workshop's budget. */
export const GRADING_CAPS = { tests: 50, trainingSteps: 2000, timeCapSeconds: 120, pointsPerTest: 1000, textChars: 4000 } as const;

const text = (max: number) => z.string().trim().max(max);
const count = z.number().int().min(0).max(1_000_000_000);

/** The parts every test has: who sees it, what it is worth and what it tells a group. */
const testBase = {
  /** Stable within the assignment: grades, overrides and the CSV refer to it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a test id is 1–40 lower-case letters, digits or dashes'),
  name: text(120).min(1),
  points: z.number().positive().max(GRADING_CAPS.pointsPerTest),
  /** hidden: name, parameters and result reach participants only once grades are released. */
  visibility: z.enum(['visible', 'hidden']),
  feedback: z.object({ pass: text(1000), fail: text(1000) }),
};

interface Bounds {
  min?: number;
  max?: number;
}
const hasABound = (t: Bounds) => t.min !== undefined || t.max !== undefined;
const boundsInOrder = (t: Bounds) => t.min === undefined || t.max === undefined || t.min <= t.max;
const bounds = { min: count.optional(), max: count.optional() };

export const assignmentTestSchema = z.discriminatedUnion('kind', [
  /** The design validates without errors. */
  z.object({ ...testBase, kind: z.literal('validates') }),
  /** Node type X appears at least `min` and/or at most `max` times (blocks' insides count). */
  z
    .object({ ...testBase, ...bounds, kind: z.literal('node-count'), nodeType: z.string().min(1).max(60) })
    .refine(hasABound, { message: 'give at least one of min and max' })
    .refine(boundsInOrder, { message: 'min must not exceed max' }),
  /** The parameter count lies within [min, max]. */
  z
    .object({ ...testBase, ...bounds, kind: z.literal('parameter-count') })
    .refine(hasABound, { message: 'give at least one of min and max' })
    .refine(boundsInOrder, { message: 'min must not exceed max' }),
  /** The model's output (its head's output) has this shape, batch first, e.g. [8, 32, 1000]. */
  z.object({ ...testBase, kind: z.literal('output-shape'), shape: z.array(z.number().int().positive()).min(1).max(6) }),
  /** Every self-attention in a decoder (or a decoder-only stack) is causally masked. */
  z.object({ ...testBase, kind: z.literal('causal-decoder-attention') }),
  /** Positional information reaches the attention (an encoding, or a recurrent layer). */
  z.object({ ...testBase, kind: z.literal('positional-information') }),
  /** Every multi-head attention concatenates its heads (head merge "concat", not "mean"). */
  z.object({ ...testBase, kind: z.literal('heads-concatenated') }),
  /** Every add & norm (and block) puts the norm in this place. */
  z.object({ ...testBase, kind: z.literal('norm-order'), order: z.enum(['pre-ln', 'post-ln']) }),
  /** A named diagnostic is absent from the validation. */
  z.object({ ...testBase, kind: z.literal('diagnostic-absent'), code: z.enum(DIAGNOSTIC_CODES as [DiagnosticCode, ...DiagnosticCode[]]) }),
  /**
   * Training on a built-in task for a fixed budget reaches a threshold. Full
   * points at `full`, none at or beyond `zero`, linear in between (partial
   * credit); for loss lower is better, for accuracy higher is.
   */
  z
    .object({
      ...testBase,
      kind: z.literal('training'),
      task: z.string().min(1).max(60),
      steps: z.number().int().positive().max(GRADING_CAPS.trainingSteps),
      seed: z.number().int().min(0).max(2 ** 31 - 1),
      learningRate: z.number().positive().max(1),
      timeCapSeconds: z.number().positive().max(GRADING_CAPS.timeCapSeconds),
      metric: z.enum(['accuracy', 'loss']),
      full: z.number().min(0),
      zero: z.number().min(0),
    })
    .refine((t) => (t.metric === 'accuracy' ? t.zero <= t.full && t.full <= 1 : t.zero >= t.full), {
      message: 'for accuracy: zero ≤ full ≤ 1; for loss: zero ≥ full',
    }),
]);
export type AssignmentTest = z.infer<typeof assignmentTestSchema>;
export type AssignmentTestKind = AssignmentTest['kind'];

/** What happens to a submission after the deadline. */
export const latePolicySchema = z.discriminatedUnion('kind', [
  /** Late submissions are refused. */
  z.object({ kind: z.literal('refuse') }),
  /** `percentPerDay` of the points off per started day late, never more than `capPercent`. */
  z
    .object({ kind: z.literal('per-day'), percentPerDay: z.number().min(0).max(100), capPercent: z.number().min(0).max(100) })
    .refine((p) => p.capPercent >= p.percentPerDay || p.percentPerDay === 0, { message: 'the cap is below one day’s penalty' }),
]);
export type LatePolicy = z.infer<typeof latePolicySchema>;

/** Where a group's design starts: blank, a template, or one of the instructor's designs. */
export const starterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('template'), template: z.string().min(1).max(80) }),
  z.object({ kind: z.literal('design'), designId: z.string().min(1).max(64) }),
]);
export type Starter = z.infer<typeof starterSchema>;

export const assignmentSpecSchema = z
  .object({
    format: z.literal(ASSIGNMENT_FORMAT),
    version: z.literal(ASSIGNMENT_VERSION),
    title: text(200).min(1),
    prompt: text(GRADING_CAPS.textChars),
    /** ISO 8601 with a zone; null: no deadline. */
    deadline: z.iso.datetime({ offset: true }).nullable(),
    latePolicy: latePolicySchema,
    starter: starterSchema,
    tests: z.array(assignmentTestSchema).min(1).max(GRADING_CAPS.tests),
  })
  .refine((a) => new Set(a.tests.map((t) => t.id)).size === a.tests.length, { message: 'two tests share an id', path: ['tests'] });
export type AssignmentSpec = z.infer<typeof assignmentSpecSchema>;

/** The spec as a participant may see it before grades are released: hidden tests left out entirely. */
export function visibleSpec(spec: AssignmentSpec): AssignmentSpec {
  return { ...spec, tests: spec.tests.filter((t) => t.visibility === 'visible') };
}
