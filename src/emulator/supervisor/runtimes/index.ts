/**
 * The runtime of an application folder: the first whose manifest is there, Node.js otherwise
 * (it reports the missing package.json itself). Java first, as the buildpacks detect it: a folder
 * with pom.xml and package.json is built with Maven. The Java runtime (and the XML parser it
 * reads pom.xml with) loads only for a folder that has a pom.xml: most connectors are Node.js,
 * and `connect dev` imports what it needs before the apps can start.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import { nodeRuntime } from './node.js';
import type { Runtime } from './types.js';

export type { Runtime, RuntimeApp, RuntimePlan, RuntimeStart, RuntimeStep } from './types.js';

let java: Promise<Runtime> | undefined;

function javaRuntime(): Promise<Runtime> {
  java ??= import('./java.js').then((module) => module.javaRuntime);
  return java;
}

export async function runtimeFor(dir: string): Promise<Runtime> {
  const pom = await stat(join(dir, 'pom.xml')).then(
    (info) => info.isFile(),
    () => false,
  );
  return pom ? javaRuntime() : nodeRuntime;
}

/** Ends what the runtimes loaded so far keep running (tool fetches). */
export async function shutdownRuntimes(): Promise<void> {
  nodeRuntime.shutdown?.();
  if (java) (await java).shutdown?.();
}
