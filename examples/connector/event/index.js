// A Subscription handler: receives Pub/Sub push messages and acknowledges them with 204.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/event') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      try {
        const { message } = JSON.parse(body);
        const notification = JSON.parse(Buffer.from(message.data, 'base64').toString('utf8'));
        console.log(`${notification.type ?? notification.notificationType} for ${notification.resource?.typeId} ${notification.resource?.id}; would email ${process.env.NOTIFY_EMAIL}`);
      } catch {
        console.log('received a message that is not a Pub/Sub push; acknowledging anyway');
      }
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});

server.listen(8080, () => console.log('event handler listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
