import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency arrows of ARCHITECTURE.md: app → server → lib, app → lib.
const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith(path.join('server', 'generated')));
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  // Type-only imports count too: a page's types from server/ tie it to server code all the same.
  return [...text.matchAll(/^\s*(?:import|export)\s+[^'";]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

function resolvesInto(file: string, spec: string, dir: string): boolean {
  if (spec.startsWith('@/')) return spec.slice(2).startsWith(`${dir}/`);
  if (!spec.startsWith('.')) return false;
  return path.relative(root, path.resolve(root, path.dirname(file), spec)).startsWith(`${dir}${path.sep}`);
}

describe('module layout', () => {
  it('lib/ imports nothing from app/ or server/, and no node: modules', () => {
    const offenders = sources('lib').flatMap((f) =>
      imports(f)
        .filter((s) => !f.endsWith('.test.ts') || !s.startsWith('node:'))
        .filter((s) => resolvesInto(f, s, 'app') || resolvesInto(f, s, 'server') || s.startsWith('node:'))
        .map((s) => `${f} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('server/ never imports app/', () => {
    const offenders = sources('server').flatMap((f) => imports(f).filter((s) => resolvesInto(f, s, 'app')).map((s) => `${f} → ${s}`));
    expect(offenders).toEqual([]);
  });

  it("client components ('use client') never import server/", () => {
    const clientFiles = sources('app').filter((f) => /^\s*['"]use client['"]/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(clientFiles.length).toBeGreaterThan(0);
    const offenders = clientFiles.flatMap((f) => imports(f).filter((s) => resolvesInto(f, s, 'server')).map((s) => `${f} → ${s}`));
    expect(offenders).toEqual([]);
  });
});
