import { describe, expect, it } from 'vitest';

import { checkEnginesNode, npmScriptsCalled } from './folders.js';

describe('checkEnginesNode', () => {
  it.each(['>=18', '>=20.19.0', '22.x', '^22.1.0', '20 || 22', '>=16', '*', '24'])(
    'accepts %j',
    async (range) => {
      expect(await checkEnginesNode(range)).toBeUndefined();
    },
  );

  it.each([
    ['<18', /admits no Node.js version the runtime supports \(22, 24\)/],
    // The platform runs Node.js 22 and 24 only.
    ['20.x', /admits no Node.js version the runtime supports \(22, 24\)/],
    ['18 || 20', /admits no Node.js version/],
    ['>=26', /admits no Node.js version/],
    ['16.x', /admits no Node.js version/],
    ['banana', /is not a valid version range/],
  ])('refuses %j', async (range, message) => {
    expect(await checkEnginesNode(range)).toMatch(message);
  });

  it('refuses a range that is not a string', async () => {
    expect(await checkEnginesNode(20)).toMatch(/must be a version range string/);
  });
});

describe('npmScriptsCalled', () => {
  it('finds every npm run target in a shell command', () => {
    expect(npmScriptsCalled('npm install && npm run connector:post-deploy')).toEqual([
      'connector:post-deploy',
    ]);
    expect(npmScriptsCalled('npm run build; npm run-script --silent seed && echo ok|npm run x>log')).toEqual([
      'build',
      'seed',
      'x',
    ]);
    expect(npmScriptsCalled('node post-deploy.js && npm start')).toEqual([]);
  });
});
