/**
 * The emulated platform as a plugin of `connect dev` (src/emulator/types.ts): starts the local
 * commercetools API with extensions and subscriptions before the apps build, gives every app
 * and script the CTP_* variables and the host-redirect preload, serves its admin routes and
 * shows its address under `platform` in the status.
 */

import type { NextFunction, Request, Response, Router } from 'express';

import { readValuesFile } from '../../config/values.js';
import { stateDir } from '../../config/paths.js';
import type { Application } from '../../spec/types.js';
import { distFile } from '../../package-root.js';
import { requireOption } from '../environment.js';
import type { EmulatorPlugin, PluginContext } from '../types.js';
import { parseExtensionFlags, parseSubscribeFlags, valuesFileDefaults } from './defaults.js';
import { DeferredServer } from './deferred-server.js';
import type { EmulatedPlatform, PlatformApp } from './emulated-platform.js';
import {
  DEFAULT_PROJECT_KEY,
  newCredentials,
  platformEnvironment,
  scopeFor,
  type PlatformInfo,
} from './environment.js';

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
  let info: PlatformInfo | undefined;
  let routes: Router | undefined;
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
      const values = await readValuesFile(ctx.root, { file: options.valuesFile });
      const fromValues = valuesFileDefaults(ctx.spec, values);
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
            retryPolicy: spec && 'retryPolicy' in spec ? spec.retryPolicy : undefined,
          };
        });
      // The address and credentials are known at once, so the apps can start while the mock
      // (most of a second to import) loads; early requests wait for it.
      server = await DeferredServer.listen();
      const credentials = newCredentials();
      info = {
        apiUrl: server.url,
        authUrl: server.url,
        projectKey: DEFAULT_PROJECT_KEY,
        ...credentials,
        scope: scopeFor(DEFAULT_PROJECT_KEY, ctx.spec.inheritAs?.apiClient?.scopes),
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
            scopes: ctx.spec.inheritAs?.apiClient?.scopes,
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
            emit: (event) => ctx.bus.emit(event.type, event.data),
            warn: (text) => ctx.logger.warn(text),
          }).then((started) => {
            routes = createPlatformRouter(started);
            return started;
          }),
        )
        .finally(() => {
          settled = true;
        });
      ctx.logger.info(
        `Local commercetools API: ${info.apiUrl} (project ${info.projectKey}); extensions and subscriptions are emulated.`,
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
      if (!settled && options.quickStop) {
        // Still loading (nothing needed it yet, e.g. a short `connect dev --exec`): do not wait
        // for the mock to load only to stop it; it stops itself once loaded.
        routes = undefined;
        const late = starting;
        void late.then(
          (started) => started?.stop(),
          () => undefined,
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
      return info ?? null;
    },
    routes() {
      return router;
    },
    env(app: Application) {
      if (!info) return {};
      return {
        ...platformEnvironment(info, { name: app.name, type: app.applicationType }),
        // Scripts get no preload from the emulator; post-deploy scripts that derive the API
        // host from CTP_REGION must reach the local API too. Apps get the full preload,
        // which includes this module.
        NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' '),
      };
    },
  };
}
