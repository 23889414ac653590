import { DesignBuilder } from '../../design/builder.ts';
import type { DesignDocument, DesignNode } from '../../design/document.ts';
import { templateDocument } from '../../design/templates/index.ts';
import { assignmentSpecSchema, type AssignmentSpec, type AssignmentTest } from '../assignment-spec.ts';
import { GradedDesign } from '../check.ts';

/** A fresh copy of a built-in template. */
export function template(name: string): DesignDocument {
  const found = templateDocument(name);
  if (!found.ok) throw new Error(found.message);
  return found.doc;
}

/** A template with one node's params changed. */
export function withParams(doc: DesignDocument, nodeId: string, params: Record<string, unknown>): DesignDocument {
  const copy = structuredClone(doc);
  const node: DesignNode | undefined = copy.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node '${nodeId}'`);
  node.params = { ...node.params, ...params };
  return copy;
}

/** The design ready for checks. */
export function graded(doc: DesignDocument): GradedDesign {
  return new GradedDesign(doc);
}

export interface FlatDecoderOptions {
  causal?: boolean;
  positions?: boolean;
  /** Where the residual's layer norm sits; 'none' leaves it out. */
  norm?: 'pre-ln' | 'post-ln' | 'none';
  headMerge?: 'concat' | 'mean';
}

/**
 * A decoder-only language model built by hand, without blocks: tokens,
 * embedding, (positions), one self-attention with a residual sum, an LM head.
 */
export function flatDecoder(o: FlatDecoderOptions = {}): DesignDocument {
  const b = new DesignBuilder();
  b.node('tokens', 'token-input', { vocab: 16, seqLen: 8 });
  b.node('emb', 'token-embedding', { vocab: 16, dModel: 8 });
  let stream = 'emb.out';
  if (o.positions ?? true) {
    b.node('pe', 'positional-encoding', {});
    b.edge('emb.out', 'pe.in');
    stream = 'pe.out';
  }
  b.edge('tokens.out', 'emb.in');
  let attnInput = stream;
  if (o.norm === 'pre-ln') {
    b.node('preNorm', 'layer-norm', {});
    b.edge(stream, 'preNorm.in');
    attnInput = 'preNorm.out';
  }
  b.node('attn', 'multi-head-attention', { heads: 2, causal: o.causal ?? true, headMerge: o.headMerge ?? 'concat' });
  b.edge(attnInput, 'attn.in');
  b.node('sum', 'add', {});
  b.edge(stream, 'sum.residual');
  b.edge('attn.out', 'sum.sublayer');
  let out = 'sum.out';
  if (o.norm === 'post-ln' || o.norm === 'pre-ln') {
    // Post-LN: the norm after the sum; pre-LN: the final norm before the head.
    b.node('postNorm', 'layer-norm', {});
    b.edge('sum.out', 'postNorm.in');
    out = 'postNorm.out';
  }
  b.node('head', 'lm-head', { vocab: 16 });
  b.edge(out, 'head.in');
  return b.build();
}

/** An assignment around the given tests (each completed with defaults for the fields a test leaves out). */
export function assignment(tests: Array<Partial<AssignmentTest> & Pick<AssignmentTest, 'kind'>>): AssignmentSpec {
  return assignmentSpecSchema.parse({
    format: 'multihead-assignment',
    version: 1,
    title: 'Test assignment',
    prompt: 'Build a model.',
    deadline: null,
    latePolicy: { kind: 'refuse' },
    starter: { kind: 'blank' },
    tests: tests.map((t, i) => ({ id: `t${i + 1}`, name: `Test ${i + 1}`, points: 10, visibility: 'visible', feedback: { pass: 'well done', fail: 'not yet' }, ...t })),
  });
}

/** A design with the edge into `node.port` removed, leaving that input unconnected. */
export function withoutEdgeInto(doc: DesignDocument, node: string, port: string): DesignDocument {
  const edges = doc.edges.filter((e) => !(e.target.node === node && e.target.port === port));
  if (edges.length === doc.edges.length) throw new Error(`no edge into ${node}.${port}`);
  return { ...structuredClone(doc), edges };
}
