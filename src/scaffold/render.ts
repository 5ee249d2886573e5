/**
 * Copies a template folder into the repository: `{{name}}`-style placeholders are filled in
 * text files, `_gitignore` becomes `.gitignore` (npm would drop a real one from the package),
 * and the package name is set in package.json and package-lock.json. Every write goes
 * through `insideRoot` so that nothing lands outside the target directory.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';

import { ConnectError } from '../errors.js';

export type TemplateVariables = Record<string, string>;

const TEXT_EXTENSIONS = new Set([
  '.ts',
  '.js',
  '.mjs',
  '.cjs',
  '.jsx',
  '.tsx',
  '.json',
  '.md',
  '.html',
  '.css',
  '.yaml',
  '.yml',
  '.example',
  '.txt',
  '.svg',
  '.java',
  '.xml',
  '.toml',
  '',
]);

const RENAMES: Record<string, string> = { _gitignore: '.gitignore', _npmrc: '.npmrc' };

/** PATH resolved inside ROOT; throws when it would escape it. */
export function insideRoot(root: string, path: string): string {
  const absolute = resolve(root, path);
  const fromRoot = relative(resolve(root), absolute);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) {
    throw new ConnectError('OUTSIDE_TARGET', `Refusing to write ${absolute}: it is outside ${root}.`, {
      hint: 'this is a bug in the template; please report it',
    });
  }
  return absolute;
}

export function fillPlaceholders(text: string, variables: TemplateVariables): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => variables[key] ?? whole);
}

/**
 * Copies the template folders LAYERS, in order, to ROOT/TARGET (a later layer's file replaces an
 * earlier one's); returns the files written, relative to ROOT.
 */
export async function renderTemplate(
  layers: readonly string[],
  root: string,
  target: string,
  variables: TemplateVariables,
  /** Called with each file's path (relative to root) before it is written (--force backups). */
  claim?: (path: string) => Promise<void>,
): Promise<string[]> {
  // Destination -> [source, name]: collected first, so a file replaced by a later layer is
  // written once.
  const files = new Map<string, [string, string]>();
  const walk = async (from: string, to: string): Promise<void> => {
    for (const entry of await readdir(from, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'public') {
        // Left over from working on the template itself; never part of a scaffold.
        if (entry.isDirectory()) continue;
      }
      const source = join(from, entry.name);
      const destination = join(to, RENAMES[entry.name] ?? entry.name);
      if (entry.isDirectory()) await walk(source, destination);
      else files.set(insideRoot(root, destination), [source, entry.name]);
    }
  };
  for (const layer of layers) await walk(layer, target);
  await mkdir(insideRoot(root, target), { recursive: true });
  const written: string[] = [];
  for (const [file, [source, name]] of files) {
    await claim?.(relative(root, file));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, await renderFile(source, name, variables));
    written.push(relative(root, file));
  }
  return written;
}

async function renderFile(
  source: string,
  name: string,
  variables: TemplateVariables,
): Promise<Buffer | string> {
  const content = await readFile(source);
  if (!TEXT_EXTENSIONS.has(extname(name)) || content.includes(0)) return content;
  const text = content.toString('utf8');
  if ((name === 'package.json' || name === 'package-lock.json') && variables.packageName !== undefined) {
    return renamePackage(text, variables.packageName);
  }
  return fillPlaceholders(text, variables);
}

/** Sets the package name in package.json or package-lock.json, keeping the formatting. */
export function renamePackage(text: string, packageName: string): string {
  const json = JSON.parse(text) as { name?: string; packages?: Record<string, { name?: string }> };
  json.name = packageName;
  const rootPackage = json.packages?.[''];
  if (rootPackage) rootPackage.name = packageName;
  return `${JSON.stringify(json, null, 2)}\n`;
}

export async function writeText(root: string, path: string, text: string): Promise<string> {
  const file = insideRoot(root, path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  return relative(root, file);
}
