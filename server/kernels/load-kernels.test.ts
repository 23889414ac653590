import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kernels, setKernels } from '../../lib/tensor/kernels/index.ts';
import { plainKernels } from '../../lib/tensor/kernels/plain.ts';
import { installKernels, kernelChoice, loadWasmKernels } from './load-kernels.ts';
import { WASM_KERNELS_FILE } from './wasm-kernels-file.ts';

const before = kernels();
afterEach(() => setKernels(before));

describe('choosing the kernels', () => {
  it('reads MULTIHEAD_KERNELS: unset picks automatically, ts or wasm force one, anything else is refused', () => {
    expect(kernelChoice(undefined)).toBe('auto');
    expect(kernelChoice('')).toBe('auto');
    expect(kernelChoice('ts')).toBe('ts');
    expect(kernelChoice('wasm')).toBe('wasm');
    expect(() => kernelChoice('WASM')).toThrow(/MULTIHEAD_KERNELS must be 'ts' or 'wasm'/);
  });

  it('picks the WebAssembly kernels when they load, and every op then uses them', () => {
    const warnings: string[] = [];
    const chosen = installKernels('auto', (m) => warnings.push(m));
    expect(chosen.name).toBe('wasm-simd');
    expect(kernels()).toBe(chosen);
    expect(warnings).toEqual([]);
  });

  it('falls back to TypeScript with a warning when kernels.wasm is missing', () => {
    const warnings: string[] = [];
    const chosen = installKernels('auto', (m) => warnings.push(m), '/nonexistent/kernels.wasm');
    expect(chosen).toBe(plainKernels);
    expect(kernels()).toBe(plainKernels);
    expect(warnings).toEqual([expect.stringMatching(/using the TypeScript kernels: .*missing \(run npm run build\)/)]);
  });

  it('fails loudly when wasm is forced but cannot load, and ts is used when forced', () => {
    expect(() => installKernels('wasm', () => {}, '/nonexistent/kernels.wasm')).toThrow(/missing/);
    expect(installKernels('ts', () => {})).toBe(plainKernels);
  });

  it('runs the relaxed-SIMD build (fused multiply-add) on this Node, and SIMD128 when told not to or when that build is absent', () => {
    // Node 20 needs --experimental-wasm-relaxed-simd, which the loader switches on before compiling.
    expect(loadWasmKernels().simd).toBe('relaxed-simd');
    expect(installKernels('auto', () => {})).toMatchObject({ name: 'wasm-simd', simd: 'relaxed-simd' });
    expect(loadWasmKernels(undefined, { relaxed: false }).simd).toBe('simd128');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kernels-'));
    try {
      const lone = path.join(dir, 'kernels.wasm');
      copyFileSync(WASM_KERNELS_FILE, lone);
      expect(loadWasmKernels(lone).simd).toBe('simd128');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
