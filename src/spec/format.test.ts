import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';

import type { ValidationResult } from './diagnostics.js';
import { codeFrame, formatGithub, formatStylish } from './format.js';

const plain = new Chalk({ level: 0 });

const result: ValidationResult = {
  valid: false,
  errorCount: 1,
  warningCount: 1,
  file: '/repo/connect.yaml',
  jobs: [],
  diagnostics: [
    {
      severity: 'error',
      code: 'invalid-endpoint',
      message: 'endpoint "/a//b" contains "//": use single slashes',
      file: '/repo/connect.yaml',
      line: 2,
      column: 13,
      path: 'deployAs[0].endpoint',
    },
    {
      severity: 'warning',
      code: 'missing-lock-file',
      message: 'line one\nline, two: 100%',
      file: '/repo/svc/package.json',
      line: 1,
      column: 1,
      path: '',
    },
  ],
};

describe('codeFrame', () => {
  it('shows the line with its neighbours and a caret under the column', () => {
    expect(codeFrame('a: 1\nbb: "x"\nc: 3\nd: 4', 2, 5, plain)).toBe(
      ['    1 | a: 1', '  > 2 | bb: "x"', '      |     ^', '    3 | c: 3'].join('\n'),
    );
  });

  it('draws tabs as tabs, with the caret under the reported column whatever the tab width', () => {
    const frame = codeFrame('a:\n\t\tkey: "x\ty"\n', 2, 9, plain);
    const [, line = '', caret = ''] = frame.split('\n');
    expect(line).toBe('  > 2 | \t\tkey: "x\ty"');
    expect(caret).toBe('      | \t\t      ^');
    // With the leading tabs expanded at any width, the caret is under column 9: the x.
    for (const width of [2, 4, 8]) {
      const expand = (text: string) =>
        text.replace(/^.*?\| /, '').replace(/^\t+/, (tabs) => ' '.repeat(tabs.length * width));
      expect(expand(line)[expand(caret).indexOf('^')]).toBe('x');
    }
  });

  it('keeps the caret on screen on very long lines', () => {
    const frame = codeFrame(`key: ${'x'.repeat(500)}!`, 1, 506, plain);
    const [line = '', caret = ''] = frame.split('\n');
    expect(line.length).toBeLessThan(130);
    expect(line[caret.indexOf('^')]).toBe('!');
  });
});

describe('formatStylish', () => {
  it('groups by file, with position, severity, message, code and the summary', () => {
    const text = formatStylish(result, {
      color: plain,
      cwd: '/repo',
      sources: (file) => (file.endsWith('connect.yaml') ? 'deployAs:\n  - endpoint: /a//b\n' : undefined),
    });
    expect(text).toContain(
      'connect.yaml\n  2:13  error  endpoint "/a//b" contains "//": use single slashes  invalid-endpoint',
    );
    expect(text).toContain('  > 2 |   - endpoint: /a//b');
    expect(text).toContain(
      'svc/package.json\n  1:1  warning  line one  missing-lock-file\n      line, two: 100%',
    );
    expect(text).toMatch(/✖ 2 problems \(1 error, 1 warning\)$/);
  });
});

describe('formatGithub', () => {
  it('writes one workflow command per diagnostic, escaped', () => {
    expect(formatGithub(result, '/repo').split('\n')).toEqual([
      '::error file=connect.yaml,line=2,col=13,title=invalid-endpoint::endpoint "/a//b" contains "//": use single slashes (at deployAs[0].endpoint)',
      '::warning file=svc/package.json,line=1,col=1,title=missing-lock-file::line one%0Aline, two: 100%25',
    ]);
  });
});
