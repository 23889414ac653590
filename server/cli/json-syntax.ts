/**
 * Where and why JSON text is malformed. JSON.parse does the parsing; this
 * scanner only runs after it fails, because V8's messages give no line or
 * column and some give no position at all. Iterative, so `[[[[…` cannot
 * overflow the stack.
 */

/** The first syntax error in a JSON text: 1-based line and column, and what was expected. */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  message: string;
}

type Mode = 'value' | 'first-value' | 'key' | 'first-key' | 'after-value';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]{4}$/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z0-9_$+.-]+/y;

/** Line and column (1-based) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const fail = (offset: number, message: string): JsonSyntaxError => ({ offset, ...lineColumn(text, offset), message });
  const found = (at: number): string => {
    if (at >= text.length) return 'the end of the file';
    WORD.lastIndex = at;
    const word = WORD.exec(text)?.[0];
    if (word) return `'${word.length > 20 ? word.slice(0, 20) + '…' : word}'`;
    const ch = text[at];
    return ch === '\n' ? 'a line break' : `'${ch}'`;
  };
  const stack: ('object' | 'array')[] = [];
  let mode: Mode = 'value';
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i])) i++;
  };
  /** Scans a string starting at its opening quote; returns an error or advances i past it. */
  const string = (): JsonSyntaxError | null => {
    const start = i++;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return null;
      }
      if (ch < ' ') return fail(i, `a ${ch === '\n' ? 'line break' : 'control character'} inside a string (write it as an escape such as \\n)`);
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!HEX.test(text.slice(i + 2, i + 6))) return fail(i, 'a \\u escape needs four hex digits');
          i += 6;
        } else if (next !== undefined && ESCAPES.has(next)) {
          i += 2;
        } else {
          return fail(i, `'\\${next ?? ''}' is not a JSON escape`);
        }
        continue;
      }
      i++;
    }
    return fail(start, 'a string is never closed (missing ")');
  };
  for (;;) {
    skip();
    const ch = text[i];
    if (mode === 'value' || mode === 'first-value') {
      if (mode === 'first-value' && ch === ']') {
        stack.pop();
        i++;
        mode = 'after-value';
        continue;
      }
      if (ch === '{') {
        stack.push('object');
        i++;
        mode = 'first-key';
        continue;
      }
      if (ch === '[') {
        stack.push('array');
        i++;
        mode = 'first-value';
        continue;
      }
      if (ch === '"') {
        const error = string();
        if (error) return error;
        mode = 'after-value';
        continue;
      }
      if (text.startsWith('true', i) || text.startsWith('null', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (ch === '-' || (ch >= '0' && ch <= '9')) {
        NUMBER.lastIndex = i;
        const number = NUMBER.exec(text);
        if (!number) return fail(i, `expected a number, found ${found(i)}`);
        i += number[0].length;
      } else if (ch === "'") return fail(i, 'strings need double quotes, not single quotes');
      else if (mode === 'value' && ch === ']' && stack.at(-1) === 'array') return fail(i, "a trailing comma before ']' (JSON allows none)");
      else return fail(i, `expected a value, found ${found(i)}`);
      mode = 'after-value';
      continue;
    }
    if (mode === 'key' || mode === 'first-key') {
      if (mode === 'first-key' && ch === '}') {
        stack.pop();
        i++;
        mode = 'after-value';
        continue;
      }
      if (ch === '}') return fail(i, "a trailing comma before '}' (JSON allows none)");
      if (ch !== '"') return fail(i, `expected a property name in double quotes, found ${found(i)}`);
      const error = string();
      if (error) return error;
      skip();
      if (text[i] !== ':') return fail(i, `expected ':' after the property name, found ${found(i)}`);
      i++;
      mode = 'value';
      continue;
    }
    // after-value
    const top = stack.at(-1);
    if (top === undefined) {
      return i >= text.length ? null : fail(i, `unexpected ${found(i)} after the end of the JSON value`);
    }
    const close = top === 'object' ? '}' : ']';
    if (ch === ',') {
      i++;
      mode = top === 'object' ? 'key' : 'value';
    } else if (ch === close) {
      stack.pop();
      i++;
    } else {
      return fail(i, `expected ',' or '${close}' after ${top === 'object' ? 'a property value' : 'an array element'}, found ${found(i)}`);
    }
  }
}
