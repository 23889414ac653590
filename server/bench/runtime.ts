/** The "runtime" benchmark section: matmul throughput, the encoder layer, and memory over training. */
import { kernels } from '../../lib/tensor/kernels/index.ts';
import { encoderPart } from './encoder.ts';
import { matmulPart } from './matmul.ts';
import { memoryPart } from './memory.ts';
import { TFJS_BACKENDS } from './peers.ts';
import type { Section } from './section.ts';

/** Which builds are compared, printed once above the section's tables. */
async function describeContenders(): Promise<string> {
  const { activateTfjsBackend, describeTfjsBackend, tf } = await import('./tfjs.ts');
  const peers: string[] = [];
  for (const backend of TFJS_BACKENDS) {
    await activateTfjsBackend(backend);
    peers.push(`tfjs-${await describeTfjsBackend(backend)}`);
  }
  return [
    `  ours: kernels '${kernels().name}' for the encoder and memory parts (matmul shows both of ours);  peers: tfjs-core ${tf.version_core}, ${peers.join(', ')}`,
    `  ours is measured before tfjs is loaded (importing tfjs-core slows V8 typed-array code ~15% process-wide)`,
  ].join('\n');
}

export const runtimeSection: Section = {
  name: 'runtime',
  title: 'Tensor runtime',
  intro: describeContenders,
  parts: [matmulPart, encoderPart, memoryPart],
};
