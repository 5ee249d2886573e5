/**
 * A sample of any Message type the platform defines (`connect trigger event TYPE`), complete
 * and consistent with the local project: the resource the message is about is created in the
 * local API (quietly: no extension calls, no messages), so are the resources its fields refer to
 * (the `state` of a `ProductStateTransition`, the product of a `ProductSelectionProductAdded`),
 * and fields the platform fills from the resource are taken from it (`order` of `OrderCreated`,
 * `productProjection` of `ProductPublished`). Whatever the stored resource lacks of what the
 * platform's types require is filled from the message's schema (./catalogue.ts).
 */
import { randomUUID } from 'node:crypto';

import type { LocalApi } from '../platform/local-api.js';
import type { Resource } from '../platform/mock-internals.js';
import { resourcePath } from '../platform/resource-types.js';
import { address, buildSample, hasSample } from '../extensions/samples.js';
import { messageCatalogue, requireMessageType, type JsonSchema, type MessageTypeInfo } from './catalogue.js';
import { productProjection } from './projection.js';

export interface MessageSample {
  /** The typeId of `resource` (the resource itself, or a token for token messages). */
  typeId: string;
  resource: Resource;
  /** `type` and the message's own fields. */
  body: { type: string } & Record<string, unknown>;
}

/** The `type` of a State for messages about a resource type. */
const STATE_TYPES: Record<string, string> = {
  product: 'ProductState',
  order: 'OrderState',
  payment: 'PaymentState',
  review: 'ReviewState',
  quote: 'QuoteState',
  'quote-request': 'QuoteRequestState',
  'staged-quote': 'StagedQuoteState',
  'recurring-order': 'OrderState',
};

