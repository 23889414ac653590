import { parentPort, workerData } from 'node:worker_threads';
import { installKernels } from '../kernels/load-kernels.ts';
import { JobFailure, type JobContext, type JobKinds } from './job-kind.ts';
import type { JobError } from './job-runner.ts';
import { ProgressThrottle } from './progress-throttle.ts';
import { yieldToLoop } from './loop-pressure.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';
import { CANCEL_REQUESTED, type FromWorker, type JobWorkerData, type ToWorker } from './worker-protocol.ts';

// Runs inside a job worker thread: loads the job kinds, then runs one job at a
// time as the pool asks. Anything that escapes a handler's promise (an error in
// a stray timer, process.exit, running out of memory) ends this thread, and the
// pool fails that one job and starts a fresh worker.

if (!parentPort) throw new Error('worker-main.ts runs only in a worker thread');

const port = parentPort;
const data = workerData as JobWorkerData;
// Jobs run at a lower CPU priority than the event loop: when the machine is busy, a
// training step waits, not the edits and cursors of a room.
const priority = lowerThisThreadPriority(data.threadPriority);
const cancelFlag = new Int32Array(data.cancelFlag);
// Each job worker loads its own instance of the kernels (WebAssembly SIMD unless unavailable or MULTIHEAD_KERNELS=ts).
installKernels();
const { jobKinds } = (await import(data.kindsModule)) as { jobKinds: JobKinds };

function post(message: FromWorker): void {
  port.postMessage(message);
}

function describe(err: unknown): JobError {
  if (err instanceof JobFailure) return { code: err.code, message: err.message };
  // A message, never a stack: failures are shown to the whole room.
  return { code: 'job-error', message: err instanceof Error ? err.message : String(err) };
}

async function run({ jobId, kind, payload }: ToWorker): Promise<void> {
  const handler = Object.hasOwn(jobKinds, kind) ? jobKinds[kind] : undefined;
  // Jobs look at the cancel flag between steps: the moment to give way to a late event loop too.
  const isCancelled = () => {
    yieldToLoop(data.loopPressure);
    return Atomics.load(cancelFlag, 0) === CANCEL_REQUESTED;
  };
  const throttle = new ProgressThrottle(data.progressIntervalMs, (progress) => post({ type: 'progress', jobId, progress }));
  const context: JobContext = { reportProgress: (p) => throttle.report(p), isCancelled, limits: data.limits };
  post({ type: 'started', jobId });
  try {
    if (!handler) throw new JobFailure('unknown-kind', `This worker has no '${kind}' jobs.`);
    const result = await handler.handle(payload, context);
    if (isCancelled()) return post({ type: 'cancelled', jobId });
    throttle.flush();
    try {
      post({ type: 'result', jobId, result });
    } catch (err) {
      // postMessage refuses functions and the like: a handler bug, reported as one.
      post({ type: 'failed', jobId, error: { code: 'bad-result', message: `The job's result could not be sent: ${describe(err).message}` } });
    }
  } catch (err) {
    if (isCancelled()) return post({ type: 'cancelled', jobId });
    throttle.flush();
    post({ type: 'failed', jobId, error: describe(err) });
  } finally {
    throttle.dispose();
  }
}

port.on('message', (message: ToWorker) => void run(message));
post({ type: 'ready', priority });
