#!/usr/bin/env node
import module from 'node:module';

const argv = process.argv.slice(2);

// Node 22.1+ keeps compiled code between runs (about 10% off every start; a no-op on Node 20).
// Not for `connect dev`: the cache holds the code of every module it loads in memory until the
// process exits (5-8 MB for the local platform, in a process that runs for hours), and its
// start does not get measurably faster.
if (argv[0] !== 'dev') module.enableCompileCache?.();

// Output to a pipe is asynchronous in Node.js: a command that exits non-zero (oclif calls
// process.exit) would drop what the pipe had not taken yet (64 KiB), e.g. `validate --json | jq`.
// Writes of short-lived commands block instead, so the exit never comes before the output.
// Not for `connect dev`: a slow reader of its --json stream must not stall the emulator.
if (argv[0] !== 'dev') {
  for (const stream of [process.stdout, process.stderr]) stream._handle?.setBlocking?.(true);
}

// `connect dev` with a plain command line starts without loading oclif (src/cli/dev/fast.ts);
// every other command line, and every mistake, is oclif's.
const fast = argv[0] === 'dev' && (await import('../dist/bundle/cli/dev/fast.js')).runFastDev(argv.slice(1));
if (!(await fast)) {
  const { execute } = await import('../dist/bundle/cli/main.js');
  await execute({ dir: import.meta.url });
}
