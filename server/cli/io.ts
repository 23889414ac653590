/** What the command touches outside itself: output streams and files, injectable for tests. */
import { open, writeFile } from 'node:fs/promises';

/** Reading a file: its text, or one sentence saying why it could not be read (without the path). */
export type FileRead = { ok: true; text: string } | { ok: false; reason: string };

/** Reading a binary file: its bytes, or why not. */
export type BytesRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/** The command's connection to the world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 text file of at most maxBytes. */
  readFile(path: string, maxBytes: number): Promise<FileRead>;
  /** Reads a binary file of at most maxBytes. */
  readBytes(path: string, maxBytes: number): Promise<BytesRead>;
  /** Writes a whole file (replacing it); null when written, else why not. */
  writeFile(path: string, data: Uint8Array | string): Promise<string | null>;
  /** ANSI colour on stdout. */
  color: boolean;
  /** stdout is a terminal (progress bars), not a pipe (JSON lines). */
  interactive: boolean;
}

/** Largest design file the command reads: far above any real design, far below a memory problem. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a design file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'no such file (a part of the path is not a directory)',
  ENAMETOOLONG: 'the file name is too long',
  ELOOP: 'too many symbolic links',
};

/** "10 MB" (or "512 bytes" below a megabyte) for sizes in messages. */
export function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes} bytes`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/**
 * Reads at most maxBytes of a regular file. The size is checked before reading
 * and the read itself is capped, so a huge file, a device, a pipe or a file
 * growing meanwhile never fills memory. `what` names the file in the refusal.
 */
async function readCapped(path: string, maxBytes: number, what: string): Promise<BytesRead> {
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (info.isDirectory()) return { ok: false, reason: REASONS.EISDIR };
    if (!info.isFile()) return { ok: false, reason: 'is not a regular file' };
    if (info.size > maxBytes) return { ok: false, reason: `is ${megabytes(info.size)}; ${what} read up to ${megabytes(maxBytes)}` };
    const buffer = new Uint8Array(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, reason: `is larger than ${megabytes(maxBytes)}, the most ${what} read` };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { ok: false, reason: REASONS[code] ?? `cannot be read (${code || (error as Error).message})` };
  } finally {
    await handle?.close();
  }
}

/** Reads at most maxBytes of a regular file as strict UTF-8 (a design file). */
export async function readTextFile(path: string, maxBytes: number): Promise<FileRead> {
  const read = await readCapped(path, maxBytes, 'design files are');
  if (!read.ok) return read;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(read.bytes) };
  } catch {
    return { ok: false, reason: 'is not UTF-8 text' };
  }
}

/** Reads at most maxBytes of a regular file (weights, inputs). */
export function readBinaryFile(path: string, maxBytes: number): Promise<BytesRead> {
  return readCapped(path, maxBytes, 'files are');
}

/** Writes a file; null when written, else one sentence (without the path). */
export async function writeWholeFile(path: string, data: Uint8Array | string): Promise<string | null> {
  try {
    await writeFile(path, data);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return REASONS[code] ?? `cannot be written (${code || (error as Error).message})`;
  }
}

/** Colour is for people: only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function wantsColor(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

/** The real process: its streams, the file system and its environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: readTextFile,
    readBytes: readBinaryFile,
    writeFile: writeWholeFile,
    color: wantsColor(process.stdout, process.env),
    interactive: process.stdout.isTTY === true && process.env.TERM !== 'dumb',
  };
}
