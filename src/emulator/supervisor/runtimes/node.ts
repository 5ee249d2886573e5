/**
 * Node.js applications, as the platform's buildpack treats them (../shared/reference/runtime.md
 * "Building"): install the dependencies, then `npm run gcp-build` if that script exists, else
 * `npm run build` if it exists; start with `npm start` (its script, or `node server.js`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { readPackage, scriptCommand } from '../process.js';
import type { Runtime, RuntimeApp, RuntimePlan, RuntimeStart, RuntimeStep } from './types.js';

export const nodeRuntime: Runtime = {
  id: 'node',
  generatedDirs: ['node_modules', 'dist', 'build', 'out', 'coverage', '.next', '.turbo', '.cache'],
  generatedFiles: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock'],
  portVariable: 'PORT',

  detect(dir: string): Promise<boolean> {
    return Promise.resolve(existsSync(join(dir, 'package.json')));
  },

  async plan(app: RuntimeApp, options: { build: boolean }): Promise<RuntimePlan> {
    const pkg = await readPackage(app.dir);
    if (!pkg) {
      const message = `${app.name}: no package.json in ${app.dir}.`;
      return { ok: false, message, short: message, noManifest: true };
    }
    const steps: RuntimeStep[] = [];
    if (pkg.hasDependencies && !existsSync(join(app.dir, 'node_modules'))) {
      const lock = existsSync(join(app.dir, 'package-lock.json'));
      steps.push({
        kind: 'install',
        label: lock ? 'npm ci' : 'npm install',
        command: lock ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund',
      });
    }
    if (options.build) {
      const name =
        pkg.scripts['gcp-build'] !== undefined
          ? 'gcp-build'
          : pkg.scripts.build !== undefined
            ? 'build'
            : undefined;
      const command = name === undefined ? undefined : scriptCommand(pkg.scripts, name);
      if (command !== undefined) steps.push({ kind: 'build', label: `npm run ${name}`, command });
    }
    return { ok: true, steps };
  },

  async start(app: RuntimeApp): Promise<RuntimeStart> {
    const pkg = await readPackage(app.dir);
    let command = pkg ? scriptCommand(pkg.scripts, 'start') : undefined;
    // npm start's default when there is no start script.
    if (command === undefined && existsSync(join(app.dir, 'server.js'))) command = 'node server.js';
    if (command === undefined) {
      return {
        ok: false,
        message: `${app.name}: no "start" script in ${join(app.dir, 'package.json')}.`,
        short: 'no start script',
      };
    }
    return { ok: true, command };
  },

  environment(_app, env) {
    return env;
  },
};
