import { describe, expect, it } from 'vitest';

import { createTerminalLogger, type TerminalSink } from './logger.js';
import type { LogLine } from './types.js';

function sink(): TerminalSink & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    out: (text) => lines.push(text),
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    paint: (colour, text) => `<${colour}>${text}`,
  };
}

const line = (application: string, text: string): LogLine => ({
  time: '2026-01-01T00:00:00.000Z',
  application,
  stream: 'stdout',
  text,
});

describe('terminal logger', () => {
  it('pads every prefix to the longest application name, each app in its own colour', () => {
    const out = sink();
    const logger = createTerminalLogger(out, ['api', 'notifications']);
    logger.appLine(line('api', 'up'));
    logger.appLine(line('notifications', 'up'));
    expect(out.lines).toEqual(['<cyan>api           | up', '<magenta>notifications | up']);
  });

  it('reads names given as a function at the first application line, not before', () => {
    const out = sink();
    let names: string[] = [];
    const logger = createTerminalLogger(out, () => names);
    // connect dev creates the logger before the emulator has read connect.yaml.
    names = ['service', 'event-handler'];
    logger.appLine(line('event-handler', 'listening'));
    names = ['ignored-once-read'];
    logger.appLine(line('service', 'listening'));
    expect(out.lines).toEqual(['<magenta>event-handler | listening', '<cyan>service       | listening']);
  });
});
