/**
 * The entry point bin/run.js loads: oclif's runner, from the bundle, so that the commands and
 * the runner share one copy of @oclif/core (in a chunk) instead of Node.js loading its 200 files.
 */
import { settings } from '@oclif/core';

// The commands run from dist/bundle/. With NODE_ENV=development or test and a tsconfig.json at
// the root (a clone), oclif would look for TypeScript sources of dist/bundle/ to transpile, find
// none, and warn on every run (Node 22+).
settings.enableAutoTranspile = false;

export { execute } from '@oclif/core';
