/**
 * TensorFlow.js peers for the benchmark: the pure-JS CPU backend and the
 * WebAssembly backend, loaded from node_modules (no network). Only the
 * benchmark imports tfjs; lib/ never does. Import this module dynamically, after
 * our runtime has been measured (see BenchPart.measureOurs).
 */
import { createRequire, register } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { TfjsBackend } from './peers.ts';

export { tf };

/*
 * tfjs-core's Node bundle (its package "main") ships no gradient functions: the
 * @tensorflow/tfjs umbrella package normally registers them from the ESM files in
 * dist/, whose relative imports have no extension ('./gradients' is both a file and
 * a directory there), which Node's ESM resolver rejects. This resolve hook adds the
 * '.js' for imports made from inside tfjs-core/dist so register_all_gradients loads.
 * The registries and the engine live on globalThis, so gradients registered by that
 * copy serve the Node bundle's engine.
 */
const ADD_JS_EXTENSION_HOOK = `
export async function resolve(specifier, context, next) {
  const fromTfjsCoreDist = context.parentURL !== undefined && context.parentURL.includes('/@tensorflow/tfjs-core/dist/');
  if (fromTfjsCoreDist && specifier.startsWith('.') && !specifier.endsWith('.js')) {
    return next(specifier + '.js', context);
  }
  return next(specifier, context);
}`;

let initialised: Promise<void> | null = null;

async function init(): Promise<void> {
  // PROD skips debug-mode checks and silences the "install tfjs-node" banner.
  tf.env().set('PROD', true);
  register('data:text/javascript,' + encodeURIComponent(ADD_JS_EXTENSION_HOOK), import.meta.url);
  await import('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const require = createRequire(import.meta.url);
  const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  // A directory prefix: the backend appends the binary's name (plain, -simd or -threaded-simd).
  setWasmPaths(path.dirname(wasmFile) + path.sep);
}

/** Makes `name` the active tfjs backend; throws if it cannot initialise. */
export async function activateTfjsBackend(name: TfjsBackend): Promise<void> {
  initialised ??= init();
  await initialised;
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`tfjs backend '${name}' failed to initialise`);
}

/** One-line description of a backend, e.g. "wasm (SIMD, 1 thread)". */
export async function describeTfjsBackend(name: TfjsBackend): Promise<string> {
  if (name !== 'wasm') return `${name} (pure JS)`;
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multi-threaded' : '1 thread'})`;
}
