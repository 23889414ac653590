import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildWasmKernels } from './kernels/build-wasm-kernels.ts';
import { sourceFingerprint } from './source-fingerprint.ts';

// `npm start` builds when there is no build or the sources changed since it
// was made (say after a `git pull`); `npm run build` (--force) always builds.
const root = process.cwd();
const stamp = path.join(root, '.next', 'multihead-source.sha256');
const fingerprint = sourceFingerprint(root);
const force = process.argv.includes('--force');
// The runtime's WebAssembly kernels (job workers load them; the Next build does not need them).
await buildWasmKernels(force);
const current = existsSync(path.join(root, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint;

if (force || !current) {
  if (!force) process.stdout.write('Building Multihead for production (a minute or two, once)…\n');
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, fingerprint);
}
