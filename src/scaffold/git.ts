/** The initial commit of a new repository, made with simple-git. */
import { simpleGit } from 'simple-git';

import { ConnectError } from '../errors.js';
import { BACKUP_PREFIX } from './transaction.js';

export async function createInitialCommit(
  root: string,
  message = 'Initial commit from connect init',
): Promise<void> {
  try {
    await simpleGit({ baseDir: root }).init();
    const identity = await simpleGit({ baseDir: root })
      .getConfig('user.email')
      .catch(() => ({ value: null }));
    // Without a configured identity (fresh CI machines) git refuses to commit: say who we are,
    // for this commit only.
    const git = simpleGit({
      baseDir: root,
      config: identity.value === null ? ['user.name=connect init', 'user.email=connect-init@localhost'] : [],
    });
    // The backups of files that --force replaced live in DIR until the scaffold succeeds.
    await git.raw(['add', '--all', '--', '.', `:(exclude)${BACKUP_PREFIX}*`]);
    await git.commit(message);
  } catch (error) {
    throw new ConnectError('GIT_FAILED', `Could not create the Git repository: ${(error as Error).message}`, {
      hint: 'check that git is installed, or pass --no-git',
      cause: error,
    });
  }
}
