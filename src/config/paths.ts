/**
 * Where things live on disk: the user's config directory (XDG), and the per-repository
 * state folder `.connect/` (gitignored) that `connect dev` and other commands share.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** $XDG_CONFIG_HOME/connect, else ~/.config/connect. CONNECT_CONFIG_DIR overrides (tests). */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CONNECT_CONFIG_DIR) return env.CONNECT_CONFIG_DIR;
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'connect');
}

/** $XDG_CACHE_HOME/connect, else ~/.cache/connect. */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'connect');
}

/** The repository's state folder, `<root>/.connect`. */
export function stateDir(repositoryRoot: string): string {
  return join(repositoryRoot, '.connect');
}
