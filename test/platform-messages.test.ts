/**
 * Every Message over real HTTP: a sample of each of the platform's Message types passes the
 * schema derived from @commercetools/platform-sdk and is consistent with the local project;
 * update actions, creates and customer requests emit the platform's messages (with createdBy);
 * an unknown type is refused with the nearest names; a route the emulation lacks answers the
 * platform's 404 and is logged; in-store product-selection endpoints; SNS payload limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkMessage, messageTypes } from '../src/emulator/events/catalogue.js';
import type { Message } from '../src/emulator/events/messages.js';
import { sampleMessage } from '../src/emulator/events/message-samples.js';
import { EmulatedPlatform, TRIGGER_CLIENT_ID } from '../src/emulator/platform/emulated-platform.js';
import { isConnectError } from '../src/errors.js';
import { apiClient, eventually, startApp, type TestApp } from './platform-helpers.js';

type Client = Awaited<ReturnType<typeof apiClient>>;

async function messagesOf(client: Client, where: string): Promise<Message[]> {
  const answer = await client.get(`/messages?limit=500&where=${encodeURIComponent(where)}`);
  return answer.body.results as Message[];
}

describe('every Message type', () => {
  let platform: EmulatedPlatform;
  let client: Client;
  let events: TestApp;
  const warnings: string[] = [];

  beforeAll(async () => {
    events = await startApp('/events', () => ({ status: 204 }));
    platform = await EmulatedPlatform.start({
      apps: () => [{ name: 'events', type: 'event', url: events.url }],
      warn: (text) => warnings.push(text),
    });
    client = await apiClient(platform.info());
  });
  afterAll(async () => {
    await platform.stop();
    await events.close();
  });

  it('samples every Message type the platform defines, each passing the schema of its type', async () => {
    const types = messageTypes();
    expect(types.length).toBeGreaterThan(300);
    const failures: string[] = [];
    for (const type of types) {
      const sample = await sampleMessage(platform.api, type);
      const message = platform.api.messages.create(
        sample.typeId,
        sample.resource,
        sample.body,
        TRIGGER_CLIENT_ID,
      );
      const problems = await checkMessage(message);
      if (problems.length > 0) failures.push(`${type}: ${JSON.stringify(problems.slice(0, 2))}`);
    }
    expect(failures).toEqual([]);
    // The schema check is not vacuous: the stub the issue reports fails it.
    const sample = await sampleMessage(platform.api, 'ProductStateTransition');
    const valid = platform.api.messages.create(
      sample.typeId,
      sample.resource,
      sample.body,
      TRIGGER_CLIENT_ID,
    );
    const { state: _state, ...withoutState } = valid;
    expect(await checkMessage(withoutState)).toEqual([
      { path: '/', message: "must have required property 'state'" },
    ]);
  }, 120_000);

  it('makes samples consistent with the local project', async () => {
    const transition = await sampleMessage(platform.api, 'ProductStateTransition');
    const state = transition.body.state as { typeId: string; id: string };
    expect(state.typeId).toBe('state');
    expect((await client.get(`/states/${state.id}`)).status).toBe(200);
    expect((await client.get(`/products/${transition.resource.id}`)).body.state).toEqual(state);

    const added = await sampleMessage(platform.api, 'ProductSelectionProductAdded');
    expect(added.typeId).toBe('product-selection');
    const product = added.body.product as { typeId: string; id: string };
    const assigned = await client.get(`/product-selections/${added.resource.id}/products`);
    expect(assigned.body.results.map((r: { product: { id: string } }) => r.product.id)).toContain(product.id);

    const published = await sampleMessage(platform.api, 'ProductPublished');
    expect(published.body.productProjection).toMatchObject({ id: published.resource.id, published: true });

    const store = await sampleMessage(platform.api, 'StoreCreated');
    expect(store.typeId).toBe('store');
    expect((await client.get(`/stores/${store.resource.id}`)).body.key).toBe(store.resource.key);

    const token = await sampleMessage(platform.api, 'CustomerPasswordTokenCreated');
    expect(token.typeId).toBe('customer-password-token');
    expect((await client.get(`/customers/${String(token.body.customerId)}`)).status).toBe(200);
  });

  it('publishes any type to an event app with a trigger client as createdBy, and refuses an unknown one with the nearest names', async () => {
    const delivery = await platform.publish('events', { type: 'StoreCreated' });
    expect(delivery.state).toBe('acked');
    expect(delivery.payload).toMatchObject({
      type: 'StoreCreated',
      resource: { typeId: 'store' },
      createdBy: { clientId: TRIGGER_CLIENT_ID },
    });
    const refused = await platform
      .publish('events', { type: 'OrderCreate' })
      .catch((error: unknown) => error);
    expect(isConnectError(refused) && refused.code).toBe('UNKNOWN_MESSAGE_TYPE');
    expect(isConnectError(refused) && refused.hint).toContain('did you mean OrderCreated');
  });

  it('emits the messages of update actions, creates and customer requests, with createdBy', async () => {
    const { clientId } = platform.info();
    const type = (await client.post('/product-types', { name: 'shirts', description: 'x' })).body;
    let product = (
      await client.post('/products', {
        key: 'shirt',
        name: { en: 'Shirt' },
        slug: { en: 'shirt' },
        productType: { typeId: 'product-type', id: type.id },
        masterVariant: { sku: 'SHIRT-1' },
      })
    ).body;
    const state = (await client.post('/states', { key: 'approved', type: 'ProductState' })).body;
    const updated = await client.post(`/products/${product.id}`, {
      version: product.version,
      actions: [
        { action: 'transitionState', state: { typeId: 'state', key: 'approved' } },
        { action: 'changeSlug', slug: { en: 'shirt-2' } },
        { action: 'publish' },
      ],
    });
    expect(updated.status).toBe(200);
    product = updated.body;
    const productMessages = await messagesOf(client, `resource(id="${product.id}")`);
    expect(productMessages.map((m) => m.type)).toEqual([
      'ProductCreated',
      'ProductStateTransition',
      'ProductSlugChanged',
      'ProductPublished',
    ]);
    expect(productMessages[1]).toMatchObject({
      state: { typeId: 'state', id: state.id },
      force: false,
      createdBy: { clientId, isPlatformClient: false },
      lastModifiedBy: { clientId },
    });
    expect(productMessages[2]).toMatchObject({ slug: { en: 'shirt-2' }, oldSlug: { en: 'shirt' } });

    const customer = (
      await client.post('/customers', { email: 'ada@example.com', password: 'secret-1', firstName: 'A' })
    ).body.customer;
    await client.post('/types', {
      key: 'customer-extra',
      name: { en: 'Extra' },
      resourceTypeIds: ['customer'],
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
    const customerUpdate = await client.post(`/customers/${customer.id}`, {
      version: customer.version,
      actions: [
        { action: 'setCustomType', type: { typeId: 'type', key: 'customer-extra' } },
        { action: 'setCustomField', name: 'note', value: 'one' },
        { action: 'setCustomField', name: 'note', value: 'two' },
        { action: 'setCustomField', name: 'note', value: null },
        { action: 'addAddress', address: { key: 'home', country: 'DE', city: 'Berlin' } },
      ],
    });
    expect(customerUpdate.status).toBe(200);
    const token = await client.post('/customers/password-token', { email: 'ada@example.com' });
    expect(token.status).toBe(200);
    expect(
      (
        await client.post('/customers/password/reset', {
          tokenValue: token.body.value,
          newPassword: 'secret-2',
        })
      ).status,
    ).toBe(200);
    const current = (await client.get(`/customers/${customer.id}`)).body;
    const changed = await client.post('/customers/password', {
      id: customer.id,
      version: current.version,
      currentPassword: 'secret-2',
      newPassword: 'secret-3',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.password).toBeUndefined();
    const wrong = await client.post('/customers/password', {
      id: customer.id,
      version: changed.body.version,
      currentPassword: 'nope',
      newPassword: 'x',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].code).toBe('InvalidCurrentPassword');

    const customerMessages = await messagesOf(client, `resource(id="${customer.id}")`);
    expect(customerMessages.map((m) => m.type)).toEqual([
      'CustomerCreated',
      'CustomerCustomTypeSet',
      'CustomerCustomFieldAdded',
      'CustomerCustomFieldChanged',
      'CustomerCustomFieldRemoved',
      'CustomerAddressAdded',
      'CustomerPasswordUpdated',
      'CustomerPasswordUpdated',
    ]);
    expect(customerMessages[3]).toMatchObject({ name: 'note', value: 'two', previousValue: 'one' });
    expect(customerMessages[5]).toMatchObject({ address: { key: 'home', city: 'Berlin' } });
    expect(customerMessages.slice(6).map((m) => m.reset)).toEqual([true, false]);
    const [tokenMessage] = await messagesOf(client, `resource(id="${String(token.body.id)}")`);
    expect(tokenMessage).toMatchObject({
      resource: { typeId: 'customer-password-token', id: token.body.id },
      customerId: customer.id,
      expiresAt: token.body.expiresAt,
      createdBy: { clientId },
    });

    const selection = (await client.post('/product-selections', { key: 'summer', name: { en: 'Summer' } }))
      .body;
    const add = await client.post(`/product-selections/${selection.id}`, {
      version: selection.version,
      actions: [{ action: 'addProduct', product: { typeId: 'product', key: 'shirt' } }],
    });
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({ productCount: 1, version: selection.version + 1 });
    const storeAnswer = await client.post('/stores', {
      key: 'berlin',
      name: { en: 'Berlin' },
      languages: ['en'],
    });
    const selectionMessages = await messagesOf(client, `resource(id="${selection.id}")`);
    expect(selectionMessages.map((m) => m.type)).toEqual([
      'ProductSelectionCreated',
      'ProductSelectionProductAdded',
    ]);
    expect(selectionMessages[1]).toMatchObject({ product: { typeId: 'product', id: product.id } });
    expect(JSON.stringify(selectionMessages)).not.toContain('__connect');
    const [storeCreated] = await messagesOf(client, `resource(id="${storeAnswer.body.id}")`);
    expect(storeCreated).toMatchObject({ type: 'StoreCreated', name: { en: 'Berlin' }, languages: ['en'] });

    const all = (await client.get('/messages?limit=500')).body.results as Message[];
    const invalid: string[] = [];
    for (const message of all) {
      const problems = await checkMessage(message);
      if (problems.length > 0) invalid.push(`${message.type}: ${JSON.stringify(problems[0])}`);
    }
    expect(invalid).toEqual([]);
  });

  it('delivers token messages to subscriptions of the token resource type, as connectors subscribe them', async () => {
    await client.post('/subscriptions', {
      key: 'tokens',
      destination: { type: 'GoogleCloudPubSub', projectId: 'connect-dev', topic: 'connect-dev-events' },
      messages: [{ resourceTypeId: 'customer-password-token', types: ['CustomerPasswordTokenCreated'] }],
    });
    await client.post('/customers', { email: 'grace@example.com', password: 'secret-1' });
    const before = events.received.length;
    const token = await client.post('/customers/password-token', { email: 'grace@example.com' });
    const push = await eventually(() =>
      events.received.slice(before).find((r) => {
        const data = (r.body as { message?: { data?: string } }).message?.data;
        return data && Buffer.from(data, 'base64').toString('utf8').includes('CustomerPasswordTokenCreated');
      }),
    );
    const data = JSON.parse(
      Buffer.from((push.body as { message: { data: string } }).message.data, 'base64').toString('utf8'),
    ) as Record<string, unknown>;
    expect(data).toMatchObject({
      notificationType: 'Message',
      type: 'CustomerPasswordTokenCreated',
      resource: { typeId: 'customer-password-token', id: token.body.id },
    });
  });

  it("answers a route the emulation lacks with the platform's 404 and logs it", async () => {
    const answer = await client.get('/no-such-endpoint?limit=1');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      statusCode: 404,
      message: `The endpoint GET /${platform.info().projectKey}/no-such-endpoint was not found.`,
      errors: [
        {
          code: 'ResourceNotFound',
          message: `The endpoint GET /${platform.info().projectKey}/no-such-endpoint was not found.`,
        },
      ],
    });
    expect(
      warnings.some((w) => w.includes(`no route GET /${platform.info().projectKey}/no-such-endpoint`)),
    ).toBe(true);
  });
});

describe('in-store and product-selection endpoints', () => {
  let platform: EmulatedPlatform;
  let client: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await EmulatedPlatform.start({ apps: () => [] });
    client = await apiClient(platform.info());
    const type = (await client.post('/product-types', { name: 't', description: 't' })).body;
    for (const key of ['a', 'b', 'c']) {
      const product = await client.post('/products', {
        key,
        name: { en: key },
        slug: { en: key },
        productType: { typeId: 'product-type', id: type.id },
        masterVariant: { sku: `SKU-${key}` },
      });
      ids[key] = product.body.id;
    }
    const individual = (await client.post('/product-selections', { key: 'individual', name: { en: 'I' } }))
      .body;
    await client.post(`/product-selections/${individual.id}`, {
      version: individual.version,
      actions: [
        {
          action: 'addProduct',
          product: { typeId: 'product', key: 'a' },
          variantSelection: { type: 'includeOnly', skus: ['SKU-a'] },
        },
      ],
    });
    const exclusion = (
      await client.post('/product-selections', {
        key: 'exclusion',
        name: { en: 'E' },
        mode: 'IndividualExclusion',
      })
    ).body;
    expect(exclusion.mode).toBe('IndividualExclusion');
    await client.post(`/product-selections/${exclusion.id}`, {
      version: exclusion.version,
      actions: [{ action: 'excludeProduct', product: { typeId: 'product', key: 'b' } }],
    });
    const inactive = (await client.post('/product-selections', { key: 'inactive', name: { en: 'X' } })).body;
    await client.post(`/product-selections/${inactive.id}`, {
      version: inactive.version,
      actions: [{ action: 'addProduct', product: { typeId: 'product', key: 'b' } }],
    });
    ids.individual = individual.id;
    ids.exclusion = exclusion.id;
    ids.inactive = inactive.id;
    const store = await client.post('/stores', {
      key: 'berlin',
      name: { en: 'Berlin' },
      productSelections: [
        { productSelection: { typeId: 'product-selection', key: 'individual' }, active: true },
      ],
    });
    expect(store.status).toBe(201);
    let version = store.body.version as number;
    for (const action of [
      {
        action: 'addProductSelection',
        productSelection: { typeId: 'product-selection', key: 'exclusion' },
        active: true,
      },
      { action: 'addProductSelection', productSelection: { typeId: 'product-selection', key: 'inactive' } },
    ]) {
      const answer = await client.post(`/stores/${store.body.id}`, { version, actions: [action] });
      expect(answer.status).toBe(200);
      version = answer.body.version;
    }
  });
  afterAll(async () => {
    await platform.stop();
  });

  it('lists the assignments of the active selections of a store', async () => {
    const answer = await client.get('/in-store/key=berlin/product-selection-assignments');
    expect(answer.status).toBe(200);
    const pairs = (
      answer.body.results as Array<{ product: { id: string }; productSelection: { id: string } }>
    ).map((r) => `${r.productSelection.id}:${r.product.id}`);
    // individual: a; exclusion: every product but b; inactive: nothing.
    expect(pairs.sort()).toEqual(
      [`${ids.individual}:${ids.a}`, `${ids.exclusion}:${ids.a}`, `${ids.exclusion}:${ids.c}`].sort(),
    );
    expect(answer.body).toMatchObject({ limit: 20, offset: 0, count: 3, total: 3 });
    expect(
      answer.body.results.find(
        (r: { productSelection: { id: string } }) => r.productSelection.id === ids.individual,
      ),
    ).toMatchObject({ variantSelection: { type: 'includeOnly', skus: ['SKU-a'] } });
    const paged = await client.get(
      '/in-store/key=berlin/product-selection-assignments?limit=1&offset=1&expand=product',
    );
    expect(paged.body).toMatchObject({ limit: 1, offset: 1, count: 1, total: 3 });
    expect(paged.body.results[0].product.obj.id).toBe(paged.body.results[0].product.id);
  });

  it('answers the products of a selection and the selections of a product', async () => {
    const products = await client.get('/product-selections/key=individual/products');
    expect(products.body.results).toEqual([
      {
        product: { typeId: 'product', id: ids.a },
        variantSelection: { type: 'includeOnly', skus: ['SKU-a'] },
      },
    ]);
    const selections = await client.get(`/products/${ids.b}/product-selections`);
    expect(
      selections.body.results.map((r: { productSelection: { id: string } }) => r.productSelection.id),
    ).toEqual([ids.inactive]);
    const selection = await client.get(`/product-selections/${ids.individual}`);
    expect(Object.keys(selection.body).some((k) => k.startsWith('__'))).toBe(false);
    expect(selection.body.productCount).toBe(1);
  });

  it("answers the platform's 404 for an unknown store", async () => {
    const answer = await client.get('/in-store/key=nowhere/product-selection-assignments');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      statusCode: 404,
      message: "The Store with key 'nowhere' was not found.",
      errors: [{ code: 'ResourceNotFound', message: "The Store with key 'nowhere' was not found." }],
    });
  });
});

describe('SNS delivery and payload limits', () => {
  let platform: EmulatedPlatform;
  let client: Client;
  let events: TestApp;

  beforeAll(async () => {
    events = await startApp('/events', () => ({ status: 200 }));
    platform = await EmulatedPlatform.start({
      apps: () => [{ name: 'events', type: 'event', url: events.url }],
      deployment: { provider: 'AWS', region: 'us-east-2.aws' },
    });
    client = await apiClient(platform.info());
  });
  afterAll(async () => {
    await platform.stop();
    await events.close();
  });

  it('delivers to an SNS subscription of the app topic, leaving out payloads over 256 KiB', async () => {
    const env = platform.env({ name: 'events', type: 'event' });
    expect(env).toMatchObject({
      CONNECT_PROVIDER: 'AWS',
      CONNECT_SUBSCRIPTION_DESTINATION: 'SNS',
      CONNECT_AWS_TOPIC_ARN: 'arn:aws:sns:us-east-2:000000000000:connect-dev-events',
      CTP_REGION: 'us-east-2.aws',
    });
    await client.post('/subscriptions', {
      destination: { type: 'SNS', topicArn: env.CONNECT_AWS_TOPIC_ARN, authenticationMode: 'IAM' },
      messages: [{ resourceTypeId: 'order', types: [] }],
    });
    const small = await platform.publish('events', {
      type: 'OrderCreated',
      payload: {
        type: 'OrderCreated',
        resource: { typeId: 'order', id: 'o-1' },
        order: { id: 'o-1', note: 'x' },
      },
    });
    expect(small.state).toBe('acked');
    expect(small.transport).toEqual({ type: 'SNS', topicArn: env.CONNECT_AWS_TOPIC_ARN });
    const large = await platform.publish('events', {
      type: 'OrderCreated',
      payload: {
        type: 'OrderCreated',
        resource: { typeId: 'order', id: 'o-2' },
        order: { id: 'o-2', note: 'x'.repeat(300 * 1024) },
      },
    });
    expect(large.state).toBe('acked');
    const bodies = events.received
      .filter((r) => r.headers['x-amz-sns-message-type'] === 'Notification')
      .map((r) => JSON.parse((r.body as { Message: string }).Message) as Record<string, unknown>);
    const first = bodies.find((b) => (b.resource as { id: string }).id === 'o-1');
    const second = bodies.find((b) => (b.resource as { id: string }).id === 'o-2');
    expect(first).toMatchObject({ type: 'OrderCreated', order: { id: 'o-1' } });
    expect(first?.payloadNotIncluded).toBeUndefined();
    expect(second).toMatchObject({
      notificationType: 'Message',
      type: 'OrderCreated',
      resource: { typeId: 'order', id: 'o-2' },
      payloadNotIncluded: { reason: expect.stringContaining('exceeds'), payloadType: 'Message' },
    });
    expect(second?.order).toBeUndefined();
  });
});

describe('messages of an extension’s update actions', () => {
  let platform: EmulatedPlatform;
  let client: Client;
  let service: TestApp;

  beforeAll(async () => {
    service = await startApp('/service', () => ({
      status: 200,
      body: { actions: [{ action: 'setFirstName', firstName: 'Set-by-extension' }] },
    }));
    platform = await EmulatedPlatform.start({
      apps: () => [{ name: 'service', type: 'service', url: service.url }],
      extensions: [
        { application: 'service', triggers: [{ resourceTypeId: 'customer', actions: ['Update'] }] },
      ],
    });
    client = await apiClient(platform.info());
  });
  afterAll(async () => {
    await platform.stop();
    await service.close();
  });

  it('emits them after those of the client’s actions, as the platform does', async () => {
    const customer = (await client.post('/customers', { email: 'ext@example.com', password: 'secret-1' }))
      .body.customer;
    const updated = await client.post(`/customers/${customer.id}`, {
      version: customer.version,
      actions: [{ action: 'setLastName', lastName: 'Lovelace' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.firstName).toBe('Set-by-extension');
    const messages = await messagesOf(client, `resource(id="${customer.id}")`);
    expect(messages.map((m) => m.type)).toEqual([
      'CustomerCreated',
      'CustomerLastNameSet',
      'CustomerFirstNameSet',
    ]);
    expect(messages[2]).toMatchObject({ firstName: 'Set-by-extension' });
  });
});

describe('messages of update actions across resource types', () => {
  let platform: EmulatedPlatform;
  let client: Client;

  beforeAll(async () => {
    platform = await EmulatedPlatform.start({ apps: () => [] });
    client = await apiClient(platform.info());
  });
  afterAll(async () => {
    await platform.stop();
  });

  // [a message whose sample creates the resource, its endpoint, an update action, the message it emits]
  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['StoreCreated', 'stores', { action: 'setName', name: { en: 'Renamed' } }, 'StoreNameSet'],
    [
      'CategoryCreated',
      'categories',
      { action: 'changeSlug', slug: { en: 'renamed-slug' } },
      'CategorySlugChanged',
    ],
    ['ReviewCreated', 'reviews', { action: 'setRating', rating: 3 }, 'ReviewRatingSet'],
    [
      'InventoryEntryCreated',
      'inventory',
      { action: 'changeQuantity', quantity: 5 },
      'InventoryEntryQuantitySet',
    ],
    ['OrderCreated', 'orders', { action: 'changeOrderState', orderState: 'Confirmed' }, 'OrderStateChanged'],
    [
      'OrderCreated',
      'orders',
      { action: 'setCustomerEmail', email: 'buyer@example.com' },
      'OrderCustomerEmailSet',
    ],
    [
      'OrderCreated',
      'orders',
      { action: 'changePaymentState', paymentState: 'Paid' },
      'OrderPaymentStateChanged',
    ],
    [
      'PaymentCreated',
      'payments',
      {
        action: 'addTransaction',
        transaction: { type: 'Charge', amount: { currencyCode: 'EUR', centAmount: 100 } },
      },
      'PaymentTransactionAdded',
    ],
    [
      'BusinessUnitCreated',
      'business-units',
      { action: 'changeName', name: 'Renamed' },
      'BusinessUnitNameChanged',
    ],
    [
      'AssociateRoleCreated',
      'associate-roles',
      { action: 'setName', name: 'Renamed' },
      'AssociateRoleNameSet',
    ],
    [
      'StandalonePriceCreated',
      'standalone-prices',
      { action: 'changeValue', value: { currencyCode: 'EUR', centAmount: 100 } },
      'StandalonePriceValueChanged',
    ],
    [
      'CustomerCreated',
      'customers',
      { action: 'changeEmail', email: 'renamed@example.com' },
      'CustomerEmailChanged',
    ],
    [
      'CustomerCreated',
      'customers',
      { action: 'setDateOfBirth', dateOfBirth: '1815-12-10' },
      'CustomerDateOfBirthSet',
    ],
    [
      'ProductCreated',
      'products',
      { action: 'addPrice', variantId: 1, price: { value: { currencyCode: 'EUR', centAmount: 100 } } },
      'ProductPriceAdded',
    ],
  ];

  it.each(cases)('%s, then %s %o emits %s', async (created, path, action, expected) => {
    const sample = await sampleMessage(platform.api, created);
    const current = (await client.get(`/${path}/${sample.resource.id}`)).body;
    const answer = await client.post(`/${path}/${sample.resource.id}`, {
      version: current.version,
      actions: [action],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const messages = await messagesOf(client, `resource(id="${sample.resource.id}") and type="${expected}"`);
    expect(messages).toHaveLength(1);
    expect(await checkMessage(messages[0]!)).toEqual([]);
    expect(messages[0]).toMatchObject({
      resourceVersion: answer.body.version,
      createdBy: { clientId: platform.info().clientId },
    });
  });
});
