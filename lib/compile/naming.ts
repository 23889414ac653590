import type { DesignNode } from '../design/document.ts';

/**
 * How a compiled model names its modules, so that an exported PyTorch
 * `nn.Module` can mirror it key for key:
 *
 *   nodes.<name>.<param>                          a top-level node, e.g. nodes.head.weight
 *   nodes.<block>.layers.<i>.<name>.<param>       copy i of a block's inside, e.g.
 *                                                 nodes.encoder.layers.0.selfAttn.in_proj_weight
 *
 * (`nodes` is an nn.ModuleDict, a block an nn.Module whose `layers` is an
 * nn.ModuleList of nn.ModuleDicts; blocks nest.) Each layer's own parameter
 * names are PyTorch's: Embedding/Linear/LayerNorm `weight`, `bias`;
 * MultiheadAttention `in_proj_weight`, `in_proj_bias`, `out_proj.weight`;
 * LSTM/GRU `weight_ih_l0`…; feed-forward `linear1.*`, `linear2.*`.
 * Parameter-free nodes (inputs, add, softmax, masks, sinusoidal positions,
 * dropout) have a module too but no keys. A tied head or shared embedding
 * holds its owner's matrix without registering it, so that matrix has one
 * key, the owner's (PyTorch: tie after construction; its state_dict would
 * then list the matrix under both names).
 *
 * A node's name is its id, minus its block's id and a dot when the id starts
 * with them (the templates call children `encoder.selfAttn`), with every
 * remaining '.' turned into '_' because PyTorch forbids dots in module names.
 * Names PyTorch's ModuleDict already uses as attributes get a trailing '_',
 * a leading '_' gets an 'n' in front, and a name already taken in the scope
 * gets `_2`, `_3`, … in document order, so the mapping stays one-to-one.
 */

/** Attributes of torch.nn.Module and nn.ModuleDict that a module name may not shadow. */
export const RESERVED_MODULE_NAMES: ReadonlySet<string> = new Set([
  'T_destination', 'add_module', 'apply', 'bfloat16', 'buffers', 'call_super_init', 'children', 'clear', 'compile',
  'cpu', 'cuda', 'double', 'dump_patches', 'eval', 'extra_repr', 'float', 'forward', 'get_buffer', 'get_extra_state',
  'get_parameter', 'get_submodule', 'half', 'ipu', 'items', 'keys', 'load_state_dict', 'modules', 'mtia',
  'named_buffers', 'named_children', 'named_modules', 'named_parameters', 'parameters', 'pop',
  'register_backward_hook', 'register_buffer', 'register_forward_hook', 'register_forward_pre_hook',
  'register_full_backward_hook', 'register_full_backward_pre_hook', 'register_load_state_dict_post_hook',
  'register_load_state_dict_pre_hook', 'register_module', 'register_parameter', 'register_state_dict_post_hook',
  'register_state_dict_pre_hook', 'requires_grad_', 'set_extra_state', 'set_submodule', 'share_memory', 'state_dict',
  'to', 'to_empty', 'train', 'training', 'type', 'update', 'values', 'xpu', 'zero_grad',
]);

/** The module name a node would get in its scope before de-duplication. */
export function baseModuleName(nodeId: string, blockId: string | null): string {
  const local = blockId !== null && nodeId.startsWith(`${blockId}.`) ? nodeId.slice(blockId.length + 1) : nodeId;
  let name = local.replaceAll('.', '_');
  if (name.startsWith('_')) name = `n${name}`;
  if (RESERVED_MODULE_NAMES.has(name)) name = `${name}_`;
  return name;
}

/** Module names of one scope's nodes (given in document order), unique within the scope. */
export function scopeModuleNames(nodes: readonly DesignNode[], blockId: string | null): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const node of nodes) {
    const base = baseModuleName(node.id, blockId);
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    taken.add(name);
    names.set(node.id, name);
  }
  return names;
}
