import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const root = fileURLToPath(new URL('../..', import.meta.url));

it('`npx multihead --version` runs the bin from package.json in a real process', async () => {
  const { stdout, stderr } = await promisify(execFile)('npx', ['--no-install', 'multihead', '--version'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  expect(stderr).toBe('');
  expect(stdout).toBe(`multihead ${packageJson.version}\n`);
});
