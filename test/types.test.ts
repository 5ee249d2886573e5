/**
 * `connect types` on a copy of the example: one declaration per application, typed as the
 * platform fills process.env (checked by compiling code against it with TypeScript), `validate`
 * warning once connect.yaml changes, --check, and a file the user wrote left alone.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';

import { repoRoot, runCli, tempDir } from './helpers/cli.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function copyExample(): Promise<string> {
  const dir = await tempDir('connect-types-');
  cleanups.push(dir.cleanup);
  await cp(join(repoRoot, 'examples', 'connector'), dir.path, { recursive: true });
  // An optional key (no default, not required) on the service.
  const file = join(dir.path, 'connect.yaml');
  const yaml = (await readFile(file, 'utf8')).replace(
    "          default: '10'\n",
    "          default: '10'\n        - key: DISCOUNT_CODE\n          description: An optional code\n",
  );
  await writeFile(file, yaml);
  return dir.path;
}

/** TypeScript's diagnostics for `code` compiled with the declaration. */
function compile(declaration: string, code: string): string[] {
  const program = ts.createProgram({
    rootNames: [declaration, 'main.ts'],
    options: {
      strict: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(repoRoot, 'node_modules', '@types')],
      skipLibCheck: true,
    },
    host: (() => {
      const host = ts.createCompilerHost({});
      const original = host.getSourceFile.bind(host);
      host.getSourceFile = (name, version) =>
        name === 'main.ts' ? ts.createSourceFile(name, code, version) : original(name, version);
      return host;
    })(),
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('connect types', () => {
  it('writes a declaration per application: string when required or defaulted, string | undefined otherwise', async () => {
    const root = await copyExample();
    const result = await runCli(['types', root, '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      files: Array<{ application: string; path: string; state: string }>;
    };
    expect(json.files.map((file) => [file.application, file.path, file.state])).toEqual([
      ['service', 'service/connect-env.d.ts', 'written'],
      ['event', 'event/connect-env.d.ts', 'written'],
      ['job', 'job/connect-env.d.ts', 'written'],
    ]);
    const declaration = join(root, 'service', 'connect-env.d.ts');
    const text = await readFile(declaration, 'utf8');
    expect(text).toContain('      EXTENSION_SECRET: string;');
    expect(text).toContain('      MAX_CART_ITEMS: string;');
    expect(text).toContain('      LOG_LEVEL: string;');
    expect(text).toContain('      DISCOUNT_CODE?: string;');
    expect(text).toContain('      CONNECT_SERVICE_URL: string;');
    expect(text).toContain('      CTP_CLIENT_SECRET: string;');

    expect(
      compile(
        declaration,
        'const a: string = process.env.MAX_CART_ITEMS;\nconst b: string = process.env.EXTENSION_SECRET;\nexport { a, b };\n',
      ),
    ).toEqual([]);
    const errors = compile(declaration, 'const c: string = process.env.DISCOUNT_CODE;\nexport { c };\n');
    expect(errors.join('\n')).toMatch(/'string \| undefined' is not assignable to type 'string'/);

    // Run again: nothing changes.
    const again = JSON.parse((await runCli(['types', root, '--json'])).stdout) as typeof json;
    expect(again.files.every((file) => file.state === 'unchanged')).toBe(true);
  });

  it('validate warns when a declaration is stale; --check exits 1; types brings it up to date', async () => {
    const root = await copyExample();
    expect((await runCli(['types', root])).exitCode).toBe(0);
    const clean = JSON.parse((await runCli(['validate', root, '--json'])).stdout) as {
      diagnostics: Array<{ code: string }>;
    };
    expect(clean.diagnostics.filter((d) => d.code === 'stale-types')).toEqual([]);

    const file = join(root, 'connect.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('key: NOTIFY_EMAIL', 'key: NOTIFY_ADDRESS'));
    const stale = await runCli(['validate', root, '--json']);
    expect(stale.exitCode).toBe(0);
    const diagnostics = (
      JSON.parse(stale.stdout) as {
        diagnostics: Array<{ code: string; severity: string; message: string; line: number }>;
      }
    ).diagnostics.filter((d) => d.code === 'stale-types');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning' });
    expect(diagnostics[0]?.message).toContain('event/connect-env.d.ts no longer matches');
    expect(diagnostics[0]?.message).toContain('run `connect types`');

    const check = await runCli(['types', root, '--check']);
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toMatch(/stale\s+event\/connect-env\.d\.ts/);

    expect((await runCli(['types', root])).exitCode).toBe(0);
    expect(await readFile(join(root, 'event', 'connect-env.d.ts'), 'utf8')).toContain(
      'NOTIFY_ADDRESS: string;',
    );
    expect((await runCli(['types', root, '--check'])).exitCode).toBe(0);
  });

  it('leaves a file it did not write alone unless --force', async () => {
    const root = await copyExample();
    const mine = join(root, 'job', 'connect-env.d.ts');
    await writeFile(mine, '// my own declarations\n');
    const refused = await runCli(['types', root]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('job/connect-env.d.ts exists and was not written by `connect types`');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(mine, 'utf8')).toBe('// my own declarations\n');
    expect((await runCli(['types', root, '--force'])).exitCode).toBe(0);
    expect(await readFile(mine, 'utf8')).toContain('Generated by `connect types`');
  });
});
