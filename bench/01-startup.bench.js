// Start-up cost: `connect --version` against `node -e 0` and a bare oclif CLI, all in the
// same run, with NODE_EXTRA_CA_CERTS as set and unset.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cli, envWithoutCa, fmt, report, root, timeCommand } from './lib.js';

function bareOclif() {
  const dir = mkdtempSync(join(tmpdir(), 'bare-oclif-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'bare',
      version: '1.0.0',
      type: 'module',
      oclif: { bin: 'bare', commands: './commands' },
    }),
  );
  mkdirSync(join(dir, 'commands'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'run.js'),
    "import { execute } from '@oclif/core';\nawait execute({ dir: import.meta.url });\n",
  );
  return join(dir, 'run.js');
}

export default async function startup() {
  const bare = bareOclif();
  for (const [label, env] of [
    ['with NODE_EXTRA_CA_CERTS', process.env],
    ['without NODE_EXTRA_CA_CERTS', envWithoutCa()],
  ]) {
    const node = timeCommand(process.execPath, ['-e', '0'], { env });
    const bareMs = timeCommand(process.execPath, [bare, '--version'], { env });
    const version = timeCommand(process.execPath, [cli, '--version'], { env });
    report(`node -e 0 (${label})`, fmt(node));
    report(`bare oclif --version (${label})`, fmt(bareMs));
    report(
      `connect --version (${label})`,
      fmt(version),
      `${(version / bareMs).toFixed(2)}x bare oclif (target <= 1.5x)`,
    );
  }
}
