import { describe, expect, it } from 'vitest';
import { describeOp, nodeTitle } from './describe-op.ts';
import { applyLoggedOp, type DesignState, type LoggedOp } from './design-state.ts';
import { emptyDesignDocument } from './document.ts';
import { DesignOp } from './ops/index.ts';
import { sampleDesign } from './testing/sample-design.ts';

const before: DesignState = { title: 'Sample', doc: sampleDesign() };
const at = { x: 0, y: 0 };

// Typed by op type, so a new op type without a description here fails to compile.
const CASES: Record<LoggedOp['type'], [LoggedOp, string][]> = {
  addNode: [
    [{ type: 'addNode', node: { id: 'n1', type: 'multi-head-attention', params: {}, position: at } }, 'Added Multi-head attention'],
    [{ type: 'addNode', node: { id: 'b1', type: 'block', params: { kind: 'decoder' }, position: at } }, 'Added Decoder block'],
    [{ type: 'addNode', node: { id: 'n2', type: 'layer-norm', position: at, label: 'Final' } }, 'Added Layer norm “Final”'],
  ],
  addNodes: [
    [
      {
        type: 'addNodes',
        nodes: [
          { id: 'a', type: 'token-input', params: {}, position: at },
          { id: 'b', type: 'token-embedding', params: {}, position: at },
        ],
        edges: [{ id: 'e', source: { node: 'a', port: 'out' }, target: { node: 'b', port: 'in' } }],
      },
      'Added 2 layers and 1 connection',
    ],
    [{ type: 'addNodes', nodes: [{ id: 'a', type: 'layer-norm', params: {}, position: at, label: 'Final' }], edges: [] }, 'Added Layer norm “Final”'],
  ],
  removeNodes: [
    [{ type: 'removeNodes', ids: ['pe'] }, 'Deleted Positional encoding'],
    [{ type: 'removeNodes', ids: ['pe', 'emb', 'tokens'] }, 'Deleted 3 layers'],
  ],
  moveNodes: [
    [{ type: 'moveNodes', moves: [{ id: 'spare', position: at }] }, 'Moved Layer norm “Spare”'],
    [{ type: 'moveNodes', moves: [{ id: 'spare', position: at }, { id: 'spare2', position: at }] }, 'Moved 2 layers'],
  ],
  setParams: [
    [{ type: 'setParams', id: 'enc.selfAttn', params: { heads: 8 } }, 'Changed heads to 8 on Multi-head attention'],
    [{ type: 'setParams', id: 'enc.selfAttn', params: { heads: 4, causal: true } }, 'Changed heads to 4 and causal to true on Multi-head attention'],
    [{ type: 'setParams', id: 'emb', params: { sharedWith: null } }, 'Changed sharedWith to none on Token embedding'],
  ],
  connect: [
    [
      { type: 'connect', edge: { id: 'x', source: { node: 'emb', port: 'out' }, target: { node: 'pe', port: 'in' } } },
      'Connected Token embedding → Positional encoding',
    ],
  ],
  disconnect: [
    [{ type: 'disconnect', id: 'e-memory' }, 'Disconnected Encoder block → Decoder block'],
    [{ type: 'disconnect', id: 'nope' }, 'Removed a connection'],
  ],
  renameNode: [
    [{ type: 'renameNode', id: 'pe', label: 'Where' }, 'Labelled Positional encoding “Where”'],
    [{ type: 'renameNode', id: 'spare', label: null }, 'Removed the label of Layer norm “Spare”'],
  ],
  groupIntoBlock: [
    [{ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['spare', 'spare2'], kind: 'encoder' }, 'Grouped 2 layers into an encoder block'],
    [{ type: 'groupIntoBlock', blockId: 'g', nodeIds: ['spare'], label: 'Tail' }, 'Grouped Layer norm “Spare” into block “Tail”'],
  ],
  ungroup: [[{ type: 'ungroup', id: 'enc' }, 'Ungrouped Encoder block']],
  restoreBlock: [
    [
      { type: 'restoreBlock', block: { id: 'g', type: 'block', params: { kind: 'encoder' }, position: at, label: 'Tail' }, index: 0, children: [], edges: [], rewire: [] },
      'Brought back Tail',
    ],
  ],
  setBlockRepeat: [[{ type: 'setBlockRepeat', id: 'enc', repeat: 6 }, 'Set Encoder block to repeat ×6']],
  setBlockCollapsed: [
    [{ type: 'setBlockCollapsed', id: 'dec', collapsed: true }, 'Collapsed Decoder block'],
    [{ type: 'setBlockCollapsed', id: 'dec', collapsed: false }, 'Expanded Decoder block'],
  ],
  setSettings: [[{ type: 'setSettings', settings: { batchSize: 16, training: { learningRate: 0.01 } } }, 'Changed the settings: batchSize to 16 and learningRate to 0.01']],
  addComment: [
    [{ type: 'addComment', comment: { id: 'c9', nodeId: 'emb', author: 'ada', text: 'Hm', at: '', resolved: false, replies: [] } }, 'Commented on Token embedding'],
    [{ type: 'addComment', comment: { id: 'c9', nodeId: null, author: 'ada', text: 'Hm', at: '', resolved: false, replies: [] } }, 'Commented on the design'],
  ],
  replyComment: [[{ type: 'replyComment', commentId: 'c1', reply: { id: 'r9', author: 'ada', text: 'Yes', at: '' } }, 'Replied to a comment']],
  resolveComment: [
    [{ type: 'resolveComment', id: 'c1', resolved: true }, 'Resolved a comment'],
    [{ type: 'resolveComment', id: 'c1', resolved: false }, 'Reopened a comment'],
  ],
  deleteComment: [[{ type: 'deleteComment', id: 'c1' }, 'Deleted a comment']],
  deleteReply: [[{ type: 'deleteReply', commentId: 'c1', replyId: 'r1' }, 'Deleted a reply']],
  renameDesign: [[{ type: 'renameDesign', title: 'Tiny LM' }, 'Renamed the design to “Tiny LM”']],
  restoreVersion: [
    [{ type: 'restoreVersion', fromVersion: 12, title: 'Sample', doc: emptyDesignDocument() }, 'Restored version 12'],
    [{ type: 'restoreVersion', fromVersion: -1, title: 'Sample', doc: emptyDesignDocument() }, 'Replaced the whole design'],
  ],
};

