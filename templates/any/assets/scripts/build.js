/**
 * Builds the assets: copies src/ to public/, the folder Connect publishes to its CDN.
 * Add a bundler here (vite, esbuild...) when the assets need one.
 */
import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function build(root = fileURLToPath(new URL('..', import.meta.url))) {
  const target = join(root, 'public');
  await rm(target, { recursive: true, force: true });
  await cp(join(root, 'src'), target, { recursive: true });
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const output = await build();
  console.log(`Built ${output}`);
}
