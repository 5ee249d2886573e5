// An API Extension: refuses carts with too many line items. Listens on 8080 like the
// platform's templates; `connect dev` maps that to the port it assigned.
import { createServer } from 'node:http';

const maxItems = Number(process.env.MAX_CART_ITEMS ?? 10);

function readJson(req) {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(body || '{}'));
      } catch {
        resolve({});
      }
    });
  });
}

const server = createServer(async (req, res) => {
  if (req.method === 'POST' && req.url === '/service') {
    const auth = req.headers.authorization;
    if (process.env.EXTENSION_SECRET && auth !== undefined && auth !== process.env.EXTENSION_SECRET) {
      res.writeHead(401).end();
      return;
    }
    const { action, resource } = await readJson(req);
    const items = resource?.obj?.lineItems?.length ?? 0;
    console.log(`${action ?? 'call'} ${resource?.typeId ?? '?'} ${resource?.id ?? ''} with ${items} line items`);
    if (items > maxItems) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'InvalidInput', message: `At most ${maxItems} line items.` }] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ actions: [] }));
    return;
  }
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});

server.listen(8080, () => console.log(`service listening (LOG_LEVEL=${process.env.LOG_LEVEL})`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
