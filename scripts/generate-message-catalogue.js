#!/usr/bin/env node
/**
 * Generates schemas/messages.schema.json, the catalogue of every Message type the platform
 * defines, from the platform's own type definitions (the `Message` union of
 * @commercetools/platform-sdk, a devDependency): for each type its resource type, the update
 * actions / requests that generate it (from the SDK's doc comments) and a JSON Schema of the
 * message, with the schemas of every type it refers to under `definitions`.
 *
 *   node scripts/generate-message-catalogue.js            # writes the file
 *   node scripts/generate-message-catalogue.js --check    # exits 1 when the file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const sdkRoot = dirname(require.resolve('@commercetools/platform-sdk/package.json'));
const sdkVersion = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8')).version;
const models = join(sdkRoot, 'dist/declarations/src/generated/models');
const output = join(root, 'schemas/messages.schema.json');

const program = ts.createProgram([join(models, 'message.d.ts')], { strict: true, noEmit: true });
const checker = program.getTypeChecker();

function moduleSymbol(file) {
  const source = program.getSourceFile(join(models, file));
  if (!source) throw new Error(`${file} not found in @commercetools/platform-sdk ${sdkVersion}`);
  return checker.getSymbolAtLocation(source);
}

function exported(file, name) {
  const symbol = checker.getExportsOfModule(moduleSymbol(file)).find((s) => s.getName() === name);
  if (!symbol) throw new Error(`${name} is not exported by ${file}`);
  return symbol;
}

function docOf(symbol) {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
}

/** `CustomerGroup` -> `customer-group` */
function kebab(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

// Every `XxxUpdateAction` union of the SDK: which resource an `XxxAction` belongs to and its name.
const actionOwner = new Map();
for (const source of program.getSourceFiles()) {
  if (!source.fileName.startsWith(models)) continue;
  const symbol = checker.getSymbolAtLocation(source);
  if (!symbol) continue;
  for (const entry of checker.getExportsOfModule(symbol)) {
    const match = /^([A-Za-z]+)UpdateAction$/.exec(entry.getName());
    if (!match || !(entry.flags & ts.SymbolFlags.TypeAlias)) continue;
    const resource = kebab(match[1]);
    const type = checker.getDeclaredTypeOfSymbol(entry);
    for (const member of type.isUnion() ? type.types : [type]) {
      const name = member.getSymbol()?.getName();
      const action = member.getProperty('action');
      if (!name || !action) continue;
      const literal = checker.getTypeOfSymbol(action);
      if (!literal.isStringLiteral()) continue;
      if (!actionOwner.has(name) || (!resource.startsWith('my-') && !resource.includes('staged-order')))
        actionOwner.set(name, { resource, action: literal.value });
    }
  }
}

// JSON Schema of a TypeScript type; named object types become `definitions` entries.
const definitions = {};
const building = new Set();

function nameOf(type) {
  const alias = type.aliasSymbol?.getName();
  if (alias) return alias;
  const symbol = type.getSymbol();
  if (symbol && symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) return symbol.getName();
  return undefined;
}

function schemaOf(type) {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (type.flags & ts.TypeFlags.StringLiteral) return { const: type.value };
  if (type.flags & ts.TypeFlags.NumberLiteral) return { const: type.value };
  if (type.flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
  if (type.flags & ts.TypeFlags.String) return { type: 'string' };
  if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
  if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (type.flags & ts.TypeFlags.Null) return { type: 'null' };
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    const name = type.aliasSymbol?.getName();
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (members.every((t) => t.isStringLiteral())) {
      return { type: 'string', enum: members.map((t) => t.value).sort() };
    }
    if (
      members.some((t) => t.flags & ts.TypeFlags.String) &&
      members.every((t) => t.flags & ts.TypeFlags.StringLike)
    )
      return { type: 'string' };
    if (name) return reference(name, () => ({ anyOf: members.map(schemaOf) }));
    return members.length === 1 ? schemaOf(members[0]) : { anyOf: members.map(schemaOf) };
  }
  if (checker.isArrayType(type)) return { type: 'array', items: schemaOf(checker.getTypeArguments(type)[0]) };
  if (type.flags & ts.TypeFlags.Object) {
    const name = nameOf(type);
    return name ? reference(name, () => objectSchema(type)) : objectSchema(type);
  }
  return {};
}

function reference(name, build) {
  if (!definitions[name] && !building.has(name)) {
    building.add(name);
    definitions[name] = build();
    building.delete(name);
  }
  return { $ref: `#/definitions/${name}` };
}

function objectSchema(type) {
  const properties = {};
  const required = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const propertyType = declaration
      ? checker.getTypeOfSymbolAtLocation(property, declaration)
      : checker.getTypeOfSymbol(property);
    properties[property.getName()] = schemaOf(propertyType);
    if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.getName());
  }
  const schema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
  if (index) schema.additionalProperties = schemaOf(index);
  return schema;
}

