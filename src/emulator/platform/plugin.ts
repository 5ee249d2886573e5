/**
 * The emulated platform as a plugin of `connect dev` (src/emulator/types.ts): starts the local
 * commercetools API with extensions and subscriptions before the apps build, gives every app
 * and script the CTP_* variables and the host-redirect preload, serves its admin routes and
 * shows its address under `platform` in the status.
 */

import type { NextFunction, Request, Response, Router } from 'express';

import { readValuesFile } from '../../config/values.js';
import { stateDir } from '../../config/paths.js';
import { configurationOf, type Application } from '../../spec/types.js';
import { assertUsableFolder } from '../../config/private-files.js';
import { distFile } from '../../package-root.js';
import { requireOption } from '../environment.js';
import type { EmulatorPlugin, PluginContext } from '../types.js';
import { parseExtensionFlags, parseSubscribeFlags, valuesFileDefaults } from './defaults.js';
import type { SnsHost } from '../events/sns-host.js';
import { awsRegionOf } from '../events/sns.js';
import { DeferredServer } from './deferred-server.js';
import type { EmulatedPlatform, PlatformApp } from './emulated-platform.js';
import { resolveDeployment } from './deployment.js';
import {
  awsTopicArn,
  GCP_DEPLOYMENT,
  platformEnvironment,
  type Deployment,
  type PlatformInfo,
} from './environment.js';
import { configuredClients, decideLocalProject, parseProjectSection } from './local-project.js';

/** When nothing else starts the local API earlier, it starts this long after `connect dev`. */
const LAZY_START_MS = 3000;

export interface PlatformPluginOptions {
  seedFile?: string | undefined;
  persistDir?: string | undefined;
  chaos?: boolean | undefined;
  /** `--extension APP:cart:Create,Update` flags. */
  extensions?: readonly string[] | undefined;
  /** `--subscribe APP:OrderCreated,...` flags. */
  subscriptions?: readonly string[] | undefined;
  /** The --values file (default: connect.values.yaml at the root). */
  valuesFile?: string | undefined;
  /** `--project-key`: the local project's key (see ./local-project.ts). */
  projectKey?: string | undefined;
  /** `--provider aws|gcp`: the cloud the deployment is emulated on (values file `platform.provider`). */
  provider?: string | undefined;
  /**
   * stop() does not wait for a local API still loading (`connect dev --exec`, the testing
   * library: short runs that may not have needed it); it stops itself once loaded.
   */
  quickStop?: boolean | undefined;
}

/** The compiled host-redirect preload (dist/, also when running from src under tsx, as tests do). */
export function hostRedirectPreload(): string {
  return distFile('preload/host-redirect.cjs');
}

