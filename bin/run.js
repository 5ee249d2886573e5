#!/usr/bin/env node
// Node 22.1+ keeps compiled code between runs (about 10% off every start); a no-op on Node 20.
import module from 'node:module';

module.enableCompileCache?.();

// `connect dev` with a plain command line starts without loading oclif (src/cli/dev/fast.ts);
// every other command line, and every mistake, is oclif's.
const argv = process.argv.slice(2);
const fast = argv[0] === 'dev' && (await import('../dist/bundle/cli/dev/fast.js')).runFastDev(argv.slice(1));
if (!(await fast)) {
  const { execute } = await import('../dist/bundle/cli/main.js');
  await execute({ dir: import.meta.url });
}
