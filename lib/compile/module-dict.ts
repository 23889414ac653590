import { Module } from '../nn/index.ts';

/**
 * torch.nn.ModuleDict (and, with keys '0', '1', …, nn.ModuleList): named
 * submodules whose parameters appear as `<name>.<param>`.
 */
export class ModuleDict extends Module {
  private readonly byName = new Map<string, Module>();

  /** Registers `module` under `name` (no dots) and returns it. */
  set<M extends Module>(name: string, module: M): M {
    this.byName.set(name, module);
    return this.registerModule(name, module);
  }

  /** The submodule registered under `name`. */
  get(name: string): Module | undefined {
    return this.byName.get(name);
  }
}

/** A layer with no parameters (inputs, add, softmax, masks, sinusoidal positions): present so every node has a module. */
export class Stateless extends Module {}

/** A block: `layers` holds one ModuleDict per copy of its inside, each with its own weights. */
export class BlockModule extends Module {
  readonly layers: ModuleDict;

  constructor() {
    super();
    this.layers = this.registerModule('layers', new ModuleDict());
  }
}
