/**
 * Renderings of a ValidationResult: ESLint-"stylish" text with a code frame, and GitHub
 * Actions annotations. Pure functions returning text; the command prints it.
 */
import { relative } from 'node:path';

import type { ChalkInstance } from 'chalk';

import type { Diagnostic, ValidationResult } from './diagnostics.js';

/** The text of each file a diagnostic names, for code frames (undefined: no frame). */
export type SourceLookup = (file: string) => string | undefined;

const FRAME_WIDTH = 100;

/** A path as the user reads it: relative when under `cwd`, else absolute. */
function shown(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path === '' || path.startsWith('..') ? file : path;
}

/** The lines of the last text framed: one split per file, not one per diagnostic. */
let lastText: string | undefined;
let lastLines: string[] = [];

/** A few lines of `text` around `line`, with a caret under `column`. */
export function codeFrame(text: string, line: number, column: number, color: ChalkInstance): string {
  if (text !== lastText) {
    lastText = text;
    lastLines = text.split(/\r?\n/);
  }
  const lines = lastLines;
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const gutter = String(last).length;
  // Long lines are cut around the column so the caret stays on screen.
  const start = column > FRAME_WIDTH - 20 ? column - (FRAME_WIDTH - 20) : 0;
  const out: string[] = [];
  for (let number = first; number <= last; number++) {
    // Tabs stay tabs (a YAML tab error must show its tab), and the caret line repeats them, so
    // the caret lands under the reported column whatever the terminal's tab width.
    const raw = lines[number - 1] ?? '';
    const content = raw.slice(start, start + FRAME_WIDTH) + (raw.length > start + FRAME_WIDTH ? '…' : '');
    const marker = number === line ? color.red.bold('>') : ' ';
    out.push(
      `  ${marker} ${color.dim(`${String(number).padStart(gutter)} |`)} ${number === line ? content : color.dim(content)}`,
    );
    if (number === line) {
      out.push(
        `    ${' '.repeat(gutter)} ${color.dim('|')} ${caretIndent(raw, start, column)}${color.red.bold('^')}`,
      );
    }
  }
  return out.join('\n');
}

/** The characters before `column` (from `start`) as blanks, tabs kept; past the end of the line, spaces. */
function caretIndent(line: string, start: number, column: number): string {
  const before = line.slice(start, Math.max(start, column - 1)).replace(/[^\t]/g, ' ');
  return before + ' '.repeat(Math.max(0, column - 1 - start - before.length));
}

export function formatStylish(
  result: ValidationResult,
  options: { color: ChalkInstance; sources: SourceLookup; cwd?: string; verbose?: boolean },
): string {
  const { color } = options;
  const cwd = options.cwd ?? process.cwd();
  const out: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of result.diagnostics) {
    const list = byFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    byFile.set(diagnostic.file, list);
  }
  for (const [file, diagnostics] of byFile) {
    out.push(color.underline(shown(file, cwd)));
    const text = options.sources(file);
    for (const diagnostic of diagnostics) {
      const severity = diagnostic.severity === 'error' ? color.red('error') : color.yellow('warning');
      const [first = '', ...rest] = diagnostic.message.split('\n');
      out.push(
        `  ${color.dim(`${diagnostic.line}:${diagnostic.column}`)}  ${severity}  ${first}  ${color.dim(diagnostic.code)}`,
      );
      for (const line of rest) out.push(`      ${line}`);
      if (diagnostic.path) out.push(`      ${color.dim(`at ${diagnostic.path}`)}`);
      if (text !== undefined) out.push(codeFrame(text, diagnostic.line, diagnostic.column, color));
      out.push('');
    }
  }
  if (options.verbose && result.jobs.length > 0) {
    out.push(color.bold('Job schedules (UTC)'));
    for (const job of result.jobs) {
      out.push(`  ${job.application}  ${color.cyan(job.schedule)}  ${job.description}`);
      out.push(
        `    next: ${job.nextFireTimes.length > 0 ? job.nextFireTimes.join(', ') : 'never (runs on no schedule)'}`,
      );
    }
    out.push('');
  }
  const problems = result.errorCount + result.warningCount;
  const shownFile = shown(result.file, cwd);
  if (problems === 0) {
    out.push(color.green(`✔ ${shownFile} is valid`));
  } else {
    const summary = `${problems} problem${problems === 1 ? '' : 's'} (${result.errorCount} error${result.errorCount === 1 ? '' : 's'}, ${result.warningCount} warning${result.warningCount === 1 ? '' : 's'})`;
    out.push(result.valid ? color.yellow(`⚠ ${summary}`) : color.red.bold(`✖ ${summary}`));
    if (result.valid === false && result.errorCount === 0)
      out.push(color.dim('  --strict: warnings fail the check'));
  }
  return out.join('\n');
}

/** GitHub Actions workflow commands: one `::error` / `::warning` annotation per diagnostic. */
const escapeData = (text: string): string =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * A failure before any diagnostic (no connect.yaml, an unreadable one) as a GitHub Actions
 * annotation too, so that a CI run shows it where the others would be.
 */
export function formatGithubError(error: {
  code: string;
  message: string;
  hint?: string | undefined;
}): string {
  const text = error.hint === undefined ? error.message : `${error.message}\nTry: ${error.hint}`;
  return `::error title=${escapeProperty(error.code)}::${escapeData(text)}`;
}

export function formatGithub(result: ValidationResult, cwd: string = process.cwd()): string {
  const lines = result.diagnostics.map((diagnostic) => {
    const file = relative(cwd, diagnostic.file) || diagnostic.file;
    const properties = [
      `file=${escapeProperty(file)}`,
      `line=${diagnostic.line}`,
      `col=${diagnostic.column}`,
      `title=${escapeProperty(diagnostic.code)}`,
    ].join(',');
    const message = diagnostic.path ? `${diagnostic.message} (at ${diagnostic.path})` : diagnostic.message;
    return `::${diagnostic.severity} ${properties}::${escapeData(message)}`;
  });
  return lines.join('\n');
}
