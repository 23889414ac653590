import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, lineColumn } from './json-syntax.ts';

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a": 1,}', 1, 9, "a trailing comma before '}'"],
    ['[1, 2,]', 1, 7, "a trailing comma before ']'"],
    ['{\n  "a": tru\n}', 2, 8, "expected a value, found 'tru'"],
    ['{"a" 1}', 1, 6, "expected ':' after the property name, found '1'"],
    ["{'a': 1}", 1, 2, 'expected a property name in double quotes'],
    ['{"a": \'x\'}', 1, 7, 'strings need double quotes'],
    ['{"a": 1} x', 1, 10, "unexpected 'x' after the end of the JSON value"],
    ['{"a": "x\ny"}', 1, 9, 'a line break inside a string'],
    ['{"a": "x\\q"}', 1, 9, "'\\q' is not a JSON escape"],
    ['{"a": "\\u12"}', 1, 8, 'a \\u escape needs four hex digits'],
    ['{"a": "open', 1, 7, 'a string is never closed'],
    ['[1, 2', 1, 6, "expected ',' or ']' after an array element, found the end of the file"],
    ['{"a": NaN}', 1, 7, "expected a value, found 'NaN'"],
    ['{"a": -}', 1, 7, "expected a number, found '-'"],
    ['', 1, 1, 'expected a value, found the end of the file'],
    ['{\n  "nodes": [\n    {"id": "x"}\n    {"id": "y"}\n  ]\n}', 4, 5, "expected ',' or ']' after an array element, found '{'"],
  ])('%j: line %i, column %i', (text, line, column, message) => {
    const error = findJsonSyntaxError(text);
    expect(() => JSON.parse(text)).toThrow();
    expect(error).toMatchObject({ line, column });
    expect(error?.message).toContain(message);
  });

  it('agrees with JSON.parse on valid documents', () => {
    const valid = ['{}', '[]', '0', '-1.5e+3', '"\\u00e9\\n"', 'true', ' null ', '{"a": [1, {"b": false}], "c": "\\"x\\""}', '[[[[]]]]'];
    for (const text of valid) expect(findJsonSyntaxError(text)).toBeNull();
  });

  it('finds an error exactly when JSON.parse does, for every one-character deletion of a document', () => {
    const text = JSON.stringify({ formatVersion: 1, nodes: [{ id: 'a', params: { p: -0.5e-3, q: [true, null] } }], t: 'x\ty' }, null, 1);
    for (let i = 0; i < text.length; i++) {
      const mutated = text.slice(0, i) + text.slice(i + 1);
      let parses = true;
      try {
        JSON.parse(mutated);
      } catch {
        parses = false;
      }
      expect(findJsonSyntaxError(mutated) === null, mutated).toBe(parses);
    }
  });

  it('survives deep nesting without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(200_000))).toMatchObject({ message: expect.stringContaining('the end of the file') });
  });
});

describe('lineColumn', () => {
  it('counts from 1 and restarts columns after each line break', () => {
    expect(lineColumn('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 });
  });
});
