/**
 * Reads schemas/admin-api.openapi.yaml and validates values against its component schemas
 * (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses), for the admin API contract tests.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

import { repoRoot } from './cli.js';

type Parameter = { name: string; in: string } | { $ref: string };
export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}
export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation> & { parameters?: Parameter[] }>;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export async function loadOpenApi(): Promise<OpenApiDoc> {
  return parse(await readFile(join(repoRoot, 'schemas', 'admin-api.openapi.yaml'), 'utf8')) as OpenApiDoc;
}

export function operationsOf(doc: OpenApiDoc): Array<{ method: string; path: string; operation: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => m in item).map((method) => ({
      method,
      path,
      operation: item[method] as Operation,
    })),
  );
}

/** The JSON schema of an operation's answer for a status, or undefined when not JSON. */
export function responseSchema(doc: OpenApiDoc, operation: Operation, status: number): unknown {
  let response = operation.responses?.[String(status)];
  if (response?.$ref) response = doc.components.responses[response.$ref.split('/').pop()!];
  return response?.content?.['application/json']?.schema;
}

/**
 * Returns validate(schemaNameOrSchema, value) -> error strings (empty when valid). Refs like
 * '#/components/schemas/App' resolve against the whole document.
 */
export async function compileOpenApi(doc: OpenApiDoc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'openapi.json', components: doc.components }, 'openapi.json');
  // Compile every component now, so a broken $ref fails here.
  for (const name of Object.keys(doc.components.schemas))
    ajv.getSchema(`openapi.json#/components/schemas/${name}`);
  return (schema: string | unknown, value: unknown): string[] => {
    const validator =
      typeof schema === 'string'
        ? ajv.getSchema(`openapi.json#/components/schemas/${schema}`)
        : ajv.compile(
            JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')),
          );
    if (!validator) throw new Error(`no schema ${String(schema)}`);
    return validator(value) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
