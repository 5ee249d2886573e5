/**
 * The harness repository (test/fixtures/harness) copied into a temp dir for a test runner that
 * loads `connect-cli/testing` in a process of its own (node:test, jest): HARNESS_REPO names the
 * copy, PIDS_FILE is where the runner's test writes the applications' pids.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { repoRoot, tempDir } from './cli.js';

export interface HarnessCopy {
  /** The temp dir (the repository is its `repo` folder). */
  dir: string;
  env: { HARNESS_REPO: string; PIDS_FILE: string };
  /** The pids the test wrote. */
  pids: () => Promise<number[]>;
}

/** Copies the harness; the cleanup that removes it goes into `cleanups`. */
export async function prepareHarness(
  cleanups: Array<() => Promise<void>>,
  prefix: string,
): Promise<HarnessCopy> {
  const dir = await tempDir(prefix);
  cleanups.push(dir.cleanup);
  await cp(join(repoRoot, 'test', 'fixtures', 'harness'), join(dir.path, 'repo'), { recursive: true });
  const pidsFile = join(dir.path, 'pids.json');
  return {
    dir: dir.path,
    env: { HARNESS_REPO: join(dir.path, 'repo'), PIDS_FILE: pidsFile },
    pids: async () => JSON.parse(await readFile(pidsFile, 'utf8')) as number[],
  };
}
