/** The `multihead` command: parses the command line and runs one command against injected I/O. */
import packageJson from '../../package.json' with { type: 'json' };
import { parseCommandLine, type Command } from './args.ts';
import { ExitCode } from './exit-code.ts';
import type { CliIo } from './io.ts';
import { createStyle, type Style } from './style.ts';
import { templateListCommand, templateShowCommand } from './template-command.ts';
import { commandHelp, OVERVIEW } from './usage.ts';
import { validateCommand } from './validate-command.ts';

async function dispatch(command: Command, io: CliIo, style: Style): Promise<ExitCode> {
  switch (command.name) {
    case 'help':
      io.stdout(command.topic === undefined ? OVERVIEW : commandHelp(command.topic));
      return ExitCode.ok;
    case 'version':
      io.stdout(`multihead ${packageJson.version}\n`);
      return ExitCode.ok;
    case 'validate':
      return validateCommand(command, io, style);
    case 'run': {
      // Loaded on demand: the runtime is only needed to run.
      const { runCommand } = await import('./run-command.ts');
      return runCommand(command, io, style);
    }
    case 'train': {
      const { trainCommand } = await import('./train-command.ts');
      return trainCommand(command, io, style);
    }
    case 'export': {
      const { exportCommand } = await import('./export-command.ts');
      return exportCommand(command, io, style);
    }
    case 'grade': {
      const { gradeCommand } = await import('./grade-command.ts');
      return gradeCommand(command, io, style);
    }
    case 'template-list':
      return templateListCommand(command, io, style);
    case 'template-show':
      return templateShowCommand(command, io);
  }
}

/**
 * Runs the command line `argv` (without node and the script) and returns the
 * exit status. Never throws: usage problems, bad files and internal errors all
 * end as one line on stderr.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    const help = parsed.topic === undefined ? 'multihead --help' : `multihead help ${parsed.topic}`;
    io.stderr(`multihead: ${parsed.message}\nRun '${help}' for usage.\n`);
    return ExitCode.usage;
  }
  try {
    return await dispatch(parsed.command, io, createStyle(io.color));
  } catch (error) {
    // A bug, not the user's doing: one line, and the stack only when asked for.
    const detail = process.env.MULTIHEAD_DEBUG ? `\n${(error as Error).stack ?? ''}` : ' (set MULTIHEAD_DEBUG=1 for details)';
    io.stderr(`multihead: internal error: ${(error as Error).message ?? String(error)}${detail}\n`);
    return ExitCode.usage;
  }
}
