/** ANSI styling that disappears when colour is off, so piped output stays plain text. */

/** Wrappers for the few styles the command uses. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

/** Styles that colour when `color` is true and return the text unchanged otherwise. */
export function createStyle(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, cyan: plain, green: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), green: sgr(32, 39) };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** The text without its ANSI escapes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns a string takes in a terminal, ignoring ANSI escapes. */
export function visibleWidth(text: string): number {
  return [...stripAnsi(text)].length;
}
