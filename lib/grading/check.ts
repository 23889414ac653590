import { countDesign, type DesignCost } from '../compile/count.ts';
import type { DesignDocument } from '../design/document.ts';
import { validateDesign, type ValidationResult } from '../design/validate.ts';

/**
 * What a check measured: the share of the points earned (1 = all, partial
 * credit in between), whether that counts as passing, and a sentence for
 * people. `measured` is the number the check compared, when there is one.
 */
export interface Measurement {
  fraction: number;
  passed: boolean;
  detail: string;
  measured?: number;
}

/** A measurement that either meets the test or does not. */
export function verdict(passed: boolean, detail: string, measured?: number): Measurement {
  return measured === undefined ? { fraction: passed ? 1 : 0, passed, detail } : { fraction: passed ? 1 : 0, passed, detail, measured };
}

/** The design under test, with its validation and cost computed once and shared by every check. */
export class GradedDesign {
  private validated?: ValidationResult;
  private counted?: DesignCost;

  constructor(readonly doc: DesignDocument) {}

  get validation(): ValidationResult {
    return (this.validated ??= validateDesign(this.doc));
  }

  get cost(): DesignCost {
    return (this.counted ??= countDesign(this.doc, this.validation));
  }
}

/** "1 node", "3 nodes". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
