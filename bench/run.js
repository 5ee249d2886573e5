// `npm run bench`: runs every bench/*.bench.js in name order; each prints its figures.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.js'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort();

process.stdout.write(`node ${process.version}, ${new Date().toISOString()}\n`);
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  const mod = await import(join(dir, file));
  await mod.default();
}
