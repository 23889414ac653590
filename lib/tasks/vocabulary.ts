/** Token ids ↔ symbols for the token tasks, with the special ids every sequence task shares. */

/** Padding: fills unused positions; never a target. */
export const PAD = 0;
/** Begin-of-sequence: the first decoder input in the seq2seq framing. */
export const BOS = 1;
/** End-of-sequence: the last target, so a model learns where its answer stops. */
export const EOS = 2;
/** Target value that the loss and the metrics skip (PyTorch's default ignore_index). */
export const IGNORE_INDEX = -100;

const SPECIAL_SYMBOLS = ['<pad>', '<bos>', '<eos>'] as const;

/** An ordered list of symbols; a symbol's index is its token id. */
export class Vocabulary {
  readonly symbols: readonly string[];
  /** True when ids 0, 1, 2 are PAD, BOS and EOS. */
  readonly hasSpecials: boolean;
  /** What goes between symbols when a sequence is shown: ' ' for digit lists, '' for characters. */
  readonly joiner: string;
  private readonly ids: ReadonlyMap<string, number>;

  private constructor(symbols: readonly string[], hasSpecials: boolean, joiner: string) {
    const ids = new Map<string, number>();
    symbols.forEach((s, i) => {
      if (ids.has(s)) throw new Error(`Vocabulary: symbol '${s}' appears twice`);
      ids.set(s, i);
    });
    this.symbols = Object.freeze([...symbols]);
    this.hasSpecials = hasSpecials;
    this.joiner = joiner;
    this.ids = ids;
  }

  /** PAD, BOS, EOS, then `symbols` from id 3 on. */
  static withSpecials(symbols: readonly string[], joiner: string): Vocabulary {
    return new Vocabulary([...SPECIAL_SYMBOLS, ...symbols], true, joiner);
  }

  /** Just `symbols` (the language model needs no padding or markers). */
  static plain(symbols: readonly string[], joiner: string): Vocabulary {
    return new Vocabulary(symbols, false, joiner);
  }

  /** Number of ids. */
  get size(): number {
    return this.symbols.length;
  }

  /** The id of a symbol; throws for an unknown one. */
  id(symbol: string): number {
    const id = this.ids.get(symbol);
    if (id === undefined) throw new Error(`Vocabulary: unknown symbol '${symbol}'`);
    return id;
  }

  /** Ids of a list of symbols, or of each character of a string. */
  encode(symbols: string | readonly string[]): number[] {
    return Array.from(symbols, (s) => this.id(s));
  }

  /** The symbol of an id ('?' for an id outside the vocabulary, which a too-wide head can predict). */
  symbol(id: number): string {
    return this.symbols[id] ?? '?';
  }

  /** A readable rendering of ids, joined by `joiner`. */
  decode(ids: Iterable<number>): string {
    return Array.from(ids, (id) => this.symbol(id)).join(this.joiner);
  }
}
