/**
 * The reverse-mode engine: ops attach a GradFn to their result; backward()
 * orders the graph topologically, hands each node its accumulated gradient,
 * and frees the node's closure afterwards so a training loop keeps no memory
 * from the previous step.
 */
import { Tensor } from './tensor.ts';
import { formatShape, sameShape } from './shape.ts';

let gradEnabled = true;

/** Whether ops currently record the graph. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` without recording any graph (evaluation, optimiser updates). */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** True when an op over these inputs must record its backward. */
export function tracksGrad(...inputs: readonly (Tensor | null | undefined)[]): boolean {
  if (!gradEnabled) return false;
  for (const t of inputs) if (t && t.requiresGrad) return true;
  return false;
}

/** Records that `out` was computed from `parents` by `name`; call only when tracksGrad(parents). */
export function attachGrad(
  out: Tensor,
  name: string,
  parents: readonly Tensor[],
  backward: (grad: Float32Array) => void,
): Tensor {
  out.requiresGrad = true;
  out.gradFn = { name, parents, backward };
  return out;
}

function checkNotFreed(t: Tensor): void {
  if (t.graphFreed) {
    throw new Error(
      'backward: trying to backward through a graph that was already freed by an earlier backward() ' +
        '(detach() values carried across steps)',
    );
  }
}

/**
 * True when `t` already has a gradient buffer for this pass, so an op must add
 * into it; false when gradBuffer(t) would make a fresh zero one, which an op may
 * then overwrite instead (a kernel skips reading the zeros back).
 */
export function hasGradBuffer(t: Tensor): boolean {
  return t.gradFn === null ? t.grad !== null : t.pendingGrad !== null;
}

/**
 * The gradient buffer of `t` for this pass, zero-initialised on first use;
 * ops add their contribution into it. For a leaf this is `t.grad.data`.
 */
export function gradBuffer(t: Tensor): Float32Array {
  if (t.gradFn === null) {
    checkNotFreed(t);
    if (t.grad === null) t.grad = new Tensor(new Float32Array(t.size), t.shape);
    return t.grad.data as Float32Array;
  }
  if (t.pendingGrad === null) t.pendingGrad = new Float32Array(t.size);
  return t.pendingGrad;
}

/**
 * Adds `g` into the gradient of `t`. When `owned` the caller gives `g` away
 * and it may become the buffer itself (no copy); never pass owned for an
 * array that is also handed to another tensor.
 */
export function accumulateGrad(t: Tensor, g: Float32Array, owned: boolean): void {
  const isLeaf = t.gradFn === null;
  if (isLeaf) checkNotFreed(t);
  const current = isLeaf ? (t.grad === null ? null : (t.grad.data as Float32Array)) : t.pendingGrad;
  if (current === null) {
    const buf = owned ? g : g.slice();
    if (isLeaf) t.grad = new Tensor(buf, t.shape);
    else t.pendingGrad = buf;
    return;
  }
  for (let i = 0; i < current.length; i++) current[i] += g[i];
}

/** Nodes reachable from `root` through tensors that require grad, parents before children. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  // Iterative DFS: unrolled recurrent nets make graphs too deep for recursion.
  const stack: { t: Tensor; next: number }[] = [{ t: root, next: 0 }];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const parents = top.t.gradFn ? top.t.gradFn.parents : [];
    if (top.next < parents.length) {
      const p = parents[top.next++];
      if (p.requiresGrad && !visited.has(p)) {
        visited.add(p);
        stack.push({ t: p, next: 0 });
      }
    } else {
      order.push(top.t);
      stack.pop();
    }
  }
  return order;
}

/** Implements Tensor.backward(). */
export function runBackward(root: Tensor, grad?: Tensor): void {
  if (!root.requiresGrad) {
    throw new Error('backward: tensor does not require grad (created under noGrad, detached, or from constants)');
  }
  let seed: Float32Array;
  if (grad === undefined) {
    if (root.size !== 1) {
      throw new Error(`backward: grad can be implicit only for one-element outputs, got ${formatShape(root.shape)}`);
    }
    seed = new Float32Array([1]);
  } else {
    if (!sameShape(grad.shape, root.shape)) {
      throw new Error(`backward: grad shape ${formatShape(grad.shape)} differs from output ${formatShape(root.shape)}`);
    }
    seed = Float32Array.from(grad.data);
  }
  checkNotFreed(root);
  const order = topologicalOrder(root);
  accumulateGrad(root, seed, true);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const fn = node.gradFn;
    if (fn === null) continue;
    const g = node.pendingGrad;
    node.pendingGrad = null;
    node.gradFn = null;
    node.graphFreed = true;
    if (g !== null) fn.backward(g);
  }
}
