/**
 * The output module: the only place that writes to the terminal. It decides once whether
 * colour is on (--json, --no-color, NO_COLOR, TERM=dumb or a non-TTY turn it off), renders
 * tables, JSON and errors. Data goes to stdout; human progress and diagnostics to stderr.
 */
import { Chalk, type ChalkInstance } from 'chalk';

import { ConnectError, ExitCode, isConnectError } from '../errors.js';

export interface ColorDecision {
  json?: boolean | undefined;
  /** false when --no-color was given */
  color?: boolean | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  stream?: { isTTY?: boolean | undefined } | undefined;
}

export function colorEnabled(options: ColorDecision = {}): boolean {
  const env = options.env ?? process.env;
  const stream = options.stream ?? process.stdout;
  if (options.json) return false;
  if (options.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true;
}

export class Output {
  readonly color: ChalkInstance;
  readonly colorOn: boolean;
  readonly json: boolean;

  constructor(
    options: ColorDecision = {},
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {
    this.json = options.json === true;
    this.colorOn = colorEnabled(options);
    this.color = new Chalk({ level: this.colorOn ? 1 : 0 });
  }

  /** A line of data on stdout. */
  out(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  /** A line for people on stderr (progress, notes, diagnostics). */
  info(text = ''): void {
    this.stderr.write(`${text}\n`);
  }

  warn(text: string): void {
    this.stderr.write(`${this.color.yellow('warning')} ${text}\n`);
  }

  success(text: string): void {
    this.stderr.write(`${this.color.green('✔')} ${text}\n`);
  }

  printJson(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Nothing at all for no rows: a header alone on stdout would read as data; callers say
   * "No ..." on stderr instead. */
  table<Row extends Record<string, unknown>>(rows: Row[], columns: TableColumn<Row>[]): void {
    if (rows.length === 0) return;
    this.out(renderTable(rows, columns, this.color));
  }

  error(error: unknown): void {
    this.stderr.write(`${formatError(error, this.color)}\n`);
  }
}

export interface TableColumn<Row> {
  header: string;
  get: (row: Row) => unknown;
  /** Colour a cell after padding (so ANSI codes do not break alignment). */
  style?: (text: string, row: Row) => string;
}

// eslint-disable-next-line no-control-regex -- stripping ANSI escape sequences is the point
const ANSI = /\u001B\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

export function renderTable<Row>(rows: Row[], columns: TableColumn<Row>[], color: ChalkInstance): string {
  const cells = rows.map((row) => columns.map((column) => cellText(column.get(row))));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => visibleLength(line[index] ?? ''))),
  );
  const header = columns
    .map((column, index) => color.bold(column.header.padEnd(widths[index] ?? 0)))
    .join('  ');
  const body = cells.map((line, rowIndex) =>
    line
      .map((text, index) => {
        const padded = text.padEnd((widths[index] ?? 0) + text.length - visibleLength(text));
        const style = columns[index]?.style;
        const row = rows[rowIndex];
        return style && row !== undefined ? style(padded, row) : padded;
      })
      .join('  ')
      .trimEnd(),
  );
  return [header.trimEnd(), ...body].join('\n');
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Human rendering of any error: code, message, "Try:" hint; never a stack trace. */
export function formatError(error: unknown, color: ChalkInstance): string {
  if (isConnectError(error)) {
    const lines = [`${color.red.bold('Error')} ${color.dim(`[${error.code}]`)} ${error.message}`];
    const tailText = typeof error.details?.outputTail === 'string' ? error.details.outputTail : '';
    if (tailText) lines.push(color.dim(tailText.replace(/^/gm, '  │ ')));
    if (error.hint) lines.push(`${color.cyan('Try:')} ${error.hint}`);
    return lines.join('\n');
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${color.red.bold('Error')} ${message}`;
}

/** The JSON shape of an error printed by commands run with --json. */
export function errorJson(error: unknown): { error: Record<string, unknown> } {
  if (error instanceof ConnectError) return { error: error.toJSON() };
  return { error: { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) } };
}

export { ExitCode };
