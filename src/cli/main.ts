/**
 * The entry point bin/run.js loads: oclif's runner, from the bundle, so that the commands and
 * the runner share one copy of @oclif/core (in a chunk) instead of Node.js loading its 200 files.
 */
export { execute } from '@oclif/core';
