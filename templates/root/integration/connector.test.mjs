// Integration tests of the whole connector: every application runs in the `connect dev`
// emulator (a local commercetools project included) and is called the way commercetools calls
// it. Run them with `npm test` at the repository root (node:test; no commercetools project is
// needed). Under `connect dev --exec` they use the emulator that command started.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startEmulator } from 'connect-cli/testing';

const emulator = await startEmulator({
  path: fileURLToPath(new URL('..', import.meta.url)),
  // The first run installs and builds every application.
  startTimeoutMs: 600_000,
});
after(() => emulator.stop());

const apps = Object.values(emulator.apps);

for (const app of apps.filter((candidate) => candidate.type === 'service')) {
  test(`${app.name}: creating a cart calls the API Extension`, async () => {
    const cart = await emulator.create('cart', { currency: 'EUR', customerEmail: 'Ada@Example.com' });
    const call = await emulator.waitForExtensionCall(
      (candidate) => candidate.application === app.name && candidate.request.resource.id === cart.id,
    );
    assert.equal(call.response?.statusCode, 200);
    // The example rule of the template: the customer's email in lower case.
    assert.equal(cart.customerEmail, 'ada@example.com');
  });
}

for (const app of apps.filter((candidate) => candidate.type === 'event')) {
  test(`${app.name}: an order created is delivered and acknowledged`, async () => {
    const cart = await emulator.create('cart', { currency: 'EUR' });
    const order = await emulator.create('order', {
      cart: { typeId: 'cart', id: cart.id },
      version: cart.version,
      orderNumber: `IT-${Date.now()}`,
    });
    const delivery = await emulator.waitForDelivery(
      (candidate) =>
        candidate.application === app.name &&
        candidate.type === 'OrderCreated' &&
        JSON.stringify(candidate.payload).includes(order.id) &&
        candidate.state !== 'pending',
    );
    assert.equal(delivery.state, 'acked');
  });
}

for (const app of apps.filter((candidate) => candidate.type === 'job')) {
  test(`${app.name}: a run answers 200`, async () => {
    const run = await emulator.runJob(app.name);
    assert.equal(run.statusCode, 200);
  });
}
