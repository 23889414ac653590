/** The command line, parsed into one command or a usage error. */
import { parseArgs } from 'node:util';
import { isCommandName, type CommandName } from './usage.ts';

/** What the person asked for. */
export type Command =
  | { name: 'help'; topic?: CommandName }
  | { name: 'version' }
  | { name: 'validate'; file: string; json: boolean }
  | { name: 'run'; file: string; json: boolean; seed?: number }
  | { name: 'template-list'; json: boolean }
  | { name: 'template-show'; template: string };

/** A parsed command line, or why it is not one (and which help page would explain). */
export type ParsedArgs = { ok: true; command: Command } | { ok: false; message: string; topic?: CommandName };

const OPTIONS = {
  json: { type: 'boolean' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const MAX_SEED = 2 ** 32 - 1;

/** Turns node's parseArgs errors into short sentences. */
function optionError(error: Error & { code?: string }): string {
  const unknown = /Unknown option '([^']+)'/.exec(error.message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/--seed/.test(error.message)) return '--seed needs a value, e.g. --seed 42';
    const option = /'(-[^' ]+)/.exec(error.message)?.[1];
    return option ? `${option.replace(/^--?([a-z]+).*$/, '--$1')} takes no value` : error.message;
  }
  return error.message;
}

function usageError(message: string, topic?: CommandName): ParsedArgs {
  return topic === undefined ? { ok: false, message } : { ok: false, message, topic };
}

/** Parses argv (without node and the script). Never throws. */
export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  let values: { json?: boolean; seed?: string; help?: boolean; version?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    const topic = argv.find(isCommandName);
    return usageError(optionError(error as Error), topic);
  }
  const [word, ...rest] = positionals;
  if (values.version && word === undefined) return { ok: true, command: { name: 'version' } };
  if (values.help) {
    if (word === undefined || word === 'help') return { ok: true, command: { name: 'help' } };
    if (!isCommandName(word)) return usageError(`unknown command '${word}'`);
    return { ok: true, command: { name: 'help', topic: word } };
  }
  if (word === undefined) return usageError('no command given');
  if (!isCommandName(word)) return usageError(`unknown command '${word}'`);
  const allowed = word === 'run' ? ['json', 'seed'] : word === 'validate' || (word === 'template' && rest[0] === 'list') ? ['json'] : [];
  for (const option of ['json', 'seed', 'version'] as const) {
    if (values[option] !== undefined && !allowed.includes(option)) {
      return usageError(`--${option} does not apply to '${word}${word === 'template' && rest[0] ? ` ${rest[0]}` : ''}'`, word);
    }
  }
  const json = values.json === true;
  switch (word) {
    case 'help': {
      if (rest.length > 1) return usageError(`'help' takes at most one command, got ${rest.length}`, 'help');
      if (rest.length === 0) return { ok: true, command: { name: 'help' } };
      if (!isCommandName(rest[0])) return usageError(`no help for '${rest[0]}': there is no such command`, 'help');
      return { ok: true, command: { name: 'help', topic: rest[0] } };
    }
    case 'validate':
    case 'run': {
      if (rest.length === 0) return usageError(`'${word}' needs a design FILE`, word);
      if (rest.length > 1) return usageError(`'${word}' takes one FILE, got ${rest.length}: ${rest.join(' ')}`, word);
      if (word === 'validate') return { ok: true, command: { name: 'validate', file: rest[0], json } };
      if (values.seed === undefined) return { ok: true, command: { name: 'run', file: rest[0], json } };
      const seed = /^\d{1,10}$/.test(values.seed) ? Number(values.seed) : NaN;
      if (!(seed <= MAX_SEED)) return usageError(`--seed takes a whole number from 0 to ${MAX_SEED}, got '${values.seed}'`, 'run');
      return { ok: true, command: { name: 'run', file: rest[0], json, seed } };
    }
    case 'template': {
      const [sub, ...names] = rest;
      if (sub === 'list') {
        if (names.length > 0) return usageError(`'template list' takes no arguments, got: ${names.join(' ')}`, 'template');
        return { ok: true, command: { name: 'template-list', json } };
      }
      if (sub === 'show') {
        if (names.length !== 1) return usageError(`'template show' takes one template NAME (see 'multihead template list')`, 'template');
        return { ok: true, command: { name: 'template-show', template: names[0] } };
      }
      return usageError(sub === undefined ? "'template' needs 'list' or 'show NAME'" : `unknown template command '${sub}' (use 'list' or 'show NAME')`, 'template');
    }
  }
}
