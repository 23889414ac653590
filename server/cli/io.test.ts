import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { megabytes, readTextFile, wantsColor } from './io.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'multihead-io-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readTextFile', () => {
  it('reads UTF-8 text', async () => {
    const file = join(dir, 'ok.json');
    await writeFile(file, '{"label": "Añadir"}');
    expect(await readTextFile(file, 100)).toEqual({ ok: true, text: '{"label": "Añadir"}' });
  });

  it('refuses a file above the cap', async () => {
    const file = join(dir, 'big.json');
    await writeFile(file, 'x'.repeat(101));
    expect(await readTextFile(file, 100)).toEqual({ ok: false, reason: 'is 101 bytes; design files are read up to 100 bytes' });
    expect(await readTextFile(file, 101)).toMatchObject({ ok: true });
  });

  it('refuses bytes that are not UTF-8', async () => {
    const file = join(dir, 'binary.json');
    await writeFile(file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(await readTextFile(file, 100)).toEqual({ ok: false, reason: 'is not UTF-8 text' });
  });

  it('names missing files, directories and paths through a file', async () => {
    expect(await readTextFile(join(dir, 'nope.json'), 100)).toEqual({ ok: false, reason: 'no such file' });
    expect(await readTextFile(dir, 100)).toEqual({ ok: false, reason: 'is a directory, not a design file' });
    const file = join(dir, 'plain');
    await writeFile(file, '');
    expect(await readTextFile(join(file, 'x.json'), 100)).toMatchObject({ ok: false, reason: expect.stringContaining('no such file') });
  });
});

describe('megabytes', () => {
  it('rounds large sizes and keeps one decimal for small ones', () => {
    expect(megabytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(megabytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(megabytes(512)).toBe('512 bytes');
  });
});

describe('wantsColor', () => {
  it('colours a terminal unless NO_COLOR is set or TERM is dumb', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({}, {})).toBe(false);
  });
});
