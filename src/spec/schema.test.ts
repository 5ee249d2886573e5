import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'connect.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;

type Schema = {
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  [key: string]: unknown;
};

function resolve(node: Schema): Schema {
  const ref = node.$ref;
  if (!ref) return node;
  const name = ref.replace('#/$defs/', '');
  return (schema.$defs as Record<string, Schema>)[name] ?? {};
}

describe('schemas/connect.schema.json', () => {
  it('is a 2020-12 schema', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('describes every property (editors show it on hover)', () => {
    const undescribed: string[] = [];
    // Walks schemas only (not the `properties` maps themselves, nor `if` conditions).
    const visit = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const object = node as Schema;
      for (const [name, property] of Object.entries(object.properties ?? {})) {
        if (!property.description && !resolve(property).description)
          undescribed.push(`${path}.properties.${name}`);
        visit(property, `${path}.properties.${name}`);
      }
      for (const [name, child] of Object.entries((object.$defs ?? {}) as Record<string, Schema>))
        visit(child, `${path}.$defs.${name}`);
      if (object.items) visit(object.items, `${path}.items`);
      ((object.allOf ?? []) as Schema[]).forEach((entry, index) =>
        visit(entry.then, `${path}.allOf[${index}].then`),
      );
    };
    visit(schema, '#');
    expect(undescribed).toEqual([]);
  });

  it('is what src/spec/generated/connect-schema-validator.ts was compiled from', async () => {
    // @ts-expect-error -- a plain JS build script without types
    const { generateSchemaValidator } = (await import('../../scripts/generate-schema-validator.js')) as {
      generateSchemaValidator: (root: string) => Promise<string>;
    };
    const committed = readFileSync(
      join(root, 'src', 'spec', 'generated', 'connect-schema-validator.ts'),
      'utf8',
    );
    expect(
      committed === (await generateSchemaValidator(root)),
      'run: node scripts/generate-schema-validator.js',
    ).toBe(true);
  });
});

describe('a value of the wrong type', () => {
  it('is reported once, as a wrong type (`endpoint: 5` does not "contain //")', async () => {
    const { validateSource } = await import('./validate.js');
    const text = 'deployAs:\n  - name: service\n    applicationType: service\n    endpoint: 5\n';
    const result = await validateSource('/x/connect.yaml', new TextEncoder().encode(text), {
      folders: false,
    });
    const atEndpoint = result.diagnostics.filter((diagnostic) => diagnostic.line === 4);
    expect(atEndpoint.map((diagnostic) => diagnostic.code)).toEqual(['wrong-type']);
    expect(atEndpoint[0]?.message).toContain('not the number 5');
  });
});
