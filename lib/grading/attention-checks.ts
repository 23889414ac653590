import { BLOCK_TYPE } from '../design/catalog/index.ts';
import type { DesignDocument, DesignNode } from '../design/document.ts';
import { plural, verdict, type GradedDesign, type Measurement } from './check.ts';

const ATTENTION = 'multi-head-attention';

const quoted = (nodes: readonly DesignNode[]) => {
  const shown = nodes.slice(0, 5).map((n) => `'${n.id}'`).join(', ');
  return nodes.length > 5 ? `${shown}, …` : shown;
};

function attentions(doc: DesignDocument): DesignNode[] {
  return doc.nodes.filter((n) => n.type === ATTENTION);
}

/** The kind of the innermost block around a node, as the validator sees it ('decoder' makes a self-attention a decoder's). */
function enclosingBlockKind(node: DesignNode, byId: ReadonlyMap<string, DesignNode>): string | null {
  const parent = byId.get(node.parentId ?? '');
  return parent?.type === BLOCK_TYPE ? String(parent.params.kind) : null;
}

/**
 * Nodes whose output reaches a language-model head along the query stream:
 * edges into a `memory` port carry a source sequence (an encoder's output),
 * not the text being predicted, so they are not followed.
 */
function feedingLanguageModelHeads(doc: DesignDocument): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const e of doc.edges) {
    if (e.target.port === 'memory') continue;
    const list = incoming.get(e.target.node) ?? [];
    list.push(e.source.node);
    incoming.set(e.target.node, list);
  }
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const reached = new Set<string>();
  const stack = doc.nodes.filter((n) => n.type === 'lm-head').map((n) => n.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    stack.push(...(incoming.get(id) ?? []));
    // Inside a block, its input flows in from the block's own inputs.
    const parent = byId.get(id)?.parentId;
    if (parent !== undefined) stack.push(parent);
  }
  return reached;
}

/**
 * Every decoder self-attention is causally masked. A decoder self-attention
 * is a self-attention inside a decoder block, or one whose output reaches a
 * language-model head (a decoder-only stack built without blocks). A design
 * with none fails: there is nothing that shows the mask was understood.
 */
export function checkCausalDecoderAttention(design: GradedDesign): Measurement {
  const { doc } = design;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const lmStream = feedingLanguageModelHeads(doc);
  const decoderSelf = attentions(doc).filter(
    (n) => n.params.mode === 'self' && (enclosingBlockKind(n, byId) === 'decoder' || lmStream.has(n.id)),
  );
  if (decoderSelf.length === 0) {
    return verdict(false, 'no decoder self-attention found (none in a decoder block, none feeding a language-model head)', 0);
  }
  const open = decoderSelf.filter((n) => n.params.causal !== true);
  const masked = decoderSelf.length - open.length;
  const detail = `${masked} of ${plural(decoderSelf.length, 'decoder self-attention')} causally masked`;
  return verdict(open.length === 0, open.length === 0 ? detail : `${detail}; without a mask: ${quoted(open)}`, masked);
}

/**
 * Positional information reaches every attention: the validator reports no
 * `no-positional-information`. Without attention, a recurrent layer (which
 * reads order by itself) passes; a design with neither fails.
 */
export function checkPositionalInformation(design: GradedDesign): Measurement {
  const { doc, validation } = design;
  const all = attentions(doc);
  if (all.length === 0) {
    const recurrent = doc.nodes.some((n) => n.type === 'recurrent');
    return verdict(recurrent, recurrent ? 'no attention; the recurrent layer reads positions in order' : 'no attention and no recurrent layer in the design');
  }
  const unchecked = all.filter((n) => validation.nodes[n.id]?.outputs.out === undefined);
  const missing = validation.diagnostics.filter((d) => d.code === 'no-positional-information');
  const ids = new Set(missing.map((d) => d.nodeId));
  const blind = all.filter((n) => ids.has(n.id));
  if (blind.length > 0) {
    return verdict(false, `${blind.length} of ${plural(all.length, 'attention')} get no positional information: ${quoted(blind)}`, all.length - blind.length);
  }
  if (unchecked.length > 0) {
    return verdict(false, `cannot tell: ${plural(unchecked.length, 'attention')} (${quoted(unchecked)}) could not be checked because of errors before them`);
  }
  return verdict(true, `all ${plural(all.length, 'attention')} get positional information`, all.length);
}

/**
 * Every multi-head attention concatenates its heads. With a single head the
 * mean is the concatenation, so only mean-merging several heads fails; a
 * design without multi-head attention fails too.
 */
export function checkHeadsConcatenated(design: GradedDesign): Measurement {
  const all = attentions(design.doc);
  if (all.length === 0) return verdict(false, 'no multi-head attention in the design', 0);
  const averaged = all.filter((n) => n.params.headMerge === 'mean' && Number(n.params.heads) > 1);
  const concatenated = all.length - averaged.length;
  const detail = `heads concatenated in ${concatenated} of ${plural(all.length, 'multi-head attention')}`;
  return verdict(averaged.length === 0, averaged.length === 0 ? detail : `${detail}; averaged: ${quoted(averaged)}`, concatenated);
}
