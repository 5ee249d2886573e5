#!/usr/bin/env node
// Compiles schemas/connect.schema.json with ajv into standalone code at
// src/spec/generated/connect-schema-validator.ts, so `connect validate` neither imports ajv's
// compiler nor compiles the schema at start-up. Run it after editing the schema:
//   node scripts/generate-schema-validator.js
// (src/spec/schema.test.ts fails when the generated file is out of date.)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function generateSchemaValidator(root = fileURLToPath(new URL('..', import.meta.url))) {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const standaloneCode = (await import('ajv/dist/standalone/index.js')).default.default;
  const prettier = await import('prettier');
  const schema = JSON.parse(readFileSync(`${root}/schemas/connect.schema.json`, 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: true, code: { source: true, esm: true, lines: true } });
  const validate = ajv.compile(schema);
  const code = standaloneCode(ajv, validate);
  // The output is an ES module; a require() of ajv's runtime would break it (and cost start-up).
  if (code.includes('require('))
    throw new Error('the schema needs an ajv runtime helper; avoid minLength/maxLength');
  const header = [
    '/* eslint-disable -- generated from schemas/connect.schema.json by scripts/generate-schema-validator.js; do not edit. */',
    '// @ts-nocheck',
    '',
  ].join('\n');
  const options = (await prettier.resolveConfig(`${root}/src/spec/generated/x.ts`)) ?? {};
  return prettier.format(header + code, { ...options, parser: 'typescript' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = `${root}/src/spec/generated/connect-schema-validator.ts`;
  writeFileSync(out, await generateSchemaValidator(root));
  process.stdout.write(`wrote ${out}\n`);
}
