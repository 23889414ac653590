import type { Tensor } from '../tensor/index.ts';

/** One saved parameter: its shape and a copy of its values. */
export interface SavedParameter {
  shape: number[];
  data: Float32Array;
}

/** Parameters by PyTorch state_dict name, e.g. 'self_attn.in_proj_weight'. */
export type StateDict = Record<string, SavedParameter>;

/**
 * Base class of every layer, shaped like torch.nn.Module: parameters and
 * submodules are registered by name, in order, so that names compose with dots
 * exactly as PyTorch's state_dict keys do and exported weights load unchanged.
 */
export abstract class Module {
  training = true;
  private readonly ownParameters = new Map<string, Tensor>();
  private readonly children = new Map<string, Module>();

  /** Registers a trainable tensor under `name` (order matters: it is the state_dict order). */
  protected registerParameter(name: string, parameter: Tensor): Tensor {
    if (name.includes('.')) throw new Error(`registerParameter: name may not contain '.': '${name}'`);
    if (this.ownParameters.has(name) || this.children.has(name)) {
      throw new Error(`registerParameter: '${name}' is already registered`);
    }
    parameter.requiresGrad = true;
    this.ownParameters.set(name, parameter);
    return parameter;
  }

  /** Registers a child module under `name`; its parameters appear as `name.<param>`. */
  protected registerModule<M extends Module>(name: string, module: M): M {
    if (name.includes('.')) throw new Error(`registerModule: name may not contain '.': '${name}'`);
    if (this.ownParameters.has(name) || this.children.has(name)) {
      throw new Error(`registerModule: '${name}' is already registered`);
    }
    this.children.set(name, module);
    return module;
  }

  /** Direct children by name, in registration order. */
  namedChildren(): [string, Module][] {
    return [...this.children.entries()];
  }

  /** This module and all descendants with dotted names ('' for this one), depth first like PyTorch. */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.children) {
      out.push(...child.namedModules(prefix === '' ? name : `${prefix}.${name}`));
    }
    return out;
  }

  /** Every parameter with its PyTorch state_dict name: own parameters first, then each child's. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const seen = new Set<Tensor>();
    for (const [moduleName, module] of this.namedModules(prefix)) {
      for (const [name, parameter] of module.ownParameters) {
        if (seen.has(parameter)) continue; // a shared (tied) tensor is listed once, as in PyTorch
        seen.add(parameter);
        out.push([moduleName === '' ? name : `${moduleName}.${name}`, parameter]);
      }
    }
    return out;
  }

  /** Every parameter, in state_dict order. */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Total number of scalar parameters (PyTorch's sum(p.numel() for p in m.parameters())). */
  numParameters(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** Switches training mode (dropout on) for this module and all descendants. */
  train(on = true): this {
    for (const [, module] of this.namedModules()) module.training = on;
    return this;
  }

  /** Switches to evaluation mode (dropout off). */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** A copy of every parameter by state_dict name. */
  stateDict(): StateDict {
    const out: StateDict = {};
    for (const [name, p] of this.namedParameters()) {
      out[name] = { shape: [...p.shape], data: Float32Array.from(p.data) };
    }
    return out;
  }

  /** Copies saved values into the parameters in place; every key must exist on both sides with equal shapes. */
  loadStateDict(state: StateDict): void {
    const own = this.namedParameters();
    const ownNames = new Set(own.map(([name]) => name));
    const missing = own.map(([name]) => name).filter((name) => !(name in state));
    const unexpected = Object.keys(state).filter((name) => !ownNames.has(name));
    if (missing.length > 0 || unexpected.length > 0) {
      const parts: string[] = [];
      if (missing.length > 0) parts.push(`missing keys: ${missing.join(', ')}`);
      if (unexpected.length > 0) parts.push(`unexpected keys: ${unexpected.join(', ')}`);
      throw new Error(`loadStateDict: ${parts.join('; ')}`);
    }
    for (const [name, p] of own) {
      const saved = state[name];
      if (!sameShape(saved.shape, p.shape)) {
        throw new Error(
          `loadStateDict: shape mismatch for '${name}': saved [${saved.shape.join(',')}], model [${p.shape.join(',')}]`,
        );
      }
      if (saved.data.length !== p.size) {
        throw new Error(`loadStateDict: '${name}' has ${saved.data.length} values for shape [${p.shape.join(',')}]`);
      }
    }
    // Checked everything first so a failed load leaves the model untouched.
    for (const [name, p] of own) p.data.set(state[name].data);
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
