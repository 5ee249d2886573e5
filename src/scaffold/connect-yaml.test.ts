import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { addToConnectYaml, applicationNames, createConnectYaml } from './connect-yaml.js';

describe('createConnectYaml', () => {
  it('starts with the $schema comment and writes shared entries out in full', () => {
    const text = createConnectYaml(
      [
        { type: 'service', name: 'service', endpoint: '/service' },
        { type: 'job', name: 'job', endpoint: '/job', schedule: '@daily' },
      ],
      'https://example.com/schema.json',
    );
    expect(text.startsWith('# yaml-language-server: $schema=https://example.com/schema.json\n')).toBe(true);
    expect(text).not.toMatch(/[&*]a\d/);
    const spec = parse(text) as { deployAs: { configuration: { securedConfiguration: unknown[] } }[] };
    expect(spec.deployAs[1]?.configuration.securedConfiguration).toEqual(
      spec.deployAs[0]?.configuration.securedConfiguration,
    );
  });
});

describe('addToConnectYaml', () => {
  const cases: Record<string, string> = {
    'two-space indent, indented sequence': `deployAs:
  # first
  - name: web
    applicationType: assets # why
`,
    'sequences not indented under their key': `# top comment
deployAs:
- name: web
  applicationType: assets
inheritAs:
  configuration:
    standardConfiguration:
    - key: GLOBAL_KEY
      description: "a global value"
`,
  };

  for (const [label, source] of Object.entries(cases)) {
    it(`keeps the file as it was and appends the new entry (${label})`, () => {
      const updated = addToConnectYaml(source, { type: 'assets', name: 'more' }, 'connect.yaml');
      // Every original line is still there, in order.
      const lines = updated.split('\n');
      let position = 0;
      for (const line of source.trimEnd().split('\n')) {
        const found = lines.indexOf(line, position);
        expect(found, `line "${line}"`).toBeGreaterThanOrEqual(position);
        position = found + 1;
      }
      expect(applicationNames(updated)).toEqual(['web', 'more']);
    });
  }

  it('refuses a duplicate name and a file without deployAs', () => {
    expect(() =>
      addToConnectYaml(
        cases['two-space indent, indented sequence'] ?? '',
        { type: 'assets', name: 'web' },
        'c.yaml',
      ),
    ).toThrow(/already has an application named "web"/);
    expect(() => addToConnectYaml('inheritAs: {}\n', { type: 'assets', name: 'web' }, 'c.yaml')).toThrow(
      /no deployAs/,
    );
    expect(() => addToConnectYaml('deployAs: [\n', { type: 'assets', name: 'web' }, 'c.yaml')).toThrow(
      /not valid YAML/,
    );
  });
});
