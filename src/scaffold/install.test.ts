import { describe, expect, it } from 'vitest';

import { detectPackageManager, installCommand } from './install.js';

describe('the package manager', () => {
  it('is the one that ran the CLI, else npm', () => {
    expect(detectPackageManager({ npm_config_user_agent: 'pnpm/9.12.0 npm/? node/v20.19.0 linux x64' })).toBe(
      'pnpm',
    );
    expect(
      detectPackageManager({ npm_config_user_agent: 'yarn/1.22.22 npm/? node/v20.19.0 linux x64' }),
    ).toBe('yarn');
    expect(detectPackageManager({ npm_config_user_agent: 'npm/10.8.2 node/v20.19.0 linux x64' })).toBe('npm');
    expect(detectPackageManager({})).toBe('npm');
    expect(installCommand('npm')).toEqual(['npm', ['install', '--no-audit', '--no-fund']]);
  });
});
