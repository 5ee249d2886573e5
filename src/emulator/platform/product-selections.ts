/**
 * Product Selections as the platform has them (the mock keeps only name and custom fields):
 * the draft's `mode` (`Individual` or `IndividualExclusion`), the update actions that assign
 * products (addProduct, removeProduct, excludeProduct, setVariantSelection, setVariantExclusion,
 * setKey, setCustomField) and the assignments the in-store and product-selection endpoints read
 * (./extra-routes.ts). Assignments are kept on the stored resource under ASSIGNMENTS (so they
 * persist with the project) and removed from every answer.
 */
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

import {
  repository,
  storage,
  type CommercetoolsErrorClass,
  type RepositoryContext,
  type Resource,
} from './mock-internals.js';

export const ASSIGNMENTS = '__connectAssignments';

export interface Assignment {
  product: { typeId: 'product'; id: string };
  variantSelection?: Record<string, unknown>;
  variantExclusion?: Record<string, unknown>;
  /** Excluded from an `IndividualExclusion` selection. */
  excluded?: boolean;
  createdAt: string;
}

type Json = Record<string, unknown>;
type Handler = Record<string, unknown>;

export function assignmentsOf(selection: Resource): Assignment[] {
  return ((selection as Json)[ASSIGNMENTS] as Assignment[] | undefined) ?? [];
}

/** The selection without its assignment table, as the API shows it. */
export function publicSelection<T extends Resource>(selection: T): T {
  if (!(ASSIGNMENTS in selection)) return selection;
  const { [ASSIGNMENTS]: _hidden, ...rest } = selection as Json;
  return rest as T;
}

export function installProductSelections(mock: CommercetoolsMock, errorClass: CommercetoolsErrorClass): void {
  const repo = repository(mock, 'product-selection');
  if (!repo?.actions) return;
  const store = storage(mock);
  const create = repo.create;
  repo.create = async function (context, draft) {
    const created = await create.call(this, context, draft);
    const mode = (draft as { mode?: unknown } | null)?.mode;
    if (mode === 'IndividualExclusion' && created.mode !== mode) {
      created.mode = mode;
      await store.add(context.projectKey, 'product-selection', created);
    }
    return created;
  };
  const internal = repo as unknown as {
    postProcessResource(context: RepositoryContext, resource: Resource, params?: unknown): Promise<Resource>;
  };
  const postProcess = internal.postProcessResource;
  internal.postProcessResource = async function (context, resource, params) {
    return publicSelection(await postProcess.call(this, context, resource, params));
  };

  const productId = async (context: RepositoryContext, identifier: Json | undefined): Promise<string> => {
    if (identifier?.id) {
      if (await store.get(context.projectKey, 'product', String(identifier.id))) return String(identifier.id);
    } else if (identifier?.key) {
      const found = (await store.all(context.projectKey, 'product')).find((p) => p.key === identifier.key);
      if (found) return found.id;
    }
    throw new errorClass(
      {
        code: 'ReferencedResourceNotFound',
        message: `The referenced object of type 'product' ${JSON.stringify(identifier?.id ?? identifier?.key ?? '')} was not found. It either doesn't exist, or it can't be accessed from this endpoint (e.g., if the endpoint filters by store or customer account).`,
        typeId: 'product',
        ...(identifier?.id ? { id: identifier.id } : {}),
        ...(identifier?.key ? { key: identifier.key } : {}),
      },
      400,
    );
  };
  const table = (selection: Resource): Assignment[] => {
    const list = assignmentsOf(selection).map((a) => ({ ...a }));
    (selection as Json)[ASSIGNMENTS] = list;
    return list;
  };
  const count = (selection: Resource): void => {
    selection.productCount = assignmentsOf(selection).length;
  };
  /** setVariantSelection / setVariantExclusion: one field of a product's assignment, set or cleared. */
  const setAssignmentField = async (
    context: RepositoryContext,
    resource: Resource,
    action: Json,
    field: 'variantSelection' | 'variantExclusion',
  ): Promise<void> => {
    const id = await productId(context, action.product as Json | undefined);
    const entry = table(resource).find((a) => a.product.id === id);
    if (!entry)
      throw new errorClass({ code: 'InvalidOperation', message: `Product '${id}' is not assigned.` }, 400);
    if (action[field]) entry[field] = action[field] as Json;
    else delete entry[field];
  };
  const handler = repo.actions as unknown as Handler;
  const own: Record<
    string,
    (context: RepositoryContext, resource: Resource, action: Json) => Promise<void> | void
  > = {
    async addProduct(context, resource, action) {
      const id = await productId(context, action.product as Json | undefined);
      const list = table(resource);
      if (list.some((a) => a.product.id === id)) {
        throw new errorClass(
          {
            code: 'DuplicateField',
            message: `Product '${id}' is already assigned to the Product Selection.`,
            field: 'product',
            duplicateValue: id,
          },
          400,
        );
      }
      list.push({
        product: { typeId: 'product', id },
        ...(action.variantSelection ? { variantSelection: action.variantSelection as Json } : {}),
        createdAt: new Date().toISOString(),
      });
      count(resource);
    },
    async excludeProduct(context, resource, action) {
      const id = await productId(context, action.product as Json | undefined);
      const list = table(resource).filter((a) => a.product.id !== id);
      list.push({
        product: { typeId: 'product', id },
        ...(action.variantExclusion ? { variantExclusion: action.variantExclusion as Json } : {}),
        excluded: true,
        createdAt: new Date().toISOString(),
      });
      (resource as Json)[ASSIGNMENTS] = list;
      count(resource);
    },
    async removeProduct(context, resource, action) {
      const id = await productId(context, action.product as Json | undefined);
      (resource as Json)[ASSIGNMENTS] = table(resource).filter((a) => a.product.id !== id);
      count(resource);
    },
    setVariantSelection: (context, resource, action) =>
      setAssignmentField(context, resource, action, 'variantSelection'),
    setVariantExclusion: (context, resource, action) =>
      setAssignmentField(context, resource, action, 'variantExclusion'),
    setKey(_context, resource, action) {
      if (action.key === undefined || action.key === null) delete resource.key;
      else resource.key = String(action.key);
    },
    setCustomField(_context, resource, action) {
      const custom = resource.custom as { fields?: Json } | undefined;
      if (!custom)
        throw new errorClass({ code: 'InvalidOperation', message: 'Resource has no custom type' }, 400);
      custom.fields ??= {};
      if (action.value === null || action.value === undefined) delete custom.fields[String(action.name)];
      else custom.fields[String(action.name)] = action.value;
    },
  };
  for (const [name, implementation] of Object.entries(own)) {
    if (typeof handler[name] !== 'function') handler[name] = implementation;
  }
}

