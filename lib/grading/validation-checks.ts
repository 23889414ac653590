import { entryOf } from '../design/catalog/index.ts';
import { DIAGNOSTIC_SEVERITY, type DiagnosticCode } from '../design/diagnostics.ts';
import { plural, verdict, type GradedDesign, type Measurement } from './check.ts';

/** The design validates without errors; the first error is named when it does not. */
export function checkValidates(design: GradedDesign): Measurement {
  const errors = design.validation.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) {
    const warnings = design.validation.diagnostics.filter((d) => d.severity === 'warning').length;
    return verdict(true, `no errors (${plural(warnings, 'warning')})`, 0);
  }
  const [first] = errors;
  const where = first.nodeId ? ` at '${first.nodeId}'` : '';
  return verdict(false, `${plural(errors.length, 'error')}; the first, ${first.code}${where}: ${first.message}`, errors.length);
}

/** A named diagnostic is absent from the validation; where it appears is said when it is not. */
export function checkDiagnosticAbsent(design: GradedDesign, code: DiagnosticCode): Measurement {
  const found = design.validation.diagnostics.filter((d) => d.code === code);
  if (found.length === 0) return verdict(true, `no ${code} ${DIAGNOSTIC_SEVERITY[code]}`, 0);
  const nodes = [...new Set(found.flatMap((d) => (d.nodeId ? [`'${d.nodeId}'`] : [])))];
  const where = nodes.length > 0 ? ` at ${nodes.slice(0, 5).join(', ')}${nodes.length > 5 ? ', …' : ''}` : '';
  return verdict(false, `${code} reported ${found.length === 1 ? 'once' : `${found.length} times`}${where}: ${found[0].message}`, found.length);
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * The model's output heads all produce `wanted` (batch first, the batch being
 * the design's sample batch size). Every head's shape is named in the detail.
 */
export function checkOutputShape(design: GradedDesign, wanted: readonly number[]): Measurement {
  const heads = design.doc.nodes.filter((n) => entryOf(n).role === 'head');
  if (heads.length === 0) return verdict(false, `the design has no output head (${shapeText(wanted)} wanted)`);
  const found = heads.map((head) => ({ id: head.id, shape: design.validation.nodes[head.id]?.outputs.out?.shape }));
  const same = (shape: readonly number[] | undefined) => shape !== undefined && shape.length === wanted.length && shape.every((d, i) => d === wanted[i]);
  const described = found.map((h) => `'${h.id}' ${h.shape ? shapeText(h.shape) : 'has no shape (its inputs have errors)'}`).join(', ');
  return verdict(
    found.every((h) => same(h.shape)),
    `${heads.length === 1 ? 'output head' : 'output heads'} ${described} (${shapeText(wanted)} wanted)`,
  );
}
