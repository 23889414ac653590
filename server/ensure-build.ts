import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

// `npm start` on a fresh clone builds once; `npm run build` rebuilds on demand.
if (!existsSync('.next/BUILD_ID')) {
  process.stdout.write('No production build yet: building Multihead (takes a minute or two)…\n');
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
