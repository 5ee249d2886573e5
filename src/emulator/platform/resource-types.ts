/**
 * The commercetools resource types the local API knows, with the path segment of their
 * endpoint (`/{projectKey}/<path>`), used to create resources, build CloudEvents `source`
 * and map admin API calls.
 */
import { ConnectError } from '../../errors.js';

export const RESOURCE_PATHS: Readonly<Record<string, string>> = {
  'associate-role': 'associate-roles',
  'attribute-group': 'attribute-groups',
  'business-unit': 'business-units',
  cart: 'carts',
  'cart-discount': 'cart-discounts',
  category: 'categories',
  channel: 'channels',
  customer: 'customers',
  'customer-group': 'customer-groups',
  'discount-code': 'discount-codes',
  extension: 'extensions',
  'inventory-entry': 'inventory',
  'key-value-document': 'custom-objects',
  order: 'orders',
  payment: 'payments',
  'payment-method': 'payment-methods',
  product: 'products',
  'product-discount': 'product-discounts',
  'product-selection': 'product-selections',
  'product-type': 'product-types',
  quote: 'quotes',
  'quote-request': 'quote-requests',
  review: 'reviews',
  'shipping-method': 'shipping-methods',
  'shopping-list': 'shopping-lists',
  'staged-quote': 'staged-quotes',
  'standalone-price': 'standalone-prices',
  state: 'states',
  store: 'stores',
  subscription: 'subscriptions',
  'tax-category': 'tax-categories',
  type: 'types',
  zone: 'zones',
};

/** Resource types an API Extension may be triggered on (runtime.md). */
export const EXTENSION_RESOURCE_TYPES = [
  'cart',
  'order',
  'payment',
  'payment-method',
  'customer',
  'customer-group',
  'quote-request',
  'staged-quote',
  'quote',
  'business-unit',
  'shopping-list',
] as const;

export function resourcePath(typeId: string): string | undefined {
  return RESOURCE_PATHS[typeId];
}

/** Accepts a typeId (`cart`) or an endpoint name (`carts`) and answers the typeId. */
export function normalizeTypeId(value: string): string | undefined {
  if (value in RESOURCE_PATHS) return value;
  const entry = Object.entries(RESOURCE_PATHS).find(([, path]) => path === value);
  return entry?.[0];
}

/** The typeId `value` names (`cart` or `carts`) when API Extensions can be triggered on it. */
export function extensionTypeId(value: string): string | undefined {
  const typeId = normalizeTypeId(value);
  return typeId !== undefined && (EXTENSION_RESOURCE_TYPES as readonly string[]).includes(typeId)
    ? typeId
    : undefined;
}

/** The error of a create the local API refused (status >= 300), as LocalApi.create and the testing library report it. */
export function createRefused(
  typeIdOrPath: string,
  result: { statusCode: number; body: unknown },
): ConnectError {
  const message = (result.body as { message?: string } | undefined)?.message ?? `status ${result.statusCode}`;
  return new ConnectError(
    'PLATFORM_REQUEST_FAILED',
    `The local API refused to create a ${typeIdOrPath}: ${message}`,
    {
      hint: 'check the draft against the commercetools API reference',
      details: { statusCode: result.statusCode, body: result.body },
    },
  );
}
