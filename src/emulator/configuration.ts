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
  type ResolvedConfiguration,
  type ValuesFile,
} from '../config/values.js';
import { ConnectError } from '../errors.js';
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
}

export async function loadConfiguration(options: ConfigurationOptions): Promise<LoadedConfiguration> {
  const loaded = await loadSpec(options.path);
  await checkSpec(loaded);
  const { spec, root } = loaded;
  const values = await readValuesFile(root, {
    file: options.valuesFile,
    env: options.processEnv,
    cwd: options.cwd,
  });
  checkValues(spec, values);
  const assignments = parseAssignments(options.env, options.processEnv);
  checkAssignments(spec, assignments);
  const rootEnv = await readDotenv(root);
  const appEnvs = new Map<string, Record<string, string> | undefined>();
  await Promise.all(
    spec.deployAs.map(async (app) => appEnvs.set(app.name, await readDotenv(join(root, app.name)))),
  );
  const layers = [
    flagLayer(assignments),
    valuesFileLayer(values),
    dotenvLayer('app-dotenv', (app) => appEnvs.get(app)),
    dotenvLayer('root-dotenv', () => rootEnv),
  ];
  const resolved = new Map<string, ResolvedConfiguration>();
  for (const app of spec.deployAs) resolved.set(app.name, resolveConfiguration(spec, app.name, layers));
  return { loaded, values, resolved };
}

/** The emulator runs only what the platform would deploy: connect.yaml must pass `connect validate`. */
async function checkSpec(loaded: LoadedSpec): Promise<void> {
  const { validateDocument } = await import('../spec/validate.js');
  const errors = validateDocument(loaded.file, loaded.source).diagnostics.filter(
    (diagnostic) => diagnostic.severity === 'error',
  );
  if (errors.length === 0) return;
  const lines = errors
    .slice(0, 5)
    .map((error) => `  ${error.line}:${error.column} ${error.message} [${error.code}]`);
  if (errors.length > 5) lines.push(`  ... and ${errors.length - 5} more`);
  throw new ConnectError(
    'CONNECT_YAML_INVALID',
    `${loaded.file} has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; the platform would not deploy it:\n${lines.join('\n')}`,
    { hint: `run \`connect validate ${loaded.root}\` for the details` },
  );
}