// The messages: the `Message` union, flattened (it holds the OrderMessage and ShoppingListMessage unions).
const BASE_FIELDS = new Set([
  'id',
  'version',
  'createdAt',
  'lastModifiedAt',
  'lastModifiedBy',
  'createdBy',
  'sequenceNumber',
  'resource',
  'resourceVersion',
  'resourceUserProvidedIdentifiers',
  'type',
]);
const ENDPOINT =
  /ctp:api:endpoint:\/\{projectKey\}\/(?:in-store\/key=\{storeKey\}\/)?(([a-z-]+)[^:)]*):(POST|DELETE)/g;
const ACTION = /ctp:api:type:([A-Za-z]+Action)\)/g;
// The local API's resource types (src/emulator/platform/resource-types.ts) and those it lacks.
const resourceTypes = readFileSync(join(root, 'src/emulator/platform/resource-types.ts'), 'utf8');
const pathsBlock = /RESOURCE_PATHS[^{]*\{([^}]*)\}/.exec(resourceTypes)[1];
const PATHS = {
  ...Object.fromEntries([...pathsBlock.matchAll(/'?([a-z-]+)'?:\s*'([a-z-]+)'/g)].map((m) => [m[1], m[2]])),
  'approval-flow': 'approval-flows',
  'approval-rule': 'approval-rules',
  'discount-group': 'discount-groups',
  'payment-method': 'payment-methods',
  'product-tailoring': 'product-tailoring',
  'recurring-order': 'recurring-orders',
};
const typeIdOfPath = Object.fromEntries(Object.entries(PATHS).map(([typeId, path]) => [path, typeId]));

const messageUnion = checker.getDeclaredTypeOfSymbol(exported('message.d.ts', 'Message'));
const flattened = [];
const flatten = (type) => {
  if (type.isUnion()) type.types.forEach(flatten);
  else flattened.push(type);
};
flatten(messageUnion);

/** The resource type of a message without any other clue: the longest resource name it starts with. */
function resourceByName(typeName, resourceNames) {
  let best = '';
  for (const candidate of resourceNames) {
    if (typeName.startsWith(candidate) && candidate.length > best.length) best = candidate;
  }
  return best ? kebab(best) : undefined;
}

const pascalResources = Object.keys(PATHS).map((typeId) =>
  typeId.replace(/(^|-)([a-z])/g, (_m, _d, c) => c.toUpperCase()),
);
const ORDER_FAMILY = new Set();
for (const member of checker.getDeclaredTypeOfSymbol(exported('message.d.ts', 'OrderMessage')).types) {
  ORDER_FAMILY.add(member.getSymbol().getName());
}

