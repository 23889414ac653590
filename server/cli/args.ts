/** The command line, parsed into one command or a usage error. */
import { parseArgs } from 'node:util';
import { isCommandName, type CommandName } from './usage.ts';

/** What the person asked for. */
export type Command =
  | { name: 'help'; topic?: CommandName }
  | { name: 'version' }
  | { name: 'validate'; file: string; json: boolean }
  | { name: 'run'; file: string; json: boolean; seed?: number; weights?: string; input?: string; out?: string }
  | { name: 'export'; file: string; pytorch: string; weights?: string; seed?: number }
  | { name: 'train'; file: string; task: string; steps: number; seed?: number; out?: string }
  | { name: 'grade'; assignment: string; file: string; json: boolean }
  | { name: 'template-list'; json: boolean }
  | { name: 'template-show'; template: string };

/** A parsed command line, or why it is not one (and which help page would explain). */
export type ParsedArgs = { ok: true; command: Command } | { ok: false; message: string; topic?: CommandName };

const OPTIONS = {
  json: { type: 'boolean' },
  seed: { type: 'string' },
  weights: { type: 'string' },
  input: { type: 'string' },
  out: { type: 'string' },
  pytorch: { type: 'string' },
  task: { type: 'string' },
  steps: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const MAX_SEED = 2 ** 32 - 1;
const MAX_STEPS = 1_000_000;

const EXAMPLES: Record<string, string> = {
  weights: '--weights model.safetensors',
  input: '--input in.json',
  out: '--out out.json',
  pytorch: '--pytorch model.zip',
  task: '--task copy',
  steps: '--steps 200',
};

type Values = { json?: boolean; seed?: string; help?: boolean; version?: boolean; weights?: string; input?: string; out?: string; pytorch?: string; task?: string; steps?: string };
type ValueName = 'json' | 'seed' | 'version' | 'weights' | 'input' | 'out' | 'pytorch' | 'task' | 'steps';

/** Which options each command takes. */
function allowedOptions(word: string, sub: string | undefined): ValueName[] {
  switch (word) {
    case 'run':
      return ['json', 'seed', 'weights', 'input', 'out'];
    case 'export':
      return ['pytorch', 'weights', 'seed'];
    case 'train':
      return ['task', 'steps', 'seed', 'out'];
    case 'validate':
    case 'grade':
      return ['json'];
    case 'template':
      return sub === 'list' ? ['json'] : [];
    default:
      return [];
  }
}

/** --seed as a number, or the usage error. */
function parseSeed(value: string | undefined, topic: CommandName): { seed?: number; error?: ParsedArgs } {
  if (value === undefined) return {};
  const seed = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  if (!(seed <= MAX_SEED)) return { error: usageError(`--seed takes a whole number from 0 to ${MAX_SEED}, got '${value}'`, topic) };
  return { seed };
}

/** Turns node's parseArgs errors into short sentences. */
function optionError(error: Error & { code?: string }): string {
  const unknown = /Unknown option '([^']+)'/.exec(error.message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/--seed/.test(error.message)) return '--seed needs a value, e.g. --seed 42';
    const valued = /--(weights|input|out|pytorch|task|steps)\b/.exec(error.message);
    if (valued) return `--${valued[1]} needs a value, e.g. ${EXAMPLES[valued[1]]}`;
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
  let values: Values;
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
  const allowed = allowedOptions(word, rest[0]);
  for (const option of ['json', 'seed', 'version', 'weights', 'input', 'out', 'pytorch', 'task', 'steps'] as const) {
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
    case 'run':
    case 'export':
    case 'train': {
      if (rest.length === 0) return usageError(`'${word}' needs a design FILE`, word);
      if (rest.length > 1) return usageError(`'${word}' takes one FILE, got ${rest.length}: ${rest.join(' ')}`, word);
      const file = rest[0];
      if (word === 'validate') return { ok: true, command: { name: 'validate', file, json } };
      const { seed, error } = parseSeed(values.seed, word);
      if (error) return error;
      const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
      if (word === 'run') {
        if (values.input === undefined && (values.weights !== undefined || values.out !== undefined)) {
          return usageError(`--${values.weights !== undefined ? 'weights' : 'out'} goes with --input: multihead run FILE --input IN.json [--weights W.safetensors] [--out OUT.json]`, 'run');
        }
        if (values.input !== undefined && json) return usageError('--json is for the sample run; with --input the outputs are JSON already', 'run');
        return {
          ok: true,
          command: { name: 'run', file, json, ...optional('seed', seed), ...optional('weights', values.weights), ...optional('input', values.input), ...optional('out', values.out) },
        };
      }
      if (word === 'export') {
        if (values.pytorch === undefined) return usageError("'export' needs --pytorch OUT.zip", 'export');
        return { ok: true, command: { name: 'export', file, pytorch: values.pytorch, ...optional('weights', values.weights), ...optional('seed', seed) } };
      }
      if (values.task === undefined) return usageError("'train' needs --task NAME (see 'multihead help train')", 'train');
      if (values.steps === undefined) return usageError("'train' needs --steps N", 'train');
      const steps = /^\d{1,7}$/.test(values.steps) ? Number(values.steps) : NaN;
      if (!(steps >= 1 && steps <= MAX_STEPS)) return usageError(`--steps takes a whole number from 1 to ${MAX_STEPS}, got '${values.steps}'`, 'train');
      return { ok: true, command: { name: 'train', file, task: values.task, steps, ...optional('seed', seed), ...optional('out', values.out) } };
    }
    case 'grade': {
      if (rest.length !== 2) return usageError(`'grade' takes an ASSIGNMENT file and a DESIGN file, got ${rest.length === 0 ? 'none' : rest.join(' ')}`, 'grade');
      return { ok: true, command: { name: 'grade', assignment: rest[0], file: rest[1], json } };
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
