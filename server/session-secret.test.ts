import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSessionSecret } from './session-secret.ts';

describe('loadSessionSecret: from the environment, else generated once and kept', () => {
  const dirs: string[] = [];
  const fileIn = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'multihead-secret-'));
    dirs.push(dir);
    return path.join(dir, 'data', 'session-secret');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('uses SESSION_SECRET when set, and writes nothing', () => {
    const file = fileIn();
    expect(loadSessionSecret('s'.repeat(40), file)).toBe('s'.repeat(40));
    expect(() => statSync(file)).toThrow();
  });

  it('generates a random secret on first start, readable by the owner only, and keeps it across restarts', () => {
    const file = fileIn();
    const first = loadSessionSecret(undefined, file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSessionSecret(undefined, file)).toBe(first);
    // Another data directory gets another secret: nothing is hard-coded.
    expect(loadSessionSecret(undefined, fileIn())).not.toBe(first);
  });
});