function camel(typeId: string): string {
  return typeId.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function pascal(typeId: string): string {
  const name = camel(typeId);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Where the completer finds the resources references point to. */
export interface ResourceSource {
  resource(typeId: string): Promise<Resource | null>;
}

/** Creates (quietly) and remembers the resources one sample needs, one per type. */
class SampleProject implements ResourceSource {
  private readonly made = new Map<string, Promise<Resource | null>>();
  readonly suffix = randomUUID().slice(0, 8);

  constructor(
    readonly api: LocalApi,
    /** The resource type the message is about (decides the State type). */
    readonly about: string,
  ) {}

  resource(typeId: string): Promise<Resource | null> {
    let made = this.made.get(typeId);
    if (!made) {
      made = this.build(typeId).catch(() => null);
      this.made.set(typeId, made);
    }
    return made;
  }

  private create(typeId: string, draft: unknown): Promise<Resource> {
    return this.api.quietly(() => this.api.create(typeId, draft));
  }

  private async build(typeId: string): Promise<Resource | null> {
    const s = this.suffix;
    if (hasSample(typeId)) return buildSample(this.api, typeId);
    const ref = async (of: string) => {
      const found = await this.resource(of);
      return found ? { typeId: of, id: found.id } : undefined;
    };
    switch (typeId) {
      case 'state':
        return this.create('state', {
          key: `sample-state-${s}`,
          type: STATE_TYPES[this.about] ?? 'LineItemState',
          name: { en: 'Sample state' },
          initial: false,
        });
      case 'store':
        return this.create('store', {
          key: `sample-store-${s}`,
          name: { en: 'Sample store' },
          languages: ['en'],
          countries: [{ code: 'DE' }],
        });
      case 'product-selection': {
        const selection = await this.create('product-selection', {
          key: `sample-selection-${s}`,
          name: { en: 'Sample selection' },
          mode: 'Individual',
        });
        const product = await this.resource('product');
        if (!product) return selection;
        const updated = await this.api.quietly(() =>
          this.api.request('POST', `/product-selections/${selection.id}`, {
            version: selection.version,
            actions: [{ action: 'addProduct', product: { typeId: 'product', id: product.id } }],
          }),
        );
        return updated.statusCode === 200 ? (updated.body as Resource) : selection;
      }
      case 'category':
        return this.create('category', {
          key: `sample-category-${s}`,
          name: { en: 'Sample category' },
          slug: { en: `sample-category-${s}` },
        });
      case 'channel':
        return this.create('channel', { key: `sample-channel-${s}`, roles: ['InventorySupply'] });
      case 'review':
        return this.create('review', {
          key: `sample-review-${s}`,
          authorName: 'Ada',
          title: 'Great',
          text: 'Fits well.',
          rating: 5,
          target: await ref('product'),
        });
      case 'inventory-entry':
        return this.create('inventory-entry', {
          key: `sample-inventory-${s}`,
          sku: `SKU-${s}`,
          quantityOnStock: 10,
        });
      case 'cart-discount':
        return this.create('cart-discount', {
          key: `sample-cart-discount-${s}`,
          name: { en: '10% off' },
          value: { type: 'relative', permyriad: 1000 },
          cartPredicate: 'true',
          target: { type: 'lineItems', predicate: 'true' },
          sortOrder: `0.${Math.floor(Math.random() * 1e8) + 1}`,
          requiresDiscountCode: true,
        });
      case 'discount-code':
        return this.create('discount-code', {
          key: `sample-code-${s}`,
          code: `SAVE-${s}`,
          cartDiscounts: [await ref('cart-discount')],
        });
      case 'standalone-price':
        return this.create('standalone-price', {
          key: `sample-price-${s}`,
          sku: `SKU-${s}`,
          value: { currencyCode: 'EUR', centAmount: 1999 },
        });
      case 'tax-category':
        return this.create('tax-category', { key: `sample-tax-${s}`, name: 'Standard', rates: [] });
      case 'zone':
        return this.create('zone', {
          key: `sample-zone-${s}`,
          name: 'Germany',
          locations: [{ country: 'DE' }],
        });
      case 'type':
        return this.create('type', {
          key: `sample-type-${s}`,
          name: { en: 'Sample type' },
          resourceTypeIds: ['order'],
          fieldDefinitions: [
            {
              name: 'note',
              label: { en: 'Note' },
              required: false,
              type: { name: 'String' },
              inputHint: 'SingleLine',
            },
          ],
        });
      case 'associate-role':
        return this.create('associate-role', {
          key: `sample-role-${s}`,
          name: 'Buyer',
          buyerAssignable: true,
          permissions: ['CreateMyCarts'],
        });
      case 'attribute-group':
        return this.create('attribute-group', {
          key: `sample-attributes-${s}`,
          name: { en: 'Sizes' },
          attributes: [],
        });
      case 'shipping-method':
        return this.create('shipping-method', {
          key: `sample-shipping-${s}`,
          name: 'Standard',
          taxCategory: await ref('tax-category'),
          zoneRates: [],
          isDefault: false,
        });
      case 'product-type':
        return this.create('product-type', {
          key: `sample-product-type-${s}`,
          name: `Sample ${s}`,
          description: 'sample',
        });
      case 'quote-request': {
        const cart = await this.resource('cart');
        const customer = await this.resource('customer');
        if (!cart) return null;
        if (customer) {
          await this.api.quietly(() =>
            this.api.request('POST', `/carts/${cart.id}`, {
              version: cart.version,
              actions: [{ action: 'setCustomerId', customerId: customer.id }],
            }),
          );
        }
        const current = await this.api.get('cart', cart.id);
        return this.create('quote-request', {
          cart: { typeId: 'cart', id: cart.id },
          cartVersion: current?.version ?? cart.version,
          comment: 'Sample quote request',
        });
      }
      case 'staged-quote': {
        const request = await this.resource('quote-request');
        if (!request) return null;
        return this.create('staged-quote', {
          quoteRequest: { typeId: 'quote-request', id: request.id },
          quoteRequestVersion: request.version,
        });
      }
      case 'quote': {
        const staged = await this.resource('staged-quote');
        if (!staged) return null;
        return this.create('quote', {
          stagedQuote: { typeId: 'staged-quote', id: staged.id },
          stagedQuoteVersion: staged.version,
        });
      }
      case 'product-tailoring':
        return this.create('product-tailoring', {
          key: `sample-tailoring-${s}`,
          product: await ref('product'),
          store: await ref('store'),
          name: { en: 'Tailored T-shirt' },
        });
      case 'discount-group':
        return this.create('discount-group', {
          key: `sample-group-${s}`,
          sortOrder: `0.${s.replace(/\D/g, '') || '5'}1`,
        });
      default:
        return null;
    }
  }
}

type Definitions = Record<string, JsonSchema>;

/** Fills what a value lacks of what `schema` requires; builds the value when there is none. */
export class Completer {
  constructor(
    private readonly project: ResourceSource,
    private readonly definitions: Definitions,
    private readonly subject: { typeId: string; resource: Resource },
  ) {}

  private resolve(schema: JsonSchema): { schema: JsonSchema; name?: string } {
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/definitions/', '');
      return { schema: this.definitions[name] ?? {}, name };
    }
    return { schema };
  }

  async complete(schema: JsonSchema, value: unknown, field: string, depth = 0): Promise<unknown> {
    const { schema: resolved, name } = this.resolve(schema);
    if (value === undefined || value === null) return this.build(resolved, name, field, depth);
    if (Array.isArray(resolved.anyOf)) {
      const option = this.choose(resolved.anyOf as JsonSchema[], value);
      return option ? this.complete(option, value, field, depth) : value;
    }
    if (resolved.type === 'array' && Array.isArray(value)) {
      const items = (resolved.items as JsonSchema | undefined) ?? {};
      return Promise.all(value.map((item) => this.complete(items, item, field, depth + 1)));
    }
    if (resolved.type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
      const properties = (resolved.properties as Record<string, JsonSchema> | undefined) ?? {};
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const required of (resolved.required as string[] | undefined) ?? []) {
        out[required] = await this.complete(properties[required] ?? {}, out[required], required, depth + 1);
      }
      for (const [key, child] of Object.entries(out)) {
        if (child === null) delete out[key];
        else if (properties[key] && !(resolved.required as string[] | undefined)?.includes(key))
          out[key] = await this.complete(properties[key], child, key, depth + 1);
      }
      return out;
    }
    return value;
  }

  /** The anyOf option a value belongs to: the one whose `typeId`/`type`/`action` constant it carries. */
  private choose(options: JsonSchema[], value: unknown): JsonSchema | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    for (const option of options) {
      const { schema } = this.resolve(option);
      const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
      const discriminator = ['typeId', 'type', 'action'].find((k) => properties[k]?.const !== undefined);
      if (discriminator && properties[discriminator]?.const === record[discriminator]) return option;
    }
    return options[0];
  }

  private async build(
    schema: JsonSchema,
    name: string | undefined,
    field: string,
    depth: number,
  ): Promise<unknown> {
    if (name) {
      const special = await this.named(name, schema);
      if (special !== undefined) return special;
    }
    if (schema.const !== undefined) return schema.const;
    if (Array.isArray(schema.enum)) return schema.enum[0];
    if (Array.isArray(schema.anyOf)) {
      const options = schema.anyOf as JsonSchema[];
      const preferred = this.preferredOption(options) ?? options[0] ?? {};
      return this.complete(preferred, undefined, field, depth);
    }
    switch (schema.type) {
      case 'string': {
        const owner = /^([a-z][A-Za-z]*)Id$/.exec(field)?.[1];
        const typeId = owner?.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
        if (typeId && resourcePath(typeId)) {
          const found =
            typeId === this.subject.typeId ? this.subject.resource : await this.project.resource(typeId);
          if (found) return found.id;
        }
        return sampleString(field);
      }
      case 'number':
        return /centAmount/i.test(field) ? 1999 : /fractionDigits/.test(field) ? 2 : 1;
      case 'boolean':
        return false;
      case 'null':
        return null;
      case 'array':
        return depth > 4
          ? []
          : [await this.complete((schema.items as JsonSchema) ?? {}, undefined, field, depth + 1)];
      case 'object': {
        if (depth > 8) return {};
        const out: Record<string, unknown> = {};
        const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
        for (const required of (schema.required as string[] | undefined) ?? []) {
          out[required] = await this.complete(properties[required] ?? {}, undefined, required, depth + 1);
        }
        if (schema.additionalProperties && Object.keys(properties).length === 0 && field !== 'fields') {
          const inner = schema.additionalProperties as JsonSchema;
          if (this.resolve(inner).schema.type === 'string') out.en = 'Sample';
        }
        return out;
      }
      default:
        return {};
    }
  }

  /** For a union (a Reference, a resource or its draft): the option about the message's own resource. */
  private preferredOption(options: JsonSchema[]): JsonSchema | undefined {
    const own = pascal(this.subject.typeId);
    return options.find((o) => {
      const ref = typeof o.$ref === 'string' ? o.$ref.replace('#/definitions/', '') : '';
      return ref === own || ref === `${own}Reference`;
    });
  }

  /** Values of named types built from the local project. */
  private async named(name: string, schema: JsonSchema): Promise<unknown> {
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    const typeIdConst = properties.typeId?.const;
    if (/Reference$/.test(name) && typeof typeIdConst === 'string') {
      const target =
        typeIdConst === this.subject.typeId
          ? this.subject.resource
          : await this.project.resource(typeIdConst);
      if (name.endsWith('KeyReference')) {
        return { typeId: typeIdConst, key: String(target?.key ?? `sample-${typeIdConst}`) };
      }
      return { typeId: typeIdConst, id: target?.id ?? randomUUID() };
    }
    if (name === 'LocalizedString') return { en: 'Sample' };
    if (name === 'TypedMoney' || name === 'CentPrecisionMoney' || name === 'Money') {
      return { type: 'centPrecision', currencyCode: 'EUR', centAmount: 1999, fractionDigits: 2 };
    }
    if (name === 'Address' || name === 'BaseAddress') return { id: randomUUID().slice(0, 8), ...address };
    if (name === 'ProductProjection') {
      const product = await this.project.resource('product');
      if (product)
        return this.complete(schema, productProjection(product, 'current'), 'productProjection', 1);
    }
    // A resource type of the project: the stored one, completed.
    const typeId = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    if (resourcePath(typeId) || typeId === 'product-selection') {
      const resource =
        typeId === this.subject.typeId ? this.subject.resource : await this.project.resource(typeId);
      if (resource) return this.complete(schema, resource, camel(typeId), 1);
    }
    return undefined;
  }
}

