// The entry file of every job worker. Node 20 does not pass the tsx loader of
// `node --import tsx` (nor the one of Vitest) on to worker threads, so
// TypeScript is registered here before the real entry is imported.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
