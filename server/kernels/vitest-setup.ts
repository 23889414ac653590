import { installKernels } from './load-kernels.ts';

// Every test file runs the runtime on the kernels a server would pick (MULTIHEAD_KERNELS=ts|wasm forces one).
installKernels();
