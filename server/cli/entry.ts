/** The process side of `multihead`: real streams and files in, an exit status out. */
import { installKernels } from '../kernels/load-kernels.ts';
import { processIo } from './io.ts';
import { main } from './main.ts';

// `multihead template show x | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

installKernels();
process.exitCode = await main(process.argv.slice(2), processIo());
