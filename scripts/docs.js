#!/usr/bin/env node
// Generates the documentation that comes from the code, so that help text and docs never disagree:
// - docs/commands.md, the command reference, from oclif.manifest.json (what `connect X --help` shows);
// - the exit-code table of README.md (between its exit-codes markers), from src/errors.ts.
// `npm run docs` writes them (after `npm run build`); `npm run docs -- --check` fails when a file
// is stale, which CI runs (.ci/run) and test/docs.test.ts checks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');

const manifestFile = join(root, 'oclif.manifest.json');
if (!existsSync(manifestFile)) {
  process.stderr.write('oclif.manifest.json is missing: run `npm run build` first.\n');
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { exitCodeMarkdown } = await import(pathToFileURL(join(root, 'dist', 'errors.js')).href);
const bin = pjson.oclif.bin;
const topics = pjson.oclif.topics ?? {};

const commands = Object.values(manifest.commands)
  .filter((command) => !command.hidden)
  .sort((a, b) => a.id.localeCompare(b.id));

const words = (id) => id.split(':').join(' ');
const anchor = (text) =>
  text
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n+/g, ' ');
const expand = (text) => text.replaceAll('<%= config.bin %>', bin).replaceAll('<%= command.id %>', '');

function usage(command) {
  const args = Object.values(command.args ?? {}).map((arg) =>
    arg.required ? arg.name.toUpperCase() : `[${arg.name.toUpperCase()}]`,
  );
  const flags = Object.values(command.flags ?? {}).filter((flag) => !flag.hidden);
  return [`${bin} ${words(command.id)}`, ...args, ...(flags.length > 0 ? ['[FLAGS]'] : [])].join(' ');
}

function flagName(flag) {
  const long = flag.type === 'boolean' && flag.allowNo ? `--[no-]${flag.name}` : `--${flag.name}`;
  const value =
    flag.type === 'option' ? ` ${flag.helpValue ?? (flag.options ? flag.options.join('\\|') : 'VALUE')}` : '';
  return `${flag.char ? `-${flag.char}, ` : ''}${long}${value}`;
}

function flagNotes(flag) {
  const notes = [];
  if (flag.required) notes.push('required');
  if (flag.multiple && !/repeatable/i.test(flag.description ?? '')) notes.push('repeatable');
  if (flag.type === 'option' && flag.default !== undefined && flag.default !== '') {
    notes.push(`default: ${Array.isArray(flag.default) ? flag.default.join(',') : flag.default}`);
  }
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}

function section(command) {
  const lines = [`## \`${bin} ${words(command.id)}\``, ''];
  const summary = command.summary ?? command.description?.split('\n')[0] ?? '';
  lines.push(summary, '');
  if (command.summary && command.description) lines.push(command.description, '');
  lines.push('```', usage(command), '```', '');
  const args = Object.values(command.args ?? {});
  if (args.length > 0) {
    lines.push('| Argument | Description |', '| --- | --- |');
    for (const arg of args) {
      lines.push(
        `| \`${arg.name.toUpperCase()}\` | ${cell(arg.description ?? '')}${arg.required ? ' (required)' : ''} |`,
      );
    }
    lines.push('');
  }
  const flags = Object.values(command.flags ?? {}).filter((flag) => !flag.hidden);
  const own = flags.filter((flag) => flag.helpGroup !== 'GLOBAL');
  const global = flags.filter((flag) => flag.helpGroup === 'GLOBAL');
  if (own.length > 0) {
    lines.push('| Flag | Description |', '| --- | --- |');
    for (const flag of own)
      lines.push(`| \`${flagName(flag)}\` | ${cell(flag.description ?? '')}${flagNotes(flag)} |`);
    lines.push('');
  }
  if (global.length > 0) {
    lines.push(
      `Global flags: ${global.map((flag) => `\`${flagName(flag)}\``).join(', ')}, \`-h, --help\`.`,
      '',
    );
  }
  const examples = (command.examples ?? []).map((example) =>
    typeof example === 'string' ? expand(example) : `${expand(example.command)}  # ${example.description}`,
  );
  if (examples.length > 0) lines.push('Examples:', '', '```sh', ...examples, '```', '');
  return lines.join('\n');
}

function commandsPage() {
  const byTopic = new Map();
  for (const command of commands) {
    const topic = command.id.includes(':') ? command.id.split(':')[0] : '';
    if (!byTopic.has(topic)) byTopic.set(topic, []);
    byTopic.get(topic).push(command);
  }
  const index = [];
  for (const [topic, list] of byTopic) {
    if (topic) index.push(`- **${bin} ${topic}**: ${topics[topic]?.description ?? ''}`);
    for (const command of list) {
      const title = `${bin} ${words(command.id)}`;
      const summary = (command.summary ?? command.description ?? '').split('\n')[0];
      index.push(`${topic ? '  ' : ''}- [\`${title}\`](#${anchor(`\`${title}\``)}): ${summary}`);
    }
  }
  return [
    '# Command reference',
    '',
    '<!-- Generated by `npm run docs` from the commands themselves (oclif.manifest.json). Do not edit: change the command, then run `npm run docs`. -->',
    '',
    `Every command takes \`-h\`/\`--help\`, \`--json\` (one JSON document on stdout; errors too) and \`--no-color\`. The commands that work on a Connect repository take it as an optional \`[PATH]\` argument: any folder inside it, or its connect.yaml; by default the current directory, from which \`${bin}\` walks up to the nearest connect.yaml, as git does.`,
    '',
    ...index,
    '',
    '## Exit codes',
    '',
    exitCodeMarkdown(),
    '',
    ...commands.map(section),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\n*$/, '\n');
}

function readmeWithExitCodes(readme) {
  const start = '<!-- exit-codes:start (generated by `npm run docs` from src/errors.ts) -->';
  const end = '<!-- exit-codes:end -->';
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`README.md has no "${start}" ... "${end}" block`);
  return `${readme.slice(0, from + start.length)}\n\n${exitCodeMarkdown()}\n\n${readme.slice(to)}`;
}

const outputs = [
  [join(root, 'docs', 'commands.md'), commandsPage()],
  [join(root, 'README.md'), readmeWithExitCodes(readFileSync(join(root, 'README.md'), 'utf8'))],
];
let stale = 0;
for (const [file, text] of outputs) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    stale += 1;
    process.stderr.write(`${file} is out of date: run \`npm run build && npm run docs\` and commit it.\n`);
  } else {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
process.exit(stale > 0 ? 1 : 0);
