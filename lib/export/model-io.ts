import type { ModelInput } from '../compile/index.ts';
import { intTensor, tensor, type Tensor } from '../tensor/index.ts';

/**
 * The JSON of a model's inputs and outputs, shared by `multihead run
 * --input/--out` and the exported model.py: inputs are `{ "<input node id>":
 * nested lists }` (token ids [batch][seq] or values [batch][seq][features]),
 * or one nested list when the design has a single input; outputs are
 * `{ "outputs": { "<node id>": { "shape": [...], "data": nested lists } } }`.
 */

/** Inputs read from JSON, or the first problem with its JSON path. */
export type InputsOutcome = { ok: true; tensors: Record<string, Tensor> } | { ok: false; path: string; message: string };

/** Checks JSON inputs against the design's input nodes and makes tensors of them. */
export function inputsFromJson(inputs: readonly ModelInput[], value: unknown): InputsOutcome {
  let byName: Record<string, unknown>;
  if (Array.isArray(value)) {
    if (inputs.length !== 1) return { ok: false, path: '$', message: `this design has ${inputs.length} inputs; give an object { ${inputs.map((i) => `"${i.nodeId}": […]`).join(', ')} }` };
    byName = { [inputs[0].nodeId]: value };
  } else if (typeof value === 'object' && value !== null) {
    byName = value as Record<string, unknown>;
  } else {
    return { ok: false, path: '$', message: 'inputs are an object of nested lists by input name (or one nested list)' };
  }
  const known = new Set(inputs.map((i) => i.nodeId));
  for (const key of Object.keys(byName)) {
    if (!known.has(key)) return { ok: false, path: `$.${key}`, message: `'${key}' is not an input of this design (inputs: ${[...known].join(', ')})` };
  }
  const tensors: Record<string, Tensor> = {};
  let batch: number | null = null;
  for (const input of inputs) {
    const path = Array.isArray(value) ? '$' : `$.${input.nodeId}`;
    const rows = byName[input.nodeId];
    if (rows === undefined) return { ok: false, path, message: `no values for the input '${input.nodeId}'` };
    const rank = input.kind === 'tokens' ? 2 : 3;
    const shape = nestedShape(rows, rank);
    if (typeof shape === 'string') return { ok: false, path: `${path}${shape}`, message: `expected ${input.kind === 'tokens' ? 'token ids [batch][seq]' : `values [batch][seq][${input.features}]`}` };
    if (input.kind === 'series' && shape[2] !== input.features) return { ok: false, path, message: `each step has ${shape[2]} values; this input has ${input.features} features` };
    if (batch !== null && shape[0] !== batch) return { ok: false, path, message: `batch of ${shape[0]}, but another input has ${batch}` };
    batch = shape[0];
    const flat = (rows as unknown[]).flat(rank - 1) as unknown[];
    const bad = flat.findIndex((v) => (input.kind === 'tokens' ? !(Number.isInteger(v) && (v as number) >= 0 && (v as number) < input.vocab) : !(typeof v === 'number' && Number.isFinite(v))));
    if (bad >= 0) {
      const where = indexPath(bad, shape);
      const rule = input.kind === 'tokens' ? `a token id is a whole number in [0, ${input.vocab})` : 'a value is a finite number';
      return { ok: false, path: `${path}${where}`, message: `${JSON.stringify(flat[bad])}: ${rule}` };
    }
    tensors[input.nodeId] = input.kind === 'tokens' ? intTensor(flat as number[], shape) : tensor(Float32Array.from(flat as number[]), shape);
  }
  return { ok: true, tensors };
}

/** The shape of a rectangular nested list of the given rank, or the JSON path (relative) of the first irregularity. */
function nestedShape(value: unknown, rank: number): number[] | string {
  const shape: number[] = [];
  let level: unknown[] = [value];
  for (let d = 0; d < rank; d++) {
    const first = level[0];
    if (!Array.isArray(first) || first.length === 0) return d === 0 ? '' : '[0]'.repeat(d);
    shape.push(first.length);
    const next: unknown[] = [];
    for (const [i, item] of level.entries()) {
      if (!Array.isArray(item) || item.length !== shape[d]) return indexPath(i, shape.slice(0, d));
      next.push(...item);
    }
    level = next;
  }
  return shape;
}

function indexPath(flatIndex: number, shape: readonly number[]): string {
  const parts: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    parts.unshift(flatIndex % shape[d]);
    flatIndex = Math.floor(flatIndex / shape[d]);
  }
  return parts.map((i) => `[${i}]`).join('');
}

/** One output tensor as JSON: its shape and its values as nested lists (NaN and ±∞ as null, as JSON has none). */
export function tensorJson(t: Tensor): { shape: number[]; data: unknown } {
  const nest = (offset: number, d: number): unknown => {
    if (d === t.shape.length) {
      const v = t.data[offset];
      return Number.isFinite(v) ? v : null;
    }
    const stride = t.shape.slice(d + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: t.shape[d] }, (_, i) => nest(offset + i * stride, d + 1));
  };
  return { shape: [...t.shape], data: nest(0, 0) };
}
