/**
 * The benchmark: `npm run bench` runs every section; `npm run bench -- matmul encoder`
 * runs only the named sections or parts. Prints tables, asserts nothing: timing is
 * machine-dependent, so it is reported here and never checked in tests.
 */
import os from 'node:os';
import { installKernels } from '../kernels/load-kernels.ts';
import { designSection } from './design.ts';
import { loadSection } from './load.ts';
import { trainingSection } from './training.ts';
import { runtimeSection } from './runtime.ts';
import { scaleSection } from './scale.ts';
import type { BenchPart, FinishPart, Section } from './section.ts';
import { heading } from './table.ts';

const SECTIONS: Section[] = [runtimeSection, trainingSection, designSection, loadSection, scaleSection];

function selectedParts(names: string[], section: Section): BenchPart[] {
  if (names.includes(section.name)) return section.parts;
  if (names.length === 0) return section.explicit ? [] : section.parts;
  return section.parts.filter((p) => names.includes(p.name));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  // `npm run bench -- --scale`: the scale-out run (two instances on PostgreSQL and Redis beside one process).
  if (process.argv.includes('--scale') && !names.includes('scale')) names.push('scale');
  const known = SECTIONS.flatMap((s) => [s.name, ...s.parts.map((p) => p.name)]);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new Error(`unknown section or part: ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const started = performance.now();
  // Parts that do not compare kernels themselves run on what a server would pick.
  installKernels();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Multihead benchmark — ${new Date().toISOString()}`);
  console.log(`node ${process.version}, ${os.platform()}-${os.arch()}, ${cpu}, ${os.availableParallelism()} cores (all runs single-threaded)`);

  // Phase 1, for every part: measure ours before any peer library is loaded (see BenchPart).
  const plan: { section: Section; parts: { part: BenchPart; finish: FinishPart; ms: number }[] }[] = [];
  for (const section of SECTIONS) {
    const parts = [];
    for (const part of selectedParts(names, section)) {
      process.stderr.write(`measuring ours: ${part.name}…`);
      const t0 = performance.now();
      const finish = await part.measureOurs();
      const ms = performance.now() - t0;
      process.stderr.write(` ${seconds(ms)}\n`);
      parts.push({ part, finish, ms });
    }
    if (parts.length > 0) plan.push({ section, parts });
  }

  // Phase 2: peers, then print.
  for (const { section, parts } of plan) {
    console.log(heading(section.title));
    if (section.intro) console.log(await section.intro());
    for (const { part, finish, ms } of parts) {
      const t0 = performance.now();
      const text = await finish();
      console.log(`\n${part.title}`);
      console.log(text);
      console.log(`  (${seconds(ms + performance.now() - t0)})`);
    }
  }
  console.log(`\nTotal ${seconds(performance.now() - started)}`);
}

try {
  await main();
} catch (error) {
  // Printed here: the tfjs wasm module rethrows uncaught errors with its whole minified source attached.
  console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
