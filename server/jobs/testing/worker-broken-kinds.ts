import { isMainThread } from 'node:worker_threads';
import type { JobKinds } from '../job-kind.ts';

// Loads on the main thread but not in a worker: the pool must refuse to start.
if (!isMainThread) throw new Error('these kinds cannot load in a worker');

/** No kinds: the point is that loading fails. */
export const jobKinds: JobKinds = {};
