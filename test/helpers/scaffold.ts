/**
 * Helpers of the scaffold tests: one npm cache shared by every install of the suite (so each
 * package is downloaded once per machine), and the environment that points npm at it.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { execa } from 'execa';

export const npmCache = join(tmpdir(), 'connect-cli-test-npm-cache');
mkdirSync(npmCache, { recursive: true });

export const npmEnv: Record<string, string> = {
  npm_config_cache: npmCache,
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
};

/** Runs an npm script in FOLDER; resolves with its output, throws with it on failure. */
export async function npm(folder: string, args: string[], timeout = 240_000): Promise<string> {
  const result = await execa('npm', args, {
    cwd: folder,
    env: { ...npmEnv, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' },
    all: true,
    reject: false,
    stdin: 'ignore',
    timeout,
  });
  if (result.exitCode !== 0) {
    throw new Error(
      `npm ${args.join(' ')} failed in ${folder} (exit ${result.exitCode}):\n${String(result.all).slice(-4000)}`,
    );
  }
  return String(result.all);
}

/** A free TCP port on 127.0.0.1 (for apps that, like the platform's, refuse PORT=0). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