export function createPlatformPlugin(options: PlatformPluginOptions = {}): EmulatorPlugin & {
  /** The running platform, once it finished starting. */
  ready(): Promise<EmulatedPlatform | undefined>;
} {
  let starting: Promise<EmulatedPlatform | undefined> = Promise.resolve(undefined);
  let server: DeferredServer | undefined;
  /** AWS deployments: the stand-in for Amazon SNS's host (../events/sns-host.ts). */
  let snsHost: SnsHost | undefined;
  let info: PlatformInfo | undefined;
  let routes: Router | undefined;
  let userCredentials = false;
  let context: PluginContext | undefined;
  let deployment: Deployment = GCP_DEPLOYMENT;
  /** The local API began loading / finished starting (or failed to). */
  let begun = false;
  let settled = false;
  // The admin server mounts plugin routes before the platform has started (and loads express
  // late, as do we): a plain middleware that delegates once the platform's router exists.
  const router = (req: Request, res: Response, next: NextFunction): void => {
    void starting.then(() => (routes ? routes(req, res, next) : next()), next);
  };
  const preload = requireOption(hostRedirectPreload());

  return {
    name: 'platform',
    ready: () => starting,
    async start(ctx: PluginContext) {
      context = ctx;
      // A --persist path that cannot be a folder fails now, not at the first save (or at stop).
      if (options.persistDir) await assertUsableFolder(options.persistDir, '--persist');
      // Once the emulator stops, no new delivery attempt: the apps are going away, and an
      // attempt to a stopped app would only burn one of the message's retries.
      const offStopping = ctx.bus.on('emulator', (event) => {
        if (event.state !== 'stopping') return;
        offStopping();
        void starting.then(
          (platform) => platform?.deliveries.halt(),
          () => undefined,
        );
      });
      const values = await readValuesFile(ctx.root, { file: options.valuesFile });
      const project = decideLocalProject({
        flagKey: options.projectKey,
        section: parseProjectSection(values.project, values.file ?? 'connect.values.yaml'),
        configured: configuredClients(ctx.spec, ctx.configuration),
        apiClientScopes: ctx.spec.inheritAs?.apiClient?.scopes,
      });
      for (const warning of project.warnings) ctx.logger.warn(warning);
      userCredentials = project.userCredentials;
      const fromValues = valuesFileDefaults(ctx.spec, values);
      const resolved = resolveDeployment({
        flag: options.provider,
        section: values.platform,
        regions: [
          process.env.CTP_REGION,
          values.global.CTP_REGION,
          ...Object.values(values.applications).map((app) => app.CTP_REGION),
          ...ctx.spec.deployAs.map(
            (app) => configurationOf(app).standardConfiguration?.find((c) => c.key === 'CTP_REGION')?.default,
          ),
        ],
      });
      deployment = resolved.deployment;
      if (deployment.provider === 'AWS') {
        const { SnsHost } = await import('../events/sns-host.js');
        snsHost = await SnsHost.listen({
          region: awsRegionOf(deployment.region),
          warn: (text) => ctx.logger.warn(text),
          info: (text) => ctx.logger.info(text),
          applicationOf: (topicArn) =>
            ctx.spec.deployAs.find(
              (app) => app.applicationType === 'event' && awsTopicArn(app.name, deployment) === topicArn,
            )?.name ?? null,
        });
      }
      if (resolved.suggestion) ctx.logger.warn(resolved.suggestion);
      const fromFlags = {
        extensions: parseExtensionFlags(ctx.spec, options.extensions ?? []),
        subscriptions: parseSubscribeFlags(ctx.spec, options.subscriptions ?? []),
      };
      const flagged = (list: Array<{ application: string }>) => new Set(list.map((d) => d.application));
      const extensionApps = flagged(fromFlags.extensions);
      const subscriptionApps = flagged(fromFlags.subscriptions);
      const apps = (): PlatformApp[] =>
        ctx.applications().map((app) => {
          const spec = ctx.specOf(app.name);
          return {
            name: app.name,
            type: app.type,
            url: app.state === 'stopped' ? null : app.url,
            // Straight to a serving app; through its gateway while it restarts (it waits there).
            directUrl: ctx.directUrl?.(app.name) ?? null,
            retryPolicy: spec && 'retryPolicy' in spec ? spec.retryPolicy : undefined,
          };
        });
      // The address and credentials are known at once, so the apps can start while the mock
      // (most of a second to import) loads; early requests wait for it.
      server = await DeferredServer.listen();
      const credentials = { clientId: project.clientId, clientSecret: project.clientSecret };
      info = {
        apiUrl: server.url,
        authUrl: server.url,
        projectKey: project.projectKey,
        ...credentials,
        scope: project.scope,
      };
      const socket = server;
      // Loading the mock keeps the event loop busy for most of a second: do it once the apps
      // are up (or as soon as something calls the API, or right away when a seed or saved
      // project must be checked before the apps start), so it does not slow their start.
      const eager = Boolean(options.seedFile || options.persistDir);
      const begin = eager
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(go, LAZY_START_MS);
            const off = ctx.bus.on('emulator', (event) => {
              if (event.state === 'running') go();
              // Stopped before anything needed it: it never loads.
              if (event.state === 'stopping' && !begun) {
                clearTimeout(timer);
                off();
                reject(new Error('stopped before the local API was needed'));
              }
            });
            socket.onFirstRequest(go);
            function go(): void {
              begun = true;
              clearTimeout(timer);
              off();
              resolve();
            }
          });
      starting = begin
        .then(() => Promise.all([import('./emulated-platform.js'), import('./admin-routes.js')]))
        .then(([{ EmulatedPlatform }, { createPlatformRouter }]) =>
          EmulatedPlatform.start({
            stateDir: stateDir(ctx.root),
            projectKey: project.projectKey,
            scope: project.scope,
            clients: project.clients,
            ...credentials,
            server: socket,
            seedFile: options.seedFile,
            persistDir: options.persistDir,
            chaos: options.chaos,
            // Flags win over the values file for the same application.
            extensions: [
              ...fromFlags.extensions,
              ...fromValues.extensions.filter((d) => !extensionApps.has(d.application)),
            ],
            subscriptions: [
              ...fromFlags.subscriptions,
              ...fromValues.subscriptions.filter((d) => !subscriptionApps.has(d.application)),
            ],
            apps,
            deployment,
            snsHost,
            emit: (event) => ctx.bus.emit(event.type, event.data),
            redact: (text) => ctx.redact(text),
            warn: (text) => ctx.logger.warn(text),
          }).then((started) => {
            routes = createPlatformRouter(started);
            return started;
          }),
        )
        .finally(() => {
          settled = true;
        });
      const others = project.clients.length;
      ctx.logger.info(
        `Local commercetools API: ${info.apiUrl} (project ${info.projectKey}${project.keySource === 'configuration' ? ', from CTP_PROJECT_KEY' : ''}${others > 0 ? `; accepts the API client${others === 1 ? '' : 's'} of ${project.clients.map((c) => c.origin).join(', ')}` : ''}); extensions and subscriptions are emulated${
          deployment.provider === 'AWS'
            ? ` on AWS (${deployment.region}): event applications receive SNS notifications`
            : ''
        }.`,
      );
      // With a seed or a saved project, a bad file must stop `connect dev` before the apps start.
      if (eager) {
        await starting;
        return;
      }
      starting = starting.catch((error: unknown) => {
        if (!begun) return undefined;
        const message = error instanceof Error ? error.message : String(error);
        ctx.logger.error(`The local commercetools API did not start: ${message}`);
        socket.fail(`The local commercetools API did not start: ${message}`);
        return undefined;
      });
    },
    async stop() {
      await snsHost?.close();
      snsHost = undefined;
      if (!settled && options.quickStop) {
        // Still loading (nothing needed it yet, e.g. a short `connect dev --exec`): do not wait
        // for the mock to load only to stop it; it stops itself once loaded.
        routes = undefined;
        const late = starting;
        const socket = server;
        // A load that failed (or never began) has no platform to stop: its socket is closed here.
        void late.then(
          (started) => (started ? started.stop() : socket?.close()),
          () => socket?.close(),
        );
        if (!begun) await server?.close();
        server = undefined;
        return;
      }
      const started = await starting.catch(() => undefined);
      routes = undefined;
      if (started) await started.stop();
      else await server?.close();
      server = undefined;
    },
    info() {
      // A client secret the user gave is theirs (maybe a real one): never shown.
      return info ? { ...info, ...(userCredentials ? { clientSecret: '****' } : {}) } : null;
    },
    configurationChanged() {
      // An edited .env (or values file) may name new credentials: the local API accepts them.
      if (!context) return;
      const ctx = context;
      void starting.then((started) => {
        if (!started) return;
        for (const client of configuredClients(ctx.spec, ctx.configuration).clients) {
          started.api.addClient({
            ...client,
            scope: client.scope || `manage_project:${started.api.projectKey}`,
          });
        }
      });
    },
    routes() {
      return router;
    },
    env(app: Application) {
      if (!info) return {};
      return {
        ...platformEnvironment(info, { name: app.name, type: app.applicationType }, deployment),
        // Scripts get no preload from the emulator; post-deploy scripts that derive the API
        // host from CTP_REGION must reach the local API too. Apps get the full preload,
        // which includes this module.
        NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' '),
        ...(snsHost ? { CONNECT_EMULATOR_SNS_URL: snsHost.url } : {}),
      };
    },
  };
}
