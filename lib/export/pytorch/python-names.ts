/** Python identifiers for design names: readable, valid, never a keyword or a name the generated code uses itself. */

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type',
]);

/** Names the generated forward functions and module use for their own purposes. */
const TAKEN_BY_GENERATED_CODE = new Set([
  'x', 'memory', 'n', 'self', 'torch', 'nn', 'F', 'math', 'json', 'struct', 'sys', 'os', 'argparse', 'causal_mask',
  'input', 'len', 'list', 'dict', 'print', 'range', 'super', 'min', 'max', 'sum', 'open', 'id', 'format', 'object',
]);

/** A Python identifier for `name` (letters, digits, '_'; not starting with a digit; not reserved). */
export function pythonIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (id === '' || /^[0-9]/.test(id)) id = `n_${id}`;
  if (PYTHON_KEYWORDS.has(id) || TAKEN_BY_GENERATED_CODE.has(id)) id = `${id}_`;
  return id;
}

/** Unique Python identifiers for names (in order), each as close to its name as possible. */
export function uniqueIdentifiers(names: readonly string[], taken: Iterable<string> = []): Map<string, string> {
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const name of names) {
    const base = pythonIdentifier(name);
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}_${k}`;
    used.add(id);
    out.set(name, id);
  }
  return out;
}

/** A class name: 'encoder' → 'EncoderBlock', 'stack.inner' → 'StackInnerBlock'. */
export function blockClassName(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return `${/^[0-9]/.test(pascal) || pascal === '' ? 'B' : ''}${pascal}Block`;
}

/** A Python string literal. */
export function pyString(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
}

/** A Python literal for a number or boolean. */
export function pyValue(value: number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a Python literal`);
  return String(value);
}
