/** Loggers for the emulator: one that records (tests, admin) and the shape `connect dev` implements. */
import type { EmulatorLogger, LogLine } from './types.js';

export interface RecordedEntry {
  level: 'info' | 'warn' | 'error' | 'app';
  text: string;
  line?: LogLine;
}

/** A logger that keeps everything in memory; `text()` gives it all as one string. */
export class MemoryLogger implements EmulatorLogger {
  readonly entries: RecordedEntry[] = [];
  info(message: string): void {
    this.entries.push({ level: 'info', text: message });
  }
  warn(message: string): void {
    this.entries.push({ level: 'warn', text: message });
  }
  error(message: string): void {
    this.entries.push({ level: 'error', text: message });
  }
  appLine(line: LogLine): void {
    this.entries.push({ level: 'app', text: `${line.application} | ${line.text}`, line });
  }
  text(): string {
    return this.entries.map((entry) => entry.text).join('\n');
  }
}

export const silentLogger: EmulatorLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  appLine: () => undefined,
};

/** Colours given to applications in turn (chalk method names). */
const APP_COLOURS = [
  'cyan',
  'magenta',
  'green',
  'yellow',
  'blue',
  'redBright',
  'cyanBright',
  'magentaBright',
] as const;

export interface TerminalSink {
  /** Application output (data). */
  out(text: string): void;
  info(text: string): void;
  warn(text: string): void;
  error(text: string): void;
  /** Colours a text in a named colour (identity when colour is off). */
  paint(colour: (typeof APP_COLOURS)[number] | 'dim' | 'red' | 'yellow', text: string): string;
}

/**
 * The logger of `connect dev`: app lines prefixed with the app name in its own colour. The names
 * (all the applications of connect.yaml, for one width and stable colours) may be given as a
 * function, read at the first application line.
 */
export function createTerminalLogger(
  sink: TerminalSink,
  applications: readonly string[] | (() => readonly string[]),
): EmulatorLogger {
  let prefixes: ((name: string) => string) | undefined;
  const prefixer = (): ((name: string) => string) => {
    const names = typeof applications === 'function' ? applications() : applications;
    const width = Math.max(4, ...names.map((name) => name.length));
    const colours = new Map(
      names.map((name, index) => [name, APP_COLOURS[index % APP_COLOURS.length] ?? 'cyan']),
    );
    return (name) => sink.paint(colours.get(name) ?? 'cyan', `${name.padEnd(width)} |`);
  };
  return {
    info: (message) => sink.info(message),
    warn: (message) => sink.warn(message),
    error: (message) => sink.error(message),
    appLine(line) {
      prefixes ??= prefixer();
      const text = line.stream === 'system' ? sink.paint('dim', line.text) : line.text;
      sink.out(`${prefixes(line.application)} ${text}`);
    },
  };
}
