import { describe, expect, it } from 'vitest';

import { inspectOption, normalizeInspectArgv } from './inspect-argv.js';

describe('--inspect with an optional list', () => {
  it('turns a bare --inspect / --inspect-brk into every application, and keeps lists and paths', () => {
    expect(normalizeInspectArgv(['--inspect', 'repo'])).toEqual(['--inspect=*', 'repo']);
    expect(normalizeInspectArgv(['--inspect-brk'])).toEqual(['--inspect-brk=*']);
    expect(normalizeInspectArgv(['--inspect=service,job'])).toEqual(['--inspect=service,job']);
    expect(normalizeInspectArgv(['--', '--inspect'])).toEqual(['--', '--inspect']);
  });

  it('reads the applications and whether to wait', () => {
    expect(inspectOption({ inspect: undefined, 'inspect-brk': undefined })).toBeUndefined();
    expect(inspectOption({ inspect: '*', 'inspect-brk': undefined })).toEqual({ apps: true, brk: false });
    expect(inspectOption({ inspect: 'service, job', 'inspect-brk': undefined })).toEqual({
      apps: ['service', 'job'],
      brk: false,
    });
    expect(inspectOption({ inspect: undefined, 'inspect-brk': 'job' })).toEqual({ apps: ['job'], brk: true });
  });
});
