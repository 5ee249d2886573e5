/**
 * Endpoints of the platform that real connectors call and the mock lacks, answered as the
 * platform does:
 * - `GET /{projectKey}/in-store/key={storeKey}/product-selection-assignments`: the products the
 *   store's active Product Selections make available (ProductsInStorePagedQueryResponse);
 * - `GET /{projectKey}/product-selections/{id|key=…}/products` (AssignedProductReference);
 * - `GET /{projectKey}/products/{id|key=…}/product-selections` (AssignedProductSelection);
 * - `GET /{projectKey}/in-store/key={storeKey}/product-tailoring` and `/product-tailoring`
 *   listings of the store;
 * - `POST /{projectKey}/customers/password` and its in-store form (change a customer's password);
 * and every other route answers the platform's 404 error body, with a log line naming the
 * missing route, so gaps of the emulation show instead of passing as "not found".
 */
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { oauthMiddleware, storage, type CommercetoolsErrorClass, type Resource } from './mock-internals.js';
import { publicSelection, selectedProducts } from './product-selections.js';

type Json = Record<string, unknown>;

export interface ExtraRoutesOptions {
  /** Called for every request no route answers (method, path without query). */
  onMissingRoute?: ((method: string, path: string) => void) | undefined;
  /** Called after a customer's password was changed (messages). */
  onPasswordChanged?: ((customer: Resource, clientId: string | undefined) => void) | undefined;
}

interface Paging {
  limit: number;
  offset: number;
  withTotal: boolean;
}

function paging(query: Json): Paging {
  const limit = Math.min(Math.max(Number(query.limit ?? 20) || 20, 1), 500);
  const offset = Math.max(Number(query.offset ?? 0) || 0, 0);
  return { limit, offset, withTotal: String(query.withTotal ?? 'true') !== 'false' };
}

function page<T>(all: T[], { limit, offset, withTotal }: Paging): Json {
  const results = all.slice(offset, offset + limit);
  return { limit, offset, count: results.length, ...(withTotal ? { total: all.length } : {}), results };
}

/** The platform's error body for a missing resource or route. */
export function notFoundBody(message: string): Json {
  return { statusCode: 404, message, errors: [{ code: 'ResourceNotFound', message }] };
}

