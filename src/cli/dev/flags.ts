/**
 * The flags of `connect dev`, as plain data: src/commands/dev.ts turns them into oclif flags, and
 * the fast start (fast.ts) reads plain command lines with them before oclif is loaded.
 */
import {
  COLOR_FLAG,
  JSON_FLAG,
  REPOSITORY_PATH_DESCRIPTION,
  type FlagSpecs,
  type FlagValues,
} from '../flag-spec.js';

export const DEV_FLAGS = {
  env: {
    kind: 'string',
    char: 'e',
    multiple: true,
    description:
      'Set a configuration value: APP.KEY=value for one application, KEY=value for every application that declares KEY. Highest precedence. Repeatable.',
  },
  values: {
    kind: 'string',
    description: 'The values file to read (default: connect.values.yaml at the repository root, if present).',
  },
  only: {
    kind: 'string',
    description: 'Run only these applications (comma-separated names).',
  },
  build: {
    kind: 'boolean',
    default: true,
    allowNo: true,
    description: 'Build each application (gcp-build, else build) before starting it. --no-build skips.',
  },
  scripts: {
    kind: 'boolean',
    default: true,
    allowNo: true,
    description:
      'Run postDeploy once an application is ready and preUndeploy when stopping. --no-scripts skips both.',
  },
  watch: {
    kind: 'boolean',
    default: true,
    allowNo: true,
    description:
      'Rebuild and restart an application when its files change; re-read configuration when connect.yaml, the values file or a .env changes.',
  },
  'admin-port': {
    kind: 'integer',
    default: 0,
    min: 0,
    max: 65535,
    description: 'Port of the admin API on 127.0.0.1 (0: any free port).',
  },
  platform: {
    kind: 'boolean',
    default: true,
    allowNo: true,
    description:
      'Run the local commercetools API (extensions, subscriptions, CTP_* variables). --no-platform leaves the CTP_* values to your configuration.',
  },
  seed: {
    kind: 'string',
    description: 'JSON file of resources to create in the local API at start (when the project is empty).',
  },
  persist: {
    kind: 'string',
    description: 'Keep the local project in this folder between runs.',
  },
  'project-key': {
    kind: 'string',
    description:
      "The local project's key (default: project.key of the values file, else the CTP_PROJECT_KEY your applications are configured with, else connect-dev).",
  },
  extension: {
    kind: 'string',
    multiple: true,
    description:
      'Default API Extension for a service app that registers none: APP:TYPE:ACTIONS, e.g. service:cart:Create,Update. Repeatable.',
  },
  subscribe: {
    kind: 'string',
    multiple: true,
    description:
      'Default Subscription for an event app that registers none: APP:TYPE,TYPE, e.g. event:OrderCreated,CustomerCreated. Repeatable.',
  },
  provider: {
    kind: 'string',
    description:
      'The cloud the deployment is emulated on: gcp (default; event apps get Pub/Sub pushes) or aws (SNS notifications, CONNECT_AWS_TOPIC_ARN). Also platform.provider in the values file.',
  },
  chaos: {
    kind: 'boolean',
    default: false,
    description: 'Deliver some event messages twice and out of order, to test idempotency.',
  },
  open: {
    kind: 'boolean',
    default: false,
    description:
      'Open the dashboard in the browser once the applications have started ($BROWSER, else the system opener).',
  },
  node: {
    kind: 'string',
    description:
      'Node.js for the applications: "platform" (default) runs each on the major the platform picks (engines.node: 24 or 22, else 24), fetched from the npm registry into ~/.cache/connect/node when this Node.js is another; "current" runs them on this Node.js.',
  },
  exec: {
    kind: 'string',
    description:
      'Start every application (no watching), wait until all are ready, run this shell command with CONNECT_DEV_ADMIN_URL and CONNECT_DEV_ADMIN_TOKEN, the local CTP_* values and CONNECT_APP_<NAME>_URL set, stop everything and exit with its exit code (124: --timeout, 125: the emulator failed).',
  },
  timeout: {
    kind: 'integer',
    default: 0,
    min: 0,
    description:
      'With --exec: the most seconds the whole run may take (0: no limit); then everything stops and the exit code is 124.',
  },
  inspect: {
    kind: 'string',
    description:
      'Start Node.js applications with the inspector (Java: the JDWP agent) on 127.0.0.1 (9229, 9230, ...; kept across reloads): --inspect for all, --inspect=APP,APP for some.',
  },
  'inspect-brk': {
    kind: 'string',
    description: 'As --inspect, and each application waits for the debugger before its first line.',
  },
  grace: {
    kind: 'integer',
    default: 5000,
    min: 0,
    description: 'Milliseconds between SIGTERM and SIGKILL when stopping an application.',
  },
} as const satisfies FlagSpecs;

/** Every flag a `connect dev` command line can hold: its own, --no-color and --json. */
export const DEV_ALL_FLAGS = {
  ...DEV_FLAGS,
  color: COLOR_FLAG,
  json: JSON_FLAG,
} as const satisfies FlagSpecs;

/** The flags runDev() reads: all of them but --json, which decides the output. */
export type DevFlags = FlagValues<Omit<typeof DEV_ALL_FLAGS, 'json'>>;

export const DEV_PATH_ARG = { description: REPOSITORY_PATH_DESCRIPTION };
