import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFingerprint } from './source-fingerprint.ts';

function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'multihead-fp-'));
  mkdirSync(path.join(root, 'app', 'd'), { recursive: true });
  writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default 1;');
  writeFileSync(path.join(root, 'app', 'd', 'x.ts'), 'x');
  writeFileSync(path.join(root, 'package.json'), '{}');
  return root;
}

describe('sourceFingerprint', () => {
  it('changes when a build input changes, is added or is renamed', () => {
    const root = tree();
    const before = sourceFingerprint(root);
    writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default 2;');
    const edited = sourceFingerprint(root);
    expect(edited).not.toBe(before);
    writeFileSync(path.join(root, 'app', 'new.ts'), '');
    expect(sourceFingerprint(root)).not.toBe(edited);
  });

  it('ignores timestamps and test files', () => {
    const root = tree();
    const before = sourceFingerprint(root);
    utimesSync(path.join(root, 'app', 'page.tsx'), new Date(0), new Date(0));
    writeFileSync(path.join(root, 'app', 'page.test.tsx'), 'test');
    expect(sourceFingerprint(root)).toBe(before);
  });
});
