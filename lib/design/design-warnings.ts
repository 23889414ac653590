import { entryOf } from './catalog/index.ts';
import { DIAGNOSTIC_SEVERITY, type Diagnostic } from './diagnostics.ts';
import type { DesignDocument, DesignNode } from './document.ts';
import { portKey, type DesignIndex } from './graph.ts';
import type { InferenceFacts } from './validate.ts';

/** Post-LN stacks at least this deep train badly without a learning-rate warm-up. */
export const DEEP_POST_LN_LAYERS = 6;

// Outputs of these kinds end the graph: nothing is expected to read them.
const TERMINAL_KINDS = new Set(['logits', 'class-logits', 'regression', 'probabilities']);

/**
 * Checks that need the whole design rather than one node: an output head,
 * warm-up for deep post-LN, dropout without training, unused outputs.
 */
export function designWarnings(doc: DesignDocument, ix: DesignIndex, facts: InferenceFacts, add: (d: Diagnostic) => void): void {
  const report = (code: keyof typeof DIAGNOSTIC_SEVERITY, message: string, hint: string, where: Partial<Diagnostic> = {}) =>
    add({ severity: DIAGNOSTIC_SEVERITY[code], code, ...where, message, hint });

  if (doc.nodes.length === 0) {
    report('empty-design', 'The canvas is empty.', 'Start from a template, or drag a token input or series input from the palette.');
    return;
  }
  if (!doc.nodes.some((n) => entryOf(n).role === 'head')) {
    report('no-output-head', 'The design has no output head, so there is nothing to predict or train.', 'End the model with a language-model, classification or regression head.');
  }
  const training = doc.settings.training;
  for (const node of doc.nodes) {
    const entry = entryOf(node);
    const rate = entry.dropoutRate(node.params);
    if (!training.enabled && rate > 0) {
      report('dropout-without-training', `'${node.id}' applies dropout ${rate}, but this design is never trained.`, 'Dropout only acts while training; in a forward run it does nothing. Set it to 0 or enable training.', { nodeId: node.id });
    }
    for (const port of entry.ports(node.params)) {
      if (port.direction !== 'out' || TERMINAL_KINDS.has(port.kind)) continue;
      // A block whose inside delivers nothing to out ends the model (or is reported by the validator).
      if (entry.role === 'block' && !ix.edgesByTarget.has(portKey({ node: node.id, port: 'out' }))) continue;
      if (!ix.edgesBySource.has(portKey({ node: node.id, port: port.name }))) {
        report('unused-output', `The output of '${node.id}' is not used.`, 'Connect it onward, or delete the node.', { nodeId: node.id, port: port.name });
      }
    }
  }
  const postLn = firstPostLnNode(doc, ix);
  if (postLn && training.enabled && training.warmupSteps === 0 && facts.maxHeadDepth >= DEEP_POST_LN_LAYERS) {
    report(
      'post-ln-without-warmup',
      `This post-LN model stacks ${facts.maxHeadDepth} attention layers and trains without a learning-rate warm-up.`,
      'With LayerNorm after the residual, early gradients near the output are large and deep post-LN models diverge or stall. Add warm-up steps (the paper used 4000) or switch the blocks to pre-LN.',
      { nodeId: topLevel(ix, postLn).id },
    );
  }
}

/**
 * An Add & Norm node, or a layer norm that is the only reader of an Add and
 * whose output carries the residual stream on (to another residual sum or
 * out of a block): normalisation after the residual. The final norm of a
 * pre-LN stack reads an Add too, but feeds a head, so it does not count.
 */
function firstPostLnNode(doc: DesignDocument, ix: DesignIndex): DesignNode | undefined {
  return doc.nodes.find((n) => {
    if (n.type === 'add-norm') return true;
    if (n.type !== 'layer-norm') return false;
    const [edge] = ix.edgesByTarget.get(portKey({ node: n.id, port: 'in' })) ?? [];
    if (!edge || ix.nodes.get(edge.source.node)?.type !== 'add') return false;
    if ((ix.edgesBySource.get(portKey(edge.source)) ?? []).length !== 1) return false;
    return (ix.edgesBySource.get(portKey({ node: n.id, port: 'out' })) ?? []).some(
      (e) => e.target.port === 'residual' || (e.target.port === 'out' && e.target.node === n.parentId),
    );
  });
}

function topLevel(ix: DesignIndex, node: DesignNode): DesignNode {
  let current = node;
  for (let parent = ix.nodes.get(current.parentId ?? ''); parent; parent = ix.nodes.get(current.parentId ?? '')) current = parent;
  return current;
}
