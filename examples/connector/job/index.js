// A job: the scheduler POSTs to /job on the schedule of connect.yaml.
import { createServer } from 'node:http';

let runs = 0;
const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/job') {
    runs += 1;
    console.log(`run ${runs} triggered by ${req.headers['user-agent']}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ runs }));
    return;
  }
  res.writeHead(404).end();
});

server.listen(8080, () => console.log('job listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
