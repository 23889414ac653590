export type Severity = 'error' | 'warning' | 'info';

/**
 * Every diagnostic the validator can emit, with its fixed severity. Errors
 * stop a design from running; warnings teach; infos point at loose ends.
 */
export const DIAGNOSTIC_SEVERITY = {
  cycle: 'error',
  'missing-input': 'error',
  'duplicate-input': 'error',
  'incompatible-ports': 'error',
  'heads-do-not-divide-width': 'error',
  'residual-width-mismatch': 'error',
  'residual-length-mismatch': 'error',
  'memory-unconnected': 'error',
  'memory-width-mismatch': 'error',
  'mask-shape-mismatch': 'error',
  'token-vocab-mismatch': 'error',
  'tied-target-invalid': 'error',
  'tied-vocab-mismatch': 'error',
  'tied-width-mismatch': 'error',
  'seq-len-exceeds-max-len': 'error',
  'block-changes-shape': 'error',
  'block-output-unconnected': 'error',
  'no-output-head': 'error',
  'no-positional-information': 'warning',
  'future-visible': 'warning',
  'head-merge-mean': 'warning',
  'post-ln-without-warmup': 'warning',
  'dropout-without-training': 'warning',
  'large-tensor': 'warning',
  'unused-output': 'info',
  'empty-design': 'info',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_SEVERITY;

/** Every code, for tests and for documentation in the UI. */
export const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTIC_SEVERITY) as DiagnosticCode[];

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  nodeId?: string;
  edgeId?: string;
  port?: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** What to do about it, or why it matters. */
  hint: string;
}
