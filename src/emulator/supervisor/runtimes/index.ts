/**
 * The runtime of an application folder: the first whose manifest is there, Node.js otherwise
 * (it reports the missing package.json itself).
 */
import { javaRuntime } from './java.js';
import { nodeRuntime } from './node.js';
import type { Runtime } from './types.js';

export type { Runtime, RuntimeApp, RuntimePlan, RuntimeStart, RuntimeStep } from './types.js';

/** Every runtime, in detection order (the most specific manifest first). */
// Java first, as the buildpacks detect it: a folder with pom.xml and package.json is built with Maven.
export const RUNTIMES: readonly Runtime[] = [javaRuntime, nodeRuntime];

export async function runtimeFor(dir: string): Promise<Runtime> {
  for (const runtime of RUNTIMES) if (await runtime.detect(dir)) return runtime;
  return nodeRuntime;
}
