/**
 * PyTorch as a peer: runs server/bench/torch-peer.py with Debian's python3 (one
 * thread) when `import torch` works there, so its figures come from the same run
 * and machine as ours. Absent torch is a note in the table, not a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./torch-peer.py', import.meta.url));

const encoderRunSchema = z.object({
  forwardMs: z.number(),
  trainStepMs: z.number(),
  firstOutput: z.array(z.number()),
  firstLosses: z.array(z.number()),
});

const answerSchema = z.object({
  version: z.string(),
  blas: z.string(),
  blasLibrary: z.string(),
  threads: z.number(),
  matmul: z.array(z.number()).optional(),
  encoder: encoderRunSchema.optional(),
});
export type TorchAnswer = z.infer<typeof answerSchema>;

export interface TorchRequest {
  matmul?: { m: number; k: number; n: number }[];
  encoder?: {
    config: Record<string, number>;
    weights: Record<string, { shape: readonly number[]; data: Float32Array }>;
    input: Float32Array;
    target: Float32Array;
  };
}

/** PyTorch's answer, or the reason there is none. */
export function runTorchPeer(request: TorchRequest): { ok: true; answer: TorchAnswer } | { ok: false; reason: string } {
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} not found` };
  const body = {
    matmul: request.matmul,
    encoder: request.encoder?.config,
    weights: request.encoder
      ? Object.fromEntries(Object.entries(request.encoder.weights).map(([name, w]) => [name, { shape: w.shape, data: Array.from(w.data) }]))
      : undefined,
    input: request.encoder ? Array.from(request.encoder.input) : undefined,
    target: request.encoder ? Array.from(request.encoder.target) : undefined,
  };
  const child = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify(body),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
    // One thread, like every contender here, whichever threading library the BLAS uses.
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (child.error) return { ok: false, reason: child.error.message };
  if (child.status !== 0) {
    const last = child.stderr.trim().split('\n').at(-1) ?? '';
    return { ok: false, reason: /No module named 'torch'/.test(child.stderr) ? `no torch for ${PYTHON}` : `python exited ${child.status}: ${last}` };
  }
  const parsed = answerSchema.safeParse(JSON.parse(child.stdout));
  return parsed.success ? { ok: true, answer: parsed.data } : { ok: false, reason: `unexpected answer: ${parsed.error.message}` };
}

/** One line naming the PyTorch build and the BLAS it actually loaded. */
export function describeTorch(answer: TorchAnswer): string {
  const library = answer.blasLibrary.split(', ').find((l) => /openblas|mkl|blis|libblas/i.test(l)) ?? answer.blasLibrary;
  const openblas = /openblas/i.test(answer.blasLibrary);
  return `PyTorch ${answer.version}, ${answer.threads} thread, BLAS built as '${answer.blas}', loaded ${openblas ? 'OpenBLAS' : 'not OpenBLAS'} (${library})`;
}