const messages = {};
for (const member of flattened) {
  const symbol = member.getSymbol();
  const interfaceName = symbol.getName();
  const typeProperty = member.getProperty('type');
  const literal = typeProperty && checker.getTypeOfSymbol(typeProperty);
  if (!literal?.isStringLiteral()) throw new Error(`${interfaceName} has no literal "type"`);
  const type = literal.value;
  const doc = docOf(symbol);
  const actions = [];
  for (const match of doc.matchAll(ACTION)) {
    const owner = actionOwner.get(match[1]);
    if (owner && !actions.some((a) => a.resource === owner.resource && a.action === owner.action))
      actions.push(owner);
  }
  const requests = [];
  for (const match of doc.matchAll(ENDPOINT)) {
    const typeId = typeIdOfPath[match[2]];
    const request = { resource: typeId, method: match[3], path: `/${match[1]}` };
    if (typeId && !requests.some((r) => r.path === request.path && r.method === request.method))
      requests.push(request);
  }
  let resourceTypeId;
  if (ORDER_FAMILY.has(interfaceName)) resourceTypeId = 'order';
  else if (
    interfaceName === 'ShoppingListLineItemAddedMessage' ||
    interfaceName === 'ShoppingListLineItemRemovedMessage'
  )
    resourceTypeId = 'shopping-list';
  else
    resourceTypeId = actions[0]?.resource ?? requests[0]?.resource ?? resourceByName(type, pascalResources);
  if (/^Delete|\bdelet/i.test(doc) && /Deleted$/.test(type) && requests.length === 0)
    requests.push({ resource: resourceTypeId, method: 'DELETE', path: `/${PATHS[resourceTypeId]}/{id}` });
  if (/Created$/.test(type) && requests.length === 0 && resourceTypeId)
    requests.push({ resource: resourceTypeId, method: 'POST', path: `/${PATHS[resourceTypeId]}` });
  const properties = {};
  const required = [];
  for (const property of checker.getPropertiesOfType(member)) {
    const name = property.getName();
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    properties[name] = schemaOf(checker.getTypeOfSymbolAtLocation(property, declaration));
    if (!(property.flags & ts.SymbolFlags.Optional)) required.push(name);
  }
  // Token messages name their own reference type (`The resource property ... is a CustomerEmailTokenReference`).
  const referenceName = /`resource` property of the Message is an? \[?([A-Za-z]+Reference)/.exec(doc)?.[1];
  const referenceTypeId = referenceName
    ? checker.getDeclaredTypeOfSymbol(exported('customer.d.ts', referenceName)).getProperty('typeId')
    : undefined;
  const referenceLiteral = referenceTypeId && checker.getTypeOfSymbol(referenceTypeId);
  // `resource: Reference` in the SDK; its Reference union lacks some types (approval-flow,
  // approval-rule): the typeId each message carries is stated precisely instead.
  const resourceTypeIdOfMessage = referenceLiteral?.isStringLiteral()
    ? referenceLiteral.value
    : resourceTypeId;
  if (resourceTypeIdOfMessage) {
    properties.resource = {
      type: 'object',
      properties: { typeId: { const: resourceTypeIdOfMessage }, id: { type: 'string' } },
      required: ['typeId', 'id'],
    };
  }
  messages[type] = {
    resourceTypeId: resourceTypeId ?? null,
    ...(referenceLiteral?.isStringLiteral() ? { referenceTypeId: referenceLiteral.value } : {}),
    description: doc.split('\n')[0].replace(/\[([^\]]+)\]\([^)]*\)/g, '$1'),
    actions,
    requests,
    fields: Object.keys(properties).filter((f) => !BASE_FIELDS.has(f)),
    schema: { type: 'object', properties, required },
  };
}

const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => a.localeCompare(b)));
const catalogue = {
  $comment: `Generated by scripts/generate-message-catalogue.js from @commercetools/platform-sdk ${sdkVersion}; do not edit.`,
  sdkVersion,
  messages: sorted,
  definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
};
const text = `${JSON.stringify(catalogue)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(output, 'utf8');
  } catch {
    // missing
  }
  if (current !== text) {
    process.stderr.write(
      'schemas/messages.schema.json is stale: run node scripts/generate-message-catalogue.js\n',
    );
    process.exit(1);
  }
} else {
  writeFileSync(output, text);
  process.stdout.write(
    `${Object.keys(sorted).length} message types, ${Object.keys(definitions).length} definitions -> ${output}\n`,
  );
}
