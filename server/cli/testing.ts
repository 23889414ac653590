/** An in-memory CliIo for tests: captured output, files from a map or from disk. */
import { readBinaryFile, readTextFile, writeWholeFile, type CliIo, type FileRead } from './io.ts';

/** Captured output plus the io that captures it. */
export interface CapturedIo extends CliIo {
  out: string;
  err: string;
}

/** An io whose files come from `files` when given there, else from disk; colour off unless asked. */
export function captureIo(files: Record<string, string> = {}, options: { color?: boolean; interactive?: boolean } = {}): CapturedIo {
  const io: CapturedIo = {
    out: '',
    err: '',
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
    readFile: async (path, maxBytes): Promise<FileRead> => (path in files ? { ok: true, text: files[path] } : readTextFile(path, maxBytes)),
    readBytes: readBinaryFile,
    writeFile: writeWholeFile,
    color: options.color ?? false,
    interactive: options.interactive ?? false,
  };
  return io;
}