describe('describeOp', () => {
  it.each(Object.values(CASES).flat())('%j → %s', (op, expected) => {
    expect(describeOp(op, before, 40)).toBe(expected);
  });

  it('has cases for every op type of the schema', () => {
    const types = DesignOp.options.map((o) => o.shape.type.value);
    expect(Object.keys(CASES).sort()).toEqual([...types, 'renameDesign', 'restoreVersion'].sort());
  });

  it('names nodes as they were before the op, so a deletion still says what went', () => {
    const op: LoggedOp = { type: 'removeNodes', ids: ['spare'] };
    const result = applyLoggedOp(before, op);
    expect(result.ok).toBe(true);
    expect(describeOp(op, before, 2)).toBe('Deleted Layer norm “Spare”');
    if (result.ok) expect(describeOp(op, result.state, 3)).toBe('Deleted a layer');
  });

  it('tells where a fork starts from a restore by the version it produced', () => {
    const op: LoggedOp = { type: 'restoreVersion', fromVersion: 7, title: 'x', doc: emptyDesignDocument() };
    expect(describeOp(op, before, 1)).toBe('Forked from version 7 of another design');
    expect(describeOp(op, before, 8)).toBe('Restored version 7');
  });

  it('titles blocks by label or kind and layers by catalog name plus label', () => {
    const enc = before.doc.nodes.find((n) => n.id === 'enc')!;
    expect(nodeTitle(enc)).toBe('Encoder block');
    expect(nodeTitle({ ...enc, label: 'Encoder ×2' })).toBe('Encoder ×2');
    expect(nodeTitle({ id: 'x', type: 'no-such-type', params: {}, position: at })).toBe('no-such-type');
  });
});
