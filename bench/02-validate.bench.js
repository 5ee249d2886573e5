// `connect validate` on a six-application repository (test/fixtures/validate/valid/six-applications):
// median wall time next to `node -e 0` and `connect --version`, measured interleaved in the same
// run, with and without NODE_EXTRA_CA_CERTS; then in-process validations per second (steps 1-4 on the same
// file: with the fast YAML parser, with `yaml` forced, and `yaml`'s parseDocument alone; then the full
// check with the application folders).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { cli, envWithoutCa, fmt, median, report, root } from './lib.js';

const repository = join(root, 'test', 'fixtures', 'validate', 'valid', 'six-applications');
const file = join(repository, 'connect.yaml');

async function perSecond(fn, { minMs = 2000, sync = true } = {}) {
  for (let i = 0; i < 200; i++) await fn(); // warm-up (JIT)
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    if (sync) for (let i = 0; i < 50; i++) fn();
    else for (let i = 0; i < 50; i++) await fn();
    count += 50;
  }
  return (count / (performance.now() - start)) * 1000;
}

/**
 * Median wall times of several commands measured interleaved (a, b, c, a, b, c, ...), so that a
 * shift in the machine's load hits them all alike.
 */
function timeInterleaved(commands, { runs = 15, env = process.env } = {}) {
  const samples = commands.map(() => []);
  for (let run = -1; run < runs; run++) {
    commands.forEach((args, index) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(process.execPath, args, { env, cwd: root, stdio: 'ignore' });
      if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
      if (run >= 0) samples[index].push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return samples.map(median);
}

export default async function validateBench() {
  for (const [label, env] of [
    ['with NODE_EXTRA_CA_CERTS', process.env],
    ['without NODE_EXTRA_CA_CERTS', envWithoutCa()],
  ]) {
    const [node, version, validate, json] = timeInterleaved(
      [
        ['-e', '0'],
        [cli, '--version'],
        [cli, 'validate', repository],
        [cli, 'validate', repository, '--json'],
      ],
      { env },
    );
    report(`node -e 0 (${label})`, fmt(node));
    report(`connect --version (${label})`, fmt(version));
    report(
      `connect validate, 6 apps (${label})`,
      fmt(validate),
      `${fmt(validate - version)} over --version (target < 300 ms wall)`,
    );
    report(`connect validate --json, 6 apps (${label})`, fmt(json));
  }

  const { validateDocument, validateSource } = await import(join(root, 'dist', 'spec', 'validate.js'));
  const { parseDocument, LineCounter } = await import('yaml');
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  const result = validateDocument(file, bytes);
  if (result.diagnostics.length > 0) throw new Error('the benchmark file should be valid');
  // The figure is about the fast parser (src/spec/fast-yaml.ts): make sure it took this file.
  if (result.source.tree === undefined) throw new Error('the fast YAML path bailed on the benchmark file');
  // Alternating short rounds, so that all rates see the same machine; the median round of each.
  const rounds = { ours: [], library: [], yaml: [] };
  const fns = {
    ours: () => validateDocument(file, bytes),
    library: () => validateDocument(file, bytes, { fast: false }),
    yaml: () => parseDocument(text, { lineCounter: new LineCounter() }).toJS(),
  };
  for (const fn of Object.values(fns)) for (let i = 0; i < 200; i++) fn();
  for (let round = 0; round < 15; round++) {
    for (const [name, fn] of Object.entries(fns)) {
      const start = performance.now();
      let count = 0;
      while (performance.now() - start < 150) {
        for (let i = 0; i < 20; i++) fn();
        count += 20;
      }
      rounds[name].push((count / (performance.now() - start)) * 1000);
    }
  }
  const rate = (name) => median(rounds[name]);
  report(
    'in-process: connect.yaml checks (6 apps, 2.4 KB)',
    `${Math.round(rate('ours'))} files/s`,
    'target > 2,000',
  );
  report(
    'in-process: the same checks parsing with yaml',
    `${Math.round(rate('library'))} files/s`,
    'what files outside the fast subset get',
  );
  report('in-process: yaml parseDocument alone (its floor)', `${Math.round(rate('yaml'))} files/s`);
  const fullRate = await perSecond(() => validateSource(file, bytes, { folders: true }), {
    minMs: 1000,
    sync: false,
  });
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
