/**
 * Where the package's own files are (schemas/, templates/, dashboard/, and dist/ for the scripts
 * that run in other processes). Found by walking up from this module, because the module may be
 * src/ (unit tests), dist/ (tsc output) or a chunk of the bundle in dist/bundle/: a path relative
 * to `import.meta.url` would only be right for one of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'connect-cli';

interface Manifest {
  name?: unknown;
  version?: unknown;
}

function findPackageRoot(start: string): { root: string; manifest: Manifest } {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
        if (manifest.name === NAME) return { root: dir, manifest };
      } catch {
        // not ours; keep walking
      }
    }
    if (dirname(dir) === dir) throw new Error(`cannot find the ${NAME} package above ${start}`);
  }
}

const found = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const packageRoot = found.root;

/** A file built into dist/ for other processes to load by path, e.g. `preload/app.cjs`. */
export function distFile(relative: string): string {
  return join(packageRoot, 'dist', relative);
}

/** This package's version (what oclif reports as config.version). */
export const packageVersion = String(found.manifest.version);
