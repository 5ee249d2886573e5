/**
 * Realistic, internally consistent sample resources for `connect trigger`: built by creating
 * them in the local API (quietly: no extension calls, no messages), so references resolve
 * and totals add up.
 */
import { randomUUID } from 'node:crypto';

import { ConnectError } from '../../errors.js';
import type { LocalApi } from '../platform/local-api.js';
import type { Resource } from '../platform/mock-internals.js';
import { resourcePath } from '../platform/resource-types.js';

/** The sample address every sampled resource uses (also message-samples.ts). */
export const address = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  streetName: 'Hauptstraße',
  streetNumber: '1',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
  email: 'ada@example.com',
};

async function product(api: LocalApi, suffix: string): Promise<Resource> {
  const productType = await api.create('product-type', {
    name: `sample-type-${suffix}`,
    description: 'sample',
  });
  return api.create('product', {
    key: `sample-product-${suffix}`,
    name: { en: 'Sample T-shirt' },
    slug: { en: `sample-t-shirt-${suffix}` },
    productType: { typeId: 'product-type', id: productType.id },
    masterVariant: {
      sku: `SKU-${suffix}`,
      prices: [{ value: { currencyCode: 'EUR', centAmount: 1999 }, country: 'DE' }],
    },
    publish: true,
  });
}

async function cart(api: LocalApi, suffix: string): Promise<Resource> {
  const item = await product(api, suffix);
  return api.create('cart', {
    key: `sample-cart-${suffix}`,
    currency: 'EUR',
    country: 'DE',
    customerEmail: address.email,
    shippingAddress: address,
    billingAddress: address,
    lineItems: [{ productId: item.id, variantId: 1, quantity: 2 }],
  });
}

const builders: Record<string, (api: LocalApi, suffix: string) => Promise<Resource>> = {
  cart,
  order: async (api, suffix) => {
    const base = await cart(api, suffix);
    return api.create('order', {
      cart: { typeId: 'cart', id: base.id },
      version: base.version,
      orderNumber: `ORD-${suffix}`,
    });
  },
  payment: (api, suffix) =>
    api.create('payment', {
      key: `sample-payment-${suffix}`,
      amountPlanned: { currencyCode: 'EUR', centAmount: 3998 },
      paymentMethodInfo: { paymentInterface: 'sample-psp', method: 'CREDIT_CARD' },
      transactions: [
        { type: 'Authorization', amount: { currencyCode: 'EUR', centAmount: 3998 }, state: 'Success' },
      ],
    }),
  customer: (api, suffix) =>
    api
      .create('customer', {
        key: `sample-customer-${suffix}`,
        email: `ada.${suffix}@example.com`,
        password: 'secret-123',
        firstName: 'Ada',
        lastName: 'Lovelace',
        addresses: [address],
      })
      .then((result) => ((result as { customer?: Resource }).customer ?? result) as Resource),
  'customer-group': (api, suffix) =>
    api.create('customer-group', { key: `sample-group-${suffix}`, groupName: 'VIP' }),
  'shopping-list': (api, suffix) =>
    api.create('shopping-list', { key: `sample-list-${suffix}`, name: { en: 'Wish list' } }),
  'business-unit': (api, suffix) =>
    api.create('business-unit', {
      key: `sample-bu-${suffix}`,
      name: 'Sample Company',
      unitType: 'Company',
      contactEmail: address.email,
    }),
  product,
};

export function hasSample(typeId: string): boolean {
  return typeId in builders;
}

/** Creates a sample resource of `typeId` in the local API and answers it as stored. */
export async function buildSample(api: LocalApi, typeId: string): Promise<Resource> {
  const build = builders[typeId];
  if (!build) {
    throw new ConnectError('NO_SAMPLE', `There is no built-in sample for "${typeId}".`, {
      hint: `pass --file with a ${typeId} as JSON`,
      exitCode: 2,
    });
  }
  const suffix = randomUUID().slice(0, 8);
  return api.quietly(() => build(api, suffix));
}

/** A sample and the same resource after a real update (for Update calls): [old, new]. */
export async function buildUpdatedSample(api: LocalApi, typeId: string): Promise<[Resource, Resource]> {
  const old = await buildSample(api, typeId);
  const path = resourcePath(typeId);
  const updated = await api.quietly(() =>
    api.request('POST', `/${path}/${old.id}`, {
      version: old.version,
      actions: [{ action: 'setKey', key: `${String(old.key ?? 'sample')}-updated` }],
    }),
  );
  if (updated.statusCode === 200) return [old, updated.body as Resource];
  return [old, { ...old, version: old.version + 1 }];
}
