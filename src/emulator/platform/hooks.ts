/**
 * Wraps the mock's repositories so that every create, update and delete passes through our
 * layer: `beforeSave` runs after the mock applied the client's draft or update actions and
 * before the result is stored (where the platform calls API Extensions); it may change the
 * resource in place or throw to fail the client's request. `afterSave` sees what was stored
 * (where the platform generates Messages and change notifications).
 */
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

import { stepsOf, type ActionStep } from './action-steps.js';
import { repositories, storage, type RepositoryContext, type Resource } from './mock-internals.js';

export interface SaveChange {
  kind: 'create' | 'update';
  typeId: string;
  context: RepositoryContext;
  /** The resource about to be stored; change it in place to alter what is saved. */
  resource: Resource;
  /** The stored resource before an update. */
  old?: Resource;
}

export interface StoredChange {
  kind: 'create' | 'update' | 'delete';
  typeId: string;
  context: RepositoryContext;
  resource: Resource;
  old?: Resource;
  /** The update actions of an update, one step each (./action-steps.ts). */
  steps?: ActionStep[];
}

export interface PlatformHooks {
  beforeSave?(change: SaveChange): Promise<void>;
  afterSave?(change: StoredChange): void;
}

/** Installs the hooks on every repository; returns the function that removes them. */
export function installHooks(mock: CommercetoolsMock, hooks: PlatformHooks): () => void {
  const store = storage(mock);
  const restore: Array<() => void> = [];
  for (const repo of repositories(mock)) {
    const typeId = repo._typeId;
    const saveNew = repo.saveNew;
    const saveUpdate = repo.saveUpdate;
    const remove = repo.delete;

    repo.saveNew = async function (context, resource) {
      // saveNew stamps version 1; extensions see the resource as it will be stored.
      resource.version = 1;
      await hooks.beforeSave?.({ kind: 'create', typeId, context, resource });
      const saved = await saveNew.call(this, context, resource);
      hooks.afterSave?.({ kind: 'create', typeId, context, resource: saved });
      return saved;
    };
    repo.saveUpdate = async function (context, version, resource) {
      const old = (await store.get(context.projectKey, typeId, resource.id)) ?? undefined;
      await hooks.beforeSave?.({ kind: 'update', typeId, context, resource, ...(old ? { old } : {}) });
      const steps = stepsOf(resource);
      const saved = await saveUpdate.call(this, context, version, resource);
      hooks.afterSave?.({
        kind: 'update',
        typeId,
        context,
        resource: saved,
        ...(old ? { old } : {}),
        ...(steps ? { steps } : {}),
      });
      return saved;
    };
    repo.delete = async function (context, id, params) {
      const deleted = await remove.call(this, context, id, params);
      if (deleted) hooks.afterSave?.({ kind: 'delete', typeId, context, resource: deleted });
      return deleted;
    };
    restore.push(() => {
      repo.saveNew = saveNew;
      repo.saveUpdate = saveUpdate;
      repo.delete = remove;
    });
  }
  return () => {
    for (const undo of restore) undo();
  };
}

/** Replaces the fields of `target` with those of `source`, keeping the object identity the mock holds. */
export function replaceInPlace(target: Resource, source: Resource): void {
  for (const key of Object.keys(target)) if (!(key in source)) delete target[key];
  Object.assign(target, source);
}
