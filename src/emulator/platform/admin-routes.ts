/**
 * The emulated platform's routes of the admin API (docs/admin-api.md, "The emulated
 * platform"), mounted under `/__connect/api`. Errors are ConnectErrors, which the admin
 * server renders as `{error: {code, message, hint}}`.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

import { ConnectError, ExitCode, isConnectError } from '../../errors.js';
import { messageCatalogue } from '../events/catalogue.js';
import type { ExtensionAction } from '../extensions/runner.js';
import type { Resource } from './mock-internals.js';
import type { EmulatedPlatform } from './emulated-platform.js';
import {
  EXTENSION_RESOURCE_TYPES,
  extensionTypeId,
  normalizeTypeId,
  resourcePath,
} from './resource-types.js';

function usage(message: string, hint: string): ConnectError {
  return new ConnectError('INVALID_REQUEST', message, { hint, exitCode: 2 });
}

function object(value: unknown, what: string): Resource | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw usage(`${what} must be a JSON object.`, `send ${what} as an object`);
  return value as Resource;
}

/** The `type` that sends SNS's SubscriptionConfirmation instead of a Message. */
export const SNS_CONFIRMATION = 'SubscriptionConfirmation';

export function createPlatformRouter(platform: EmulatedPlatform): Router {
  const router = express.Router();
  router.use(express.json({ limit: '16mb' }));

  router.get('/platform', (_req, res) => {
    res.json(platform.info());
  });

  router.get('/extensions/calls', (_req, res) => {
    res.json({ calls: platform.extensions.recent() });
  });

  router.post('/extensions/:app/trigger', async (req, res) => {
    const body = (req.body ?? {}) as { resource?: string; action?: string; obj?: unknown; oldObj?: unknown };
    const typeId = extensionTypeId(String(body.resource ?? ''));
    if (!typeId) {
      throw usage(
        `"${String(body.resource ?? '')}" is not a resource type API Extensions can be triggered on.`,
        `use one of ${EXTENSION_RESOURCE_TYPES.join(', ')}`,
      );
    }
    if (body.action !== 'Create' && body.action !== 'Update') {
      throw usage(`"${String(body.action ?? '')}" is not an extension action.`, 'use Create or Update');
    }
    const call = await platform.extensions.trigger(String(req.params.app), {
      resource: typeId,
      action: body.action as ExtensionAction,
      obj: object(body.obj, 'obj'),
      oldObj: object(body.oldObj, 'oldObj'),
    });
    res.json(call);
  });

  // Every Message type the platform defines (for `connect trigger event` and the dashboard).
  router.get('/events/types', (_req, res) => {
    const catalogue = messageCatalogue();
    res.json({
      sdkVersion: catalogue.sdkVersion,
      types: Object.entries(catalogue.messages).map(([type, info]) => ({
        type,
        resourceTypeId: info.referenceTypeId ?? info.resourceTypeId,
        description: info.description,
      })),
    });
  });

  router.get('/events/messages', (req, res) => {
    const dead = req.query.dead === 'true' || req.query.dead === '1';
    res.json({ messages: platform.deliveries.list({ dead }) });
  });

  router.post('/events/:app/publish', async (req, res) => {
    const body = (req.body ?? {}) as { type?: string; format?: string; payload?: unknown; waitMs?: unknown };
    if (!body.type) throw usage('The message type is missing.', 'send {"type": "OrderCreated"}');
    // Not a commercetools Message: what Amazon SNS sends an endpoint it subscribes (AWS only).
    if (body.type === SNS_CONFIRMATION) {
      const waitMs =
        typeof body.waitMs === 'number' && body.waitMs >= 0 ? Math.min(body.waitMs, 600_000) : 3000;
      res.json(await platform.sendSubscriptionConfirmation(String(req.params.app), waitMs));
      return;
    }
    const delivery = await platform.publish(String(req.params.app), {
      type: body.type,
      format: body.format,
      payload: body.payload,
    });
    res.json(delivery);
  });

  router.post('/events/replay', async (req, res) => {
    const body = (req.body ?? {}) as { id?: string; allDead?: boolean };
    if (body.allDead === true) {
      res.json({ replayed: await platform.deliveries.replay({ allDead: true }) });
      return;
    }
    if (!body.id)
      throw usage('Say which message to replay.', 'send {"id": "<delivery id>"} or {"allDead": true}');
    if (!platform.deliveries.get(body.id)) {
      throw new ConnectError('MESSAGE_NOT_FOUND', `No delivery with id ${body.id}.`, {
        hint: 'list them with `connect events list`',
      });
    }
    res.json({ replayed: await platform.deliveries.replay({ id: body.id }) });
  });

  router.get('/resources/:typeId', async (req, res) => {
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    const result = await platform.api.query(String(req.params.typeId), query);
    res.status(result.statusCode).json(result.body);
  });

  router.post('/resources/:typeId', async (req, res) => {
    const result = await platform.api.request('POST', `/${pathFor(String(req.params.typeId))}`, req.body);
    res.status(result.statusCode).json(result.body);
  });

  // Standalone use (tests); inside `connect dev` the admin server's own handler renders errors the same way.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isConnectError(error)) {
      next(error);
      return;
    }
    const status = error.code.endsWith('NOT_FOUND') ? 404 : 400;
    res.status(status).json({
      error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
    });
  });
  return router;
}

function pathFor(typeIdOrPath: string): string {
  const typeId = normalizeTypeId(typeIdOrPath);
  if (!typeId) {
    throw new ConnectError(
      'UNKNOWN_RESOURCE_TYPE',
      `"${typeIdOrPath}" is not a resource type of the local API.`,
      {
        hint: 'use a typeId such as cart, order, customer, payment, product',
        exitCode: ExitCode.Usage,
      },
    );
  }
  return resourcePath(typeId) ?? typeIdOrPath;
}