/** The products a selection makes available (for `IndividualExclusion`: every product not excluded). */
export async function selectedProducts(
  mock: CommercetoolsMock,
  projectKey: string,
  selection: Resource,
): Promise<Assignment[]> {
  const list = assignmentsOf(selection);
  if (selection.mode !== 'IndividualExclusion') return list.filter((a) => !a.excluded);
  const excluded = new Map(list.filter((a) => a.excluded).map((a) => [a.product.id, a]));
  const products = await storage(mock).all(projectKey, 'product');
  const out: Assignment[] = [];
  for (const product of products) {
    const exclusion = excluded.get(product.id);
    if (exclusion && !exclusion.variantExclusion) continue;
    out.push({
      product: { typeId: 'product', id: product.id },
      ...(exclusion?.variantExclusion ? { variantExclusion: exclusion.variantExclusion } : {}),
      createdAt: String(product.createdAt ?? ''),
    });
  }
  return out;
}

/**
 * A Store's `productSelections` (the mock drops them): kept from the draft and changed by the
 * addProductSelection, removeProductSelection, changeProductSelectionActive and
 * setProductSelections actions. `active` defaults to false, as on the platform.
 */
export function installStoreProductSelections(
  mock: CommercetoolsMock,
  errorClass: CommercetoolsErrorClass,
): void {
  const repo = repository(mock, 'store');
  if (!repo?.actions) return;
  const store = storage(mock);
  const reference = async (
    projectKey: string,
    identifier: Json | undefined,
  ): Promise<{ typeId: 'product-selection'; id: string }> => {
    const all = await store.all(projectKey, 'product-selection');
    const found = all.find((s) =>
      identifier?.id ? s.id === identifier.id : identifier?.key !== undefined && s.key === identifier.key,
    );
    if (!found) {
      throw new errorClass(
        {
          code: 'ReferencedResourceNotFound',
          message: `The referenced object of type 'product-selection' ${JSON.stringify(identifier?.id ?? identifier?.key ?? '')} was not found.`,
          typeId: 'product-selection',
        },
        400,
      );
    }
    return { typeId: 'product-selection', id: found.id };
  };
  const settings = async (projectKey: string, drafts: unknown): Promise<Json[]> => {
    const out: Json[] = [];
    for (const draft of Array.isArray(drafts) ? (drafts as Json[]) : []) {
      out.push({
        productSelection: await reference(projectKey, draft.productSelection as Json | undefined),
        active: draft.active === true,
      });
    }
    return out;
  };
  const create = repo.create;
  repo.create = async function (context, draft) {
    const created = await create.call(this, context, draft);
    const drafts = (draft as { productSelections?: unknown } | null)?.productSelections;
    if (Array.isArray(drafts) && drafts.length > 0) {
      created.productSelections = await settings(context.projectKey, drafts);
      await store.add(context.projectKey, 'store', created);
    }
    return created;
  };
  const list = (resource: Resource): Json[] => (resource.productSelections as Json[] | undefined) ?? [];
  const same = (entry: Json, id: string) =>
    (entry.productSelection as { id?: string } | undefined)?.id === id;
  const handler = repo.actions as unknown as Handler;
  const own: Record<string, (context: RepositoryContext, resource: Resource, action: Json) => Promise<void>> =
    {
      async addProductSelection(context, resource, action) {
        const ref = await reference(context.projectKey, action.productSelection as Json | undefined);
        if (list(resource).some((entry) => same(entry, ref.id))) return;
        resource.productSelections = [
          ...list(resource),
          { productSelection: ref, active: action.active === true },
        ];
      },
      async removeProductSelection(context, resource, action) {
        const ref = await reference(context.projectKey, action.productSelection as Json | undefined);
        resource.productSelections = list(resource).filter((entry) => !same(entry, ref.id));
      },
      async changeProductSelectionActive(context, resource, action) {
        const ref = await reference(context.projectKey, action.productSelection as Json | undefined);
        resource.productSelections = list(resource).map((entry) =>
          same(entry, ref.id) ? { ...entry, active: action.active === true } : entry,
        );
      },
      async setProductSelections(context, resource, action) {
        resource.productSelections = await settings(context.projectKey, action.productSelections);
      },
    };
  for (const [name, implementation] of Object.entries(own)) {
    if (typeof handler[name] !== 'function') handler[name] = implementation;
  }
}
