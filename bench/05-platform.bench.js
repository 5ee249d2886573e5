// The emulated platform: what the emulator adds to an API Extension call over calling the
// app directly (target: < 1 ms at the median), and event delivery throughput to an app that
// acknowledges at once (target: > 2,000 messages/s). Apps are HTTP servers in this process (the
// extension's) or a child process (the event app's). As in `connect dev`, the platform calls a
// serving app at its own port; other clients (webhooks, a storefront) go through the app's gateway
// (src/emulator/supervisor/gateway.ts), whose cost per request is reported apart.
import { spawn } from 'node:child_process';
import http from 'node:http';

import { EmulatedPlatform } from '../dist/emulator/platform/emulated-platform.js';
import { AppGateway } from '../dist/emulator/supervisor/gateway.js';
import { median, report } from './lib.js';

function server(handler) {
  const s = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(res));
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

/** An event app in its own process (as in `connect dev`), acknowledging every push at once. */
function eventApp() {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "const s=require('http').createServer((q,r)=>{q.resume();q.on('end',()=>r.writeHead(204).end())});s.listen(0,'127.0.0.1',()=>console.log(s.address().port))",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve) =>
    child.stdout.once('data', (chunk) => resolve({ child, port: Number(String(chunk).trim()) })),
  );
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function direct(url, body) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString() || '{}')));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function timeEach(runs, once) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await once(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

export default async function platformBench() {
  const ext = await server((res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"actions":[]}'),
  );
  const events = await eventApp();
  const front = (name, appPort) =>
    AppGateway.start({
      name,
      port: 0,
      appPort,
      timeoutMs: 300_000,
      platformLimit: 'requests at 5 minutes',
      availability: () => ({ state: 'serving' }),
      onChange: () => () => undefined,
      warn: (text) => process.stderr.write(`${text}\n`),
    });
  const gateways = [await front('service', ext.address().port)];
  const directUrl = `http://127.0.0.1:${ext.address().port}/service`;
  const gatewayUrl = `http://127.0.0.1:${gateways[0].port}/service`;
  const eventUrl = `http://127.0.0.1:${events.port}/event`;
  const platform = await EmulatedPlatform.start({
    apps: () => [
      // Published at the gateway; called at the app's own port while it serves.
      { name: 'service', type: 'service', url: gatewayUrl, directUrl },
      { name: 'event', type: 'event', url: eventUrl, directUrl: eventUrl },
    ],
    extensions: [{ application: 'service', triggers: [{ resourceTypeId: 'cart', actions: ['Create'] }] }],
  });
  try {
    const cart = await platform.api.quietly(() =>
      platform.api.create('cart', { currency: 'EUR', customerEmail: 'a@example.com' }),
    );
    const request = { action: 'Create', resource: { typeId: 'cart', id: cart.id, obj: cart } };
    const runs = 1500;
    // Interleave warm-ups, then measure both paths the same number of times.
    await timeEach(200, () => direct(directUrl, request));
    await timeEach(200, () =>
      platform.extensions.beforeSave({
        kind: 'create',
        typeId: 'cart',
        context: { projectKey: platform.api.projectKey },
        resource: structuredClone(cart),
      }),
    );
    const directMs = median(await timeEach(runs, () => direct(directUrl, request)));
    const viaMs = median(
      await timeEach(runs, () =>
        platform.extensions.beforeSave({
          kind: 'create',
          typeId: 'cart',
          context: { projectKey: platform.api.projectKey },
          resource: structuredClone(cart),
        }),
      ),
    );
    report('extension call, app called directly (median)', `${directMs.toFixed(3)} ms`);
    report('extension call through the emulator (median)', `${viaMs.toFixed(3)} ms`);
    report(
      'emulator overhead per extension call (median)',
      `${(viaMs - directMs).toFixed(3)} ms`,
      'target < 1 ms',
    );
    await timeEach(200, () => direct(gatewayUrl, request));
    const gatewayMs = median(await timeEach(runs, () => direct(gatewayUrl, request)));
    report(
      "a request through the app's gateway (median)",
      `${gatewayMs.toFixed(3)} ms`,
      `+${(gatewayMs - directMs).toFixed(3)} ms over the app itself (webhooks, storefront calls)`,
    );

    const target = {
      application: 'event',
      subscription: 'projects/connect-dev/subscriptions/bench',
      format: 'Platform',
    };
    const notification = {
      notificationType: 'Message',
      projectKey: platform.api.projectKey,
      resource: { typeId: 'order', id: cart.id },
      type: 'OrderCreated',
      order: cart,
    };
    const total = 5000;
    const inFlight = 100;
    await Promise.all(Array.from({ length: 200 }, () => platform.deliveries.publish(target, notification)));
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < total) {
          next++;
          const delivery = await platform.deliveries.publish(target, notification);
          if (delivery.state !== 'acked') throw new Error(`delivery ${delivery.state}`);
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuMsPerMessage = (used.user + used.system) / 1000 / total;
    report(
      `event delivery throughput (${total} msgs, ${inFlight} in flight)`,
      `${Math.round(total / seconds)} msg/s`,
      'target > 2000 msg/s',
    );
    report(
      'emulator CPU per delivered message',
      `${cpuMsPerMessage.toFixed(3)} ms`,
      `= ${Math.round(1000 / cpuMsPerMessage)} msg/s on one free core (this machine is shared)`,
    );
  } finally {
    await platform.stop();
    for (const gateway of gateways) await gateway.close();
    ext.close();
    events.child.kill();
    agent.destroy();
  }
}
