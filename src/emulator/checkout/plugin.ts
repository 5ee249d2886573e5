/**
 * Checkout and payments as a plugin of `connect dev`: the Session API, the Checkout API and the
 * Merchant Center's JWKS/JWT issuer on 127.0.0.1 (./services.ts), their URLs in every app's
 * environment (CTP_SESSION_URL, CTP_CHECKOUT_URL, CTP_JWKS_URL, CTP_JWT_ISSUER, and the
 * host-redirect preload's CONNECT_EMULATOR_* for `session.`, `checkout.`, `mc-api.` hosts), and
 * the admin routes behind `connect trigger session` and `connect trigger mc-token`.
 * Runs on the local project of the platform plugin; without it (`--no-platform`) it is off.
 */
import type { NextFunction, Request, Response, Router } from 'express';

import type { Application } from '../../spec/types.js';
import type { EmulatedPlatform } from '../platform/emulated-platform.js';
import { DeferredServer } from '../platform/deferred-server.js';
import type { EmulatorPlugin, PluginContext } from '../types.js';
import { savedPorts } from './persist-file.js';
import type { CheckoutServices } from './services.js';
import type { CheckoutState } from './state.js';

export interface CheckoutInfo {
  sessionUrl: string;
  checkoutUrl: string;
  jwksUrl: string;
  jwtIssuer: string;
}

export interface CheckoutPluginOptions {
  /** The platform plugin whose local project the sessions belong to. */
  platform: { ready(): Promise<EmulatedPlatform | undefined> };
  /** `connect dev --persist DIR`: sessions and the signing key are kept in DIR/checkout.json. */
  persistDir?: string | undefined;
}

export interface Running {
  platform: EmulatedPlatform;
  state: CheckoutState;
  services: CheckoutServices;
}

/** The variables an app gets for the local checkout hosts. */
export function checkoutEnvironment(info: CheckoutInfo): Record<string, string> {
  const mcApi = new URL(info.jwksUrl).origin;
  return {
    CTP_SESSION_URL: info.sessionUrl,
    CTP_CHECKOUT_URL: info.checkoutUrl,
    CTP_JWKS_URL: info.jwksUrl,
    CTP_JWT_ISSUER: info.jwtIssuer,
    // Read by the host-redirect preload: https://session|checkout|mc-api.<region>.commercetools.com go here.
    CONNECT_EMULATOR_SESSION_URL: info.sessionUrl,
    CONNECT_EMULATOR_CHECKOUT_URL: info.checkoutUrl,
    CONNECT_EMULATOR_MC_API_URL: mcApi,
  };
}

async function listenPreferring(port: number | undefined): Promise<DeferredServer> {
  if (port) {
    try {
      return await DeferredServer.listen(port);
    } catch {
      // taken by now: any free port
    }
  }
  return DeferredServer.listen();
}

function portOf(server: DeferredServer): number {
  return Number(new URL(server.url).port);
}

const CHECKOUT_KEYS = ['CTP_SESSION_URL', 'CTP_CHECKOUT_URL', 'CTP_JWKS_URL', 'CTP_JWT_ISSUER'];

/** Whether an app declares one of the checkout variables (then the URLs are worth a line at start). */
function usesCheckout(ctx: PluginContext): boolean {
  return ctx.spec.deployAs.some((app) => {
    const configuration = 'configuration' in app ? app.configuration : undefined;
    const keys = [
      ...(configuration?.standardConfiguration ?? []),
      ...(configuration?.securedConfiguration ?? []),
    ].map((entry) => entry.key);
    return keys.some((key) => CHECKOUT_KEYS.includes(key));
  });
}

export function createCheckoutPlugin(options: CheckoutPluginOptions): EmulatorPlugin & {
  ready(): Promise<Running | undefined>;
} {
  let info: CheckoutInfo | undefined;
  let servers: { session: DeferredServer; checkout: DeferredServer; mcApi: DeferredServer } | undefined;
  // Opened at the first use (a request to one of the hosts, an admin call), not at start:
  // making the RSA signing key costs a few hundred ms of CPU that most connectors never need.
  let starting: Promise<Running | undefined> | undefined;
  let open: () => Promise<Running | undefined> = () => Promise.resolve(undefined);
  const ensure = (): Promise<Running | undefined> => (starting ??= open());
  let routes: Router | undefined;
  const router = (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/checkout')) {
      next();
      return;
    }
    void ensure().then(() => (routes ? routes(req, res, next) : next()), next);
  };

  return {
    name: 'checkout',
    ready: ensure,
    async start(ctx: PluginContext) {
      // With --persist, the same ports as last time when they are free: the URLs, the issuer
      // and so the Merchant Center tokens minted earlier stay valid across restarts.
      const saved = await savedPorts(options.persistDir);
      const [session, checkout, mcApi] = await Promise.all([
        listenPreferring(saved?.session),
        listenPreferring(saved?.checkout),
        listenPreferring(saved?.mcApi),
      ]);
      servers = { session, checkout, mcApi };
      info = {
        sessionUrl: session.url,
        checkoutUrl: checkout.url,
        jwksUrl: `${mcApi.url}/.well-known/jwks.json`,
        jwtIssuer: mcApi.url,
      };
      const all = [session, checkout, mcApi];
      for (const server of all) server.onFirstRequest(() => void ensure());
      if (usesCheckout(ctx)) {
        ctx.logger.info(
          `Session API: ${info.sessionUrl}, Checkout API: ${info.checkoutUrl}, Merchant Center JWKS: ${info.jwksUrl} (see connect trigger session / mc-token).`,
        );
      }
      open = () =>
        options.platform
          .ready()
          .then(async (platform) => {
            if (!platform) throw new Error('the local commercetools API is not running');
            const [{ CheckoutState }, { CheckoutServices }, { createCheckoutRouter }] = await Promise.all([
              import('./state.js'),
              import('./services.js'),
              import('./admin-routes.js'),
            ]);
            const state = await CheckoutState.open(platform.api.projectKey, options.persistDir, {
              session: portOf(session),
              checkout: portOf(checkout),
              mcApi: portOf(mcApi),
            });
            const services = new CheckoutServices(platform.api, state, (text) => ctx.logger.warn(text));
            session.attach(services.sessionHandler());
            checkout.attach(services.checkoutHandler());
            mcApi.attach(services.mcApiHandler());
            const running: Running = { platform, state, services };
            routes = createCheckoutRouter(running, ctx, () => info!);
            return running;
          })
          .catch((error: unknown) => {
            const message = `The local Session and Checkout APIs did not start: ${error instanceof Error ? error.message : String(error)}`;
            ctx.logger.error(message);
            for (const server of all) server.fail(message);
            return undefined;
          });
    },
    async stop() {
      const running = await starting?.catch(() => undefined);
      await running?.state.save();
      routes = undefined;
      if (servers) await Promise.all(Object.values(servers).map((server) => server.close()));
      servers = undefined;
    },
    info() {
      return info ?? null;
    },
    routes() {
      return router;
    },
    env(_app: Application) {
      return info ? checkoutEnvironment(info) : {};
    },
  };
}