function sampleString(field: string): string {
  if (/At$|From$|Until$|^date|Date$|expires/i.test(field)) return new Date().toISOString();
  if (/^(id|.*Id)$/.test(field)) return randomUUID();
  if (/currency/i.test(field)) return 'EUR';
  if (/country/i.test(field)) return 'DE';
  if (/email/i.test(field)) return 'ada@example.com';
  if (/locale|language/i.test(field)) return 'en';
  if (/key$/i.test(field)) return 'sample-key';
  if (/sku/i.test(field)) return 'SKU-1';
  if (/name/i.test(field)) return 'Sample';
  return 'sample';
}

/** Moves the resource into a State through the API when the message is a state transition. */
async function transitioned(project: SampleProject, typeId: string, resource: Resource): Promise<Resource> {
  const state = await project.resource('state');
  const path = resourcePath(typeId);
  if (!state || !path) return resource;
  const result = await project.api.quietly(() =>
    project.api.request('POST', `/${path}/${resource.id}`, {
      version: resource.version,
      actions: [{ action: 'transitionState', state: { typeId: 'state', id: state.id }, force: true }],
    }),
  );
  return result.statusCode === 200 ? (result.body as Resource) : resource;
}

/** Builds a complete, schema-valid sample of message `type` from the local project. */
export async function sampleMessage(api: LocalApi, type: string): Promise<MessageSample> {
  const info: MessageTypeInfo = requireMessageType(type);
  const typeId = info.resourceTypeId ?? 'order';
  const project = new SampleProject(api, typeId);
  let resource =
    (await project.resource(typeId)) ??
    ({ id: randomUUID(), version: 1, key: `sample-${typeId}-${project.suffix}` } as Resource);
  if (/StateTransition$/.test(type) && typeId !== 'order')
    resource = await transitioned(project, typeId, resource);
  const catalogue = messageCatalogue();
  const completer = new Completer(project, catalogue.definitions, { typeId, resource });
  const body: MessageSample['body'] = { type };
  const own = camel(typeId);
  for (const field of info.fields) {
    const schema = info.schema.properties[field] ?? {};
    const required = info.schema.required.includes(field);
    let candidate: unknown;
    if (field === own) candidate = resource;
    else if (field === 'productProjection' && typeId === 'product')
      candidate = productProjection(resource, type === 'ProductCreated' ? 'staged' : 'current');
    else if (field === 'currentProjection' && typeId === 'product')
      candidate = productProjection(resource, 'current');
    else candidate = resource[field];
    if (candidate === undefined && !required) continue;
    const value = await completer.complete(schema, candidate, field);
    if (value !== undefined) body[field] = value;
  }
  if (info.referenceTypeId) {
    // Token messages: the token is created for the sample customer, through the API.
    const customer = resource;
    const request =
      info.referenceTypeId === 'customer-password-token'
        ? { path: '/customers/password-token', body: { email: customer.email } }
        : { path: '/customers/email-token', body: { id: customer.id, ttlMinutes: 60 } };
    const answer = await api.quietly(() => api.request('POST', request.path, request.body));
    const token = answer.statusCode === 200 ? (answer.body as Record<string, unknown>) : {};
    for (const field of info.fields) if (token[field] !== undefined) body[field] = token[field];
    const id = typeof token.id === 'string' ? token.id : randomUUID();
    return { typeId: info.referenceTypeId, resource: { id, version: 1 }, body };
  }
  return { typeId, resource, body };
}
