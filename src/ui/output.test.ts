import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { ConnectError } from '../errors.js';
import { colorEnabled, Output, renderTable } from './output.js';
import { Chalk } from 'chalk';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe('colour decision', () => {
  const tty = { isTTY: true };
  it('is on for a TTY with no opt-out', () => {
    expect(colorEnabled({ env: {}, stream: tty })).toBe(true);
  });
  it.each([
    ['--json', { json: true }],
    ['--no-color', { color: false }],
    ['NO_COLOR', { env: { NO_COLOR: '1' } }],
    ['TERM=dumb', { env: { TERM: 'dumb' } }],
    ['a pipe', { stream: { isTTY: false } }],
  ])('is off with %s', (_name, options) => {
    expect(colorEnabled({ env: {}, stream: tty, ...options })).toBe(false);
  });
});

describe('Output', () => {
  it('renders a ConnectError with its code and hint, and no stack', () => {
    const err = sink();
    const output = new Output({ color: false }, sink().stream, err.stream);
    output.error(new ConnectError('PORT_IN_USE', 'Port 8080 is taken.', { hint: 'pass --port 0' }));
    expect(err.text()).toBe('Error [PORT_IN_USE] Port 8080 is taken.\nTry: pass --port 0\n');
  });

  it('aligns table columns', () => {
    const table = renderTable(
      [
        { name: 'service', state: 'ready' },
        { name: 'ev', state: 'crashed' },
      ],
      [
        { header: 'NAME', get: (row) => row.name },
        { header: 'STATE', get: (row) => row.state },
      ],
      new Chalk({ level: 0 }),
    );
    expect(table.split('\n')).toEqual(['NAME     STATE', 'service  ready', 'ev       crashed']);
  });

  it('prints nothing on stdout for an empty table, and the rows otherwise', () => {
    const out = sink();
    const output = new Output({ color: false }, out.stream, sink().stream);
    const columns = [{ header: 'KEY', get: (row: { key: string }) => row.key }];
    output.table([], columns);
    expect(out.text()).toBe('');
    output.table([{ key: 'a' }], columns);
    expect(out.text()).toBe('KEY\na\n');
  });
});
