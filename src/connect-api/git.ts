/**
 * What `connect publish` needs from Git: the repository URL as the platform accepts it
 * (https://... or git@host:..., ending in .git, without credentials), and a tag that exists,
 * sits on a clean tree, and is pushed to origin.
 */
import { simpleGit, type SimpleGit } from 'simple-git';

import { ConnectError, ExitCode } from '../errors.js';

export interface GitSource {
  url: string;
  tag: string;
  /** The commit the tag points to. */
  commit: string;
  /** The remote URL as configured, credentials removed. */
  remote: string;
}

/**
 * The origin URL in the form the Connect API accepts: `https://host/path.git` or
 * `git@host:path.git`. Credentials in https URLs are dropped (they must never be sent).
 * Returns undefined for local paths and other forms the platform cannot clone.
 */
export function normaliseRemoteUrl(remote: string): string | undefined {
  const text = remote.trim().replace(/\/+$/, '');
  const withGit = (path: string) => (path.endsWith('.git') ? path : `${path}.git`);
  let match = /^([\w.-]+)@([\w.-]+):(?!\/)(.+)$/.exec(text);
  if (match) return `git@${match[2]}:${withGit(match[3] as string)}`;
  match = /^ssh:\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/(.+)$/.exec(text);
  if (match) return `git@${match[1]}:${withGit(match[2] as string)}`;
  match = /^(?:https?|git):\/\/(?:[^@/]+@)?([\w.-]+(?::\d+)?)\/(.+)$/.exec(text);
  if (match) return `https://${match[1]}/${withGit(match[2] as string)}`;
  return undefined;
}

/** The remote URL without credentials, for messages. */
export function withoutCredentials(remote: string): string {
  return remote.replace(/^([a-z+]+:\/\/)[^@/]+@/i, '$1');
}

const TAG_PATTERN = /^(?!_)(?!.*\.\.)[\w.@/-]{1,255}$/;

export async function gitSource(
  root: string,
  options: { tag?: string | undefined; remote?: string } = {},
): Promise<GitSource> {
  const git: SimpleGit = simpleGit({ baseDir: root });
  const remoteName = options.remote ?? 'origin';
  if (!(await git.checkIsRepo().catch(() => false))) {
    throw new ConnectError('GIT_NOT_A_REPOSITORY', `${root} is not in a Git repository.`, {
      hint: 'publish from a clone of the connector repository (git init, commit, tag, push)',
    });
  }
  const status = await git.status();
  if (!status.isClean()) {
    const files = status.files.map((file) => file.path);
    throw new ConnectError(
      'GIT_DIRTY',
      `The working tree has uncommitted changes (${files.slice(0, 8).join(', ')}${files.length > 8 ? `, and ${files.length - 8} more` : ''}); the platform builds the tagged commit, not these files.`,
      { hint: 'commit or stash the changes, tag the commit, push the tag, then publish', details: { files } },
    );
  }
  // The configured URL, not `git remote get-url` (which applies insteadOf rewrites).
  const configured = (await git.getConfig(`remote.${remoteName}.url`)).value;
  if (!configured) {
    throw new ConnectError('GIT_NO_REMOTE', `The repository has no "${remoteName}" remote.`, {
      hint: `add it: git remote add ${remoteName} https://github.com/ORG/REPO.git, and push the tag`,
    });
  }
  const remote = withoutCredentials(configured);
  const url = normaliseRemoteUrl(configured);
  if (!url) {
    throw new ConnectError(
      'GIT_REMOTE_UNSUPPORTED',
      `The "${remoteName}" remote (${remote}) is not a URL the platform can clone.`,
      { hint: `point ${remoteName} at https://HOST/ORG/REPO.git or git@HOST:ORG/REPO.git` },
    );
  }

  let tag = options.tag;
  if (tag === undefined) {
    const atHead = (await git.raw(['tag', '--points-at', 'HEAD', '--sort=-v:refname']))
      .split('\n')
      .filter(Boolean);
    if (atHead.length === 0) {
      throw new ConnectError('GIT_TAG_MISSING', 'HEAD has no tag: the platform publishes a tagged commit.', {
        hint: 'tag it and push the tag (git tag v1.0.0 && git push origin v1.0.0), or pass --tag',
      });
    }
    tag = atHead[0] as string;
  }
  if (!TAG_PATTERN.test(tag)) {
    throw new ConnectError('GIT_TAG_INVALID', `The tag "${tag}" is not one the platform accepts.`, {
      hint: 'use up to 255 letters, digits and . _ @ / -, without "..", not starting with "_"',
      exitCode: ExitCode.Usage,
    });
  }
  let commit: string;
  try {
    commit = (await git.raw(['rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`])).trim();
  } catch {
    commit = '';
  }
  if (!commit) {
    throw new ConnectError('GIT_TAG_NOT_FOUND', `The tag "${tag}" does not exist in this repository.`, {
      hint: `create it (git tag ${tag} && git push origin ${tag}) or pass an existing one with --tag (git tag --list)`,
    });
  }

  let listing: string;
  try {
    listing = await git.raw(['ls-remote', '--tags', remoteName, `refs/tags/${tag}`, `refs/tags/${tag}^{}`]);
  } catch (error) {
    throw new ConnectError(
      'GIT_REMOTE_UNREACHABLE',
      `Could not list the tags of ${remote}: ${firstLine(error)}`,
      {
        hint: 'check your network and your access to the remote (git ls-remote origin)',
      },
    );
  }
  const remoteRefs = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const [sha, ref] = line.trim().split(/\s+/);
    if (sha && ref) remoteRefs.set(ref, sha);
  }
  const remoteCommit = remoteRefs.get(`refs/tags/${tag}^{}`) ?? remoteRefs.get(`refs/tags/${tag}`);
  if (remoteCommit === undefined) {
    throw new ConnectError(
      'GIT_TAG_NOT_PUSHED',
      `The tag "${tag}" is not on ${remote}: the platform cannot see it.`,
      {
        hint: `git push ${remoteName} ${tag}`,
      },
    );
  }
  if (remoteCommit !== commit) {
    throw new ConnectError(
      'GIT_TAG_MISMATCH',
      `The tag "${tag}" points to ${commit.slice(0, 7)} here but to ${remoteCommit.slice(0, 7)} on ${remote}.`,
      {
        hint: `tags are immutable on the platform's side: create a new tag and push it (git tag ${tag}-1 && git push ${remoteName} ${tag}-1)`,
      },
    );
  }
  return { url, tag, commit, remote };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return withoutCredentials((text.split('\n').find((line) => line.trim() !== '') ?? text).trim()).replace(
    /:\/\/[^@/\s]+@/g,
    '://',
  );
}
