import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot, runCli } from './helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

describe('the CLI foundation', () => {
  it('prints its version', async () => {
    const result = await runCli(['--version']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`connect-cli/${pkg.version}`);
  });

  it('prints help listing its topics', async () => {
    const result = await runCli(['--help']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('USAGE');
    expect(result.stdout).toContain('$ connect');
  });

  it('reports an unknown command as a usage error with the nearest command, exit 2, without a stack trace', async () => {
    const result = await runCli(['autocomplet']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/\[UNKNOWN_COMMAND\] connect autocomplet is not a connect command/);
    expect(result.stderr).toContain('Try: did you mean `connect autocomplete`?');
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const json = await runCli(['deployments', 'lst', '--json']);
    expect(json.exitCode).toBe(2);
    const parsed = JSON.parse(json.stdout) as { error: { code: string; hint: string } };
    expect(parsed.error.code).toBe('UNKNOWN_COMMAND');
    expect(parsed.error.hint).toContain('connect deployments list');
  });

  it('shows help for a command, and reports `help` of an unknown command like an unknown command', async () => {
    const known = await runCli(['help', 'deployments', 'list']);
    expect(known.exitCode).toBe(0);
    expect(known.stdout).toContain('$ connect deployments list');

    const unknown = await runCli(['help', 'deployments', 'lst']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/\[UNKNOWN_COMMAND\] connect deployments lst is not a connect command/);
    expect(unknown.stderr).toContain('Try: did you mean `connect deployments list`?');

    const json = await runCli(['help', 'nope', '--json']);
    expect(json.exitCode).toBe(2);
    expect(json.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints nothing of its own under NODE_ENV=development (a clone has a tsconfig.json)', async () => {
    const result = await runCli(['validate', '--format', 'nope'], { env: { NODE_ENV: 'development' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^Error \[USAGE\] /);
  });

  it('exits 2 on an unknown flag', async () => {
    const result = await runCli(['autocomplete', '--definitely-not-a-flag']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Nonexistent flag/i);
  });

  it('reports every wrong command line as USAGE with a hint and exit 2, one JSON document with --json', async () => {
    for (const args of [
      ['validate', '--definitely-not-a-flag'],
      ['validate', '--format', 'xml'],
      ['dev', '--admin-port', 'abc'],
      ['trigger', 'job'],
    ]) {
      const human = await runCli(args);
      expect(human.exitCode, args.join(' ')).toBe(2);
      expect(human.stderr).toMatch(/^Error \[USAGE\] /);
      expect(human.stderr).toContain(`Try: see \`connect ${args[0]}`);
      expect(human.stderr).not.toMatch(/See more help|\n\s+at /);

      const json = await runCli([...args, '--json']);
      expect(json.exitCode, `${args.join(' ')} --json`).toBe(2);
      const parsed = JSON.parse(json.stdout) as { error: { code: string; hint: string } };
      expect(parsed.error.code).toBe('USAGE');
      expect(parsed.error.hint).toMatch(/--help/);
    }
  });

  it("names a missing required flag with its dashes, without oclif's preamble", async () => {
    const human = await runCli(['deploy']);
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toMatch(/^Error \[USAGE\] Missing required flag --connector\n/);
    expect(human.stderr).not.toContain('The following error');
    const json = await runCli(['deploy', '--json']);
    expect(JSON.parse(json.stdout).error.message).toBe('Missing required flag --connector');
  });

  it('honours --no-color in the error of a command line it cannot parse', async () => {
    const result = await runCli(['validate', '--bogus', '--no-color'], {
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('[USAGE]');
    // eslint-disable-next-line no-control-regex
    expect(result.stderr).not.toMatch(/\u001b\[/);
  });

  it('documents every command with a description and at least one example', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, { description?: string; examples?: unknown[] }>;
    };
    const undocumented = Object.entries(manifest.commands)
      .filter(([, command]) => !command.description || (command.examples ?? []).length === 0)
      .map(([id]) => id);
    expect(undocumented).toEqual([]);
  });
});
