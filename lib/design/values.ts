import type { InferredOutput, PortKind, Value } from './catalog/index.ts';

/** The facts a layer passes on unless it says otherwise. */
export type Facts = Pick<Value, 'positional' | 'futureFrom' | 'selfAttentionDepth'>;

/** Combines the facts of a node's inputs: position known if any input knows it, leaks and depth accumulate. */
export function mergeFacts(inputs: readonly Value[]): Facts {
  if (inputs.length === 1) return inputs[0];
  let positional = false;
  let selfAttentionDepth = 0;
  const futureFrom = new Set<string>();
  for (const v of inputs) {
    positional ||= v.positional;
    selfAttentionDepth = Math.max(selfAttentionDepth, v.selfAttentionDepth);
    for (const id of v.futureFrom) futureFrom.add(id);
  }
  return { positional, futureFrom: [...futureFrom], selfAttentionDepth };
}

/** A node's inferred output as a value, its unset facts taken from its inputs. */
export function toValue(kind: PortKind, out: InferredOutput, inherited: Facts): Value {
  const value: Value = {
    kind,
    shape: out.shape,
    positional: out.positional ?? inherited.positional,
    futureFrom: out.futureFrom ?? inherited.futureFrom,
    selfAttentionDepth: out.selfAttentionDepth ?? inherited.selfAttentionDepth,
  };
  if (out.vocab !== undefined) value.vocab = out.vocab;
  return value;
}
