// `connect validate` on a six-application repository (test/fixtures/validate/valid/six-applications):
// median wall time next to `node -e 0` and `connect --version` in the same run, with and
// without NODE_EXTRA_CA_CERTS; then in-process validations per second (steps 1-4 on the same
// file, and the full check with the application folders).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { cli, envWithoutCa, fmt, report, root, timeCommand } from './lib.js';

const repository = join(root, 'test', 'fixtures', 'validate', 'valid', 'six-applications');
const file = join(repository, 'connect.yaml');

async function perSecond(fn, { minMs = 2000 } = {}) {
  for (let i = 0; i < 200; i++) await fn(); // warm-up (JIT)
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 50; i++) await fn();
    count += 50;
  }
  return (count / (performance.now() - start)) * 1000;
}

export default async function validateBench() {
  for (const [label, env] of [
    ['with NODE_EXTRA_CA_CERTS', process.env],
    ['without NODE_EXTRA_CA_CERTS', envWithoutCa()],
  ]) {
    const node = timeCommand(process.execPath, ['-e', '0'], { env });
    const version = timeCommand(process.execPath, [cli, '--version'], { env });
    const validate = timeCommand(process.execPath, [cli, 'validate', repository], { env });
    const json = timeCommand(process.execPath, [cli, 'validate', repository, '--json'], { env });
    report(`node -e 0 (${label})`, fmt(node));
    report(`connect --version (${label})`, fmt(version));
    report(
      `connect validate, 6 apps (${label})`,
      fmt(validate),
      `${fmt(validate - node)} over node -e 0 (target < 300 ms wall)`,
    );
    report(`connect validate --json, 6 apps (${label})`, fmt(json));
  }

  const { validateDocument, validateSource } = await import(join(root, 'dist', 'spec', 'validate.js'));
  const bytes = readFileSync(file);
  const result = validateDocument(file, bytes);
  if (result.diagnostics.length > 0) throw new Error('the benchmark file should be valid');
  const documentRate = await perSecond(() => validateDocument(file, bytes));
  report(
    'in-process: connect.yaml checks (6 apps, 2.4 KB)',
    `${Math.round(documentRate)} files/s`,
    'target > 2,000',
  );
  const { parseDocument, LineCounter } = await import('yaml');
  const text = bytes.toString('utf8');
  const yamlRate = await perSecond(() => parseDocument(text, { lineCounter: new LineCounter() }).toJS(), {
    minMs: 1000,
  });
  report('in-process: yaml parseDocument alone (the floor)', `${Math.round(yamlRate)} files/s`);
  const fullRate = await perSecond(() => validateSource(file, bytes, { folders: true }), { minMs: 1000 });
  report('in-process: with the folder checks (fs reads)', `${Math.round(fullRate)} files/s`);
  const calibration = await perSecond(
    () => {
      let x = 0;
      for (let i = 0; i < 100_000; i++) x += i;
      return x;
    },
    { minMs: 500 },
  );
  report('calibration: 100k-iteration JS loop', `${Math.round(calibration)} /s`, 'for comparing machines');
}
