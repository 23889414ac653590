/** The "training" benchmark section: the reverse task's wall time, and concurrent jobs sharing the machine. */
import { concurrentJobsPart } from './concurrent-jobs.ts';
import { reversePart } from './reverse.ts';
import type { Section } from './section.ts';

export const trainingSection: Section = {
  name: 'training',
  title: 'Training',
  parts: [reversePart, concurrentJobsPart],
};
