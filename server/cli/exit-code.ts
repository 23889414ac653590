/** The command's exit statuses, as documented in `multihead --help`. */
export const ExitCode = {
  /** The design is valid (warnings allowed), or the command succeeded. */
  ok: 0,
  /** The design has errors, or a run was refused for the design's reasons. */
  invalid: 1,
  /** Bad usage, or a file that cannot be read or is not a design document. */
  usage: 2,
} as const;

/** One of the documented exit statuses. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
