/**
 * Loads everything that decides the applications' configuration: connect.yaml, the values
 * file, `--env` flags, the `.env` files, and resolves each application's values (precedence:
 * flag > values file > app .env > root .env > default). Re-run on every change of those files.
 */
import { join } from 'node:path';

import { readDotenv } from '../config/dotenv.js';
import {
  checkAssignments,
  checkValues,
  dotenvLayer,
  flagLayer,
  parseAssignments,
  readValuesFile,
  resolveConfiguration,
  valuesFileLayer,
  type ConfigLayer,
  type ResolvedConfiguration,
  type ValuesFile,
} from '../config/values.js';
import { loadSpec, type LoadedSpec } from '../spec/load.js';

export interface ConfigurationOptions {
  path: string;
  valuesFile?: string | undefined;
  env: readonly string[];
  processEnv: NodeJS.ProcessEnv;
  cwd: string;
}

export interface LoadedConfiguration {
  loaded: LoadedSpec;
  values: ValuesFile;
  resolved: Map<string, ResolvedConfiguration>;
  /** The layers the values were resolved from, highest first. */
  layers: ConfigLayer[];
}

export async function loadConfiguration(options: ConfigurationOptions): Promise<LoadedConfiguration> {
  // loadSpec runs every check of `connect validate` (YAML, schema, rules, schedules, and the
  // application folders): the emulator refuses exactly what validate reports as errors.
  const loaded = await loadSpec(options.path, { folders: true });
  const { spec, root } = loaded;
  // The files are read at once; their errors are reported in the order below.
  const dotenvs = Promise.all([
    readDotenv(root),
    ...spec.deployAs.map((app) => readDotenv(join(root, app.name))),
  ]);
  dotenvs.catch(() => undefined);
  const values = await readValuesFile(root, {
    file: options.valuesFile,
    env: options.processEnv,
    cwd: options.cwd,
  });
  checkValues(spec, values);
  const assignments = parseAssignments(options.env, options.processEnv);
  checkAssignments(spec, assignments);
  const [rootEnv, ...appEnvList] = await dotenvs;
  const appEnvs = new Map(spec.deployAs.map((app, index) => [app.name, appEnvList[index]]));
  const layers = [
    flagLayer(assignments),
    valuesFileLayer(values),
    dotenvLayer('app-dotenv', (app) => appEnvs.get(app)),
    dotenvLayer('root-dotenv', () => rootEnv),
  ];
  const resolved = new Map<string, ResolvedConfiguration>();
  for (const app of spec.deployAs) resolved.set(app.name, resolveConfiguration(spec, app.name, layers));
  return { loaded, values, resolved, layers };
}

/**
 * Resolves again with `fallback` below every user-given layer (and above the connect.yaml
 * defaults): values the emulator supplies, such as the local platform's credentials for apps
 * that declare CTP_CLIENT_ID as required configuration.
 */
export function withFallbackLayer(config: LoadedConfiguration, fallback: ConfigLayer): LoadedConfiguration {
  const layers = [...config.layers, fallback];
  const resolved = new Map<string, ResolvedConfiguration>();
  for (const app of config.loaded.spec.deployAs) {
    resolved.set(app.name, resolveConfiguration(config.loaded.spec, app.name, layers));
  }
  return { ...config, resolved };
}