export function installExtraRoutes(
  mock: CommercetoolsMock,
  errorClass: CommercetoolsErrorClass,
  options: ExtraRoutesOptions = {},
): void {
  const store = storage(mock);
  const middleware = oauthMiddleware(mock);

  const find = async (projectKey: string, typeId: string, idOrKey: string): Promise<Resource | null> => {
    if (idOrKey.startsWith('key=')) {
      const key = decodeURIComponent(idOrKey.slice(4));
      return (await store.all(projectKey, typeId)).find((r) => r.key === key) ?? null;
    }
    return store.get(projectKey, typeId, idOrKey);
  };
  const missing = (reply: FastifyReply, typeId: string, idOrKey: string) => {
    const what = idOrKey.startsWith('key=') ? `key '${idOrKey.slice(4)}'` : `ID '${idOrKey}'`;
    const name = typeId === 'store' ? 'Store' : typeId === 'product' ? 'Product' : 'ProductSelection';
    return reply.status(404).send(notFoundBody(`The ${name} with ${what} was not found.`));
  };
  const expandProduct = async (projectKey: string, id: string, expand: unknown): Promise<Json> => {
    const wanted = ([] as unknown[]).concat(expand ?? []).map(String);
    const reference: Json = { typeId: 'product', id };
    if (wanted.some((e) => e === 'product' || e.startsWith('product.')))
      reference.obj = (await store.get(projectKey, 'product', id)) ?? undefined;
    return reference;
  };

  void mock.app.register(async (instance) => {
    instance.addHook('preHandler', middleware as never);

    instance.get(
      '/:projectKey/in-store/key=:storeKey/product-selection-assignments',
      async (request, reply) => {
        const { projectKey, storeKey } = request.params as { projectKey: string; storeKey: string };
        const query = request.query as Json;
        const storeResource = await find(projectKey, 'store', `key=${storeKey}`);
        if (!storeResource) return missing(reply, 'store', `key=${storeKey}`);
        const entries =
          (storeResource.productSelections as
            Array<{ productSelection: { id: string }; active?: boolean }> | undefined) ?? [];
        const assignments: Json[] = [];
        for (const entry of entries) {
          if (entry.active === false) continue;
          const selection = await store.get(projectKey, 'product-selection', entry.productSelection.id);
          if (!selection) continue;
          for (const assigned of await selectedProducts(mock, projectKey, selection)) {
            assignments.push({
              product: await expandProduct(projectKey, assigned.product.id, query.expand),
              productSelection: { typeId: 'product-selection', id: selection.id },
              ...(assigned.variantSelection ? { variantSelection: assigned.variantSelection } : {}),
              ...(assigned.variantExclusion ? { variantExclusion: assigned.variantExclusion } : {}),
            });
          }
        }
        return page(assignments, paging(query));
      },
    );

    instance.get('/:projectKey/product-selections/:idOrKey/products', async (request, reply) => {
      const { projectKey, idOrKey } = request.params as { projectKey: string; idOrKey: string };
      const query = request.query as Json;
      const selection = await find(projectKey, 'product-selection', idOrKey);
      if (!selection) return missing(reply, 'product-selection', idOrKey);
      const results: Json[] = [];
      for (const assigned of await selectedProducts(mock, projectKey, selection)) {
        results.push({
          product: await expandProduct(projectKey, assigned.product.id, query.expand),
          ...(assigned.variantSelection ? { variantSelection: assigned.variantSelection } : {}),
          ...(assigned.variantExclusion ? { variantExclusion: assigned.variantExclusion } : {}),
        });
      }
      return page(results, paging(query));
    });

    instance.get('/:projectKey/products/:idOrKey/product-selections', async (request, reply) => {
      const { projectKey, idOrKey } = request.params as { projectKey: string; idOrKey: string };
      const product = await find(projectKey, 'product', idOrKey);
      if (!product) return missing(reply, 'product', idOrKey);
      const results: Json[] = [];
      for (const selection of await store.all(projectKey, 'product-selection')) {
        const assigned = (await selectedProducts(mock, projectKey, selection)).find(
          (a) => a.product.id === product.id,
        );
        if (!assigned) continue;
        results.push({
          productSelection: { typeId: 'product-selection', id: publicSelection(selection).id },
          ...(assigned.variantSelection ? { variantSelection: assigned.variantSelection } : {}),
          ...(assigned.variantExclusion ? { variantExclusion: assigned.variantExclusion } : {}),
          createdAt: assigned.createdAt,
        });
      }
      return page(results, paging(request.query as Json));
    });

    const tailoringOfStore = async (request: FastifyRequest, reply: FastifyReply) => {
      const { projectKey, storeKey } = request.params as { projectKey: string; storeKey: string };
      const storeResource = await find(projectKey, 'store', `key=${storeKey}`);
      if (!storeResource) return missing(reply, 'store', `key=${storeKey}`);
      const all = (await store.all(projectKey, 'product-tailoring')).filter((t) => {
        const ref = t.store as { id?: string; key?: string } | undefined;
        return ref?.id === storeResource.id || ref?.key === storeResource.key;
      });
      return page(all, paging(request.query as Json));
    };
    instance.get('/:projectKey/in-store/key=:storeKey/product-tailoring', tailoringOfStore);

    const changePassword = async (request: FastifyRequest, reply: FastifyReply) => {
      const { projectKey } = request.params as { projectKey: string };
      const body = (request.body ?? {}) as {
        id?: string;
        version?: number;
        currentPassword?: string;
        newPassword?: string;
      };
      const customer = body.id ? await store.get(projectKey, 'customer', body.id) : null;
      if (!customer)
        return reply
          .status(404)
          .send(notFoundBody(`The Customer with ID '${String(body.id)}' was not found.`));
      if (body.version !== customer.version) {
        throw new errorClass(
          {
            code: 'ConcurrentModification',
            message: `Object ${customer.id} has a different version than expected. Expected: ${String(body.version)} - Actual: ${customer.version}.`,
            currentVersion: customer.version,
          },
          409,
        );
      }
      // The mock stores passwords base64-encoded (its hashPassword).
      if (customer.password !== Buffer.from(String(body.currentPassword ?? '')).toString('base64')) {
        throw new errorClass(
          { code: 'InvalidCurrentPassword', message: 'The given current password does not match.' },
          400,
        );
      }
      const updated: Resource = {
        ...customer,
        password: Buffer.from(String(body.newPassword ?? '')).toString('base64'),
        version: customer.version + 1,
        lastModifiedAt: new Date().toISOString(),
      };
      await store.add(projectKey, 'customer', updated);
      const clientId = (request as unknown as { credentials?: { clientId?: string } }).credentials?.clientId;
      options.onPasswordChanged?.(updated, clientId);
      const { password: _hidden, ...shown } = updated;
      return shown;
    };
    instance.post('/:projectKey/customers/password', changePassword);
    instance.post('/:projectKey/in-store/key=:storeKey/customers/password', changePassword);
  });

  mock.app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    options.onMissingRoute?.(request.method, path);
    void reply.status(404).send(notFoundBody(`The endpoint ${request.method} ${path} was not found.`));
  });
}
