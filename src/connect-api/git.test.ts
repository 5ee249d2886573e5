import { describe, expect, it } from 'vitest';

import { normaliseRemoteUrl, withoutCredentials } from './git.js';

describe('normaliseRemoteUrl', () => {
  it.each([
    ['https://github.com/acme/connector.git', 'https://github.com/acme/connector.git'],
    ['https://github.com/acme/connector', 'https://github.com/acme/connector.git'],
    ['https://github.com/acme/connector/', 'https://github.com/acme/connector.git'],
    ['https://user:ghp_token@github.com/acme/connector.git', 'https://github.com/acme/connector.git'],
    ['http://gitlab.example.com/group/sub/repo', 'https://gitlab.example.com/group/sub/repo.git'],
    ['git://github.com/acme/connector.git', 'https://github.com/acme/connector.git'],
    ['git@github.com:acme/connector.git', 'git@github.com:acme/connector.git'],
    ['git@github.com:acme/connector', 'git@github.com:acme/connector.git'],
    ['ssh://git@github.com/acme/connector.git', 'git@github.com:acme/connector.git'],
    ['ssh://git@github.com:22/acme/connector', 'git@github.com:acme/connector.git'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseRemoteUrl(input)).toBe(expected);
  });

  it.each(['/srv/git/connector.git', 'file:///srv/git/connector.git', '../connector', 'C:\\repos\\x'])(
    'refuses the local remote %s',
    (input) => {
      expect(normaliseRemoteUrl(input)).toBeUndefined();
    },
  );

  it('drops credentials from URLs shown in messages', () => {
    expect(withoutCredentials('https://me:secret@host/x.git')).toBe('https://host/x.git');
  });
});
