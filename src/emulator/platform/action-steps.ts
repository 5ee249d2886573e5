/**
 * What a Message needs to know of an update that the stored before/after pair does not tell:
 * which update actions ran and what each one changed. The mock applies a request's actions in
 * `repository.actions.apply`; we apply them one at a time through the same method and keep
 * every step (action, resource before, resource after), keyed by the updated resource object
 * that `saveUpdate` then receives (./hooks.ts hands the steps to `afterSave`).
 *
 * Requests that change a customer without an update action (password and email tokens, password
 * reset and change, email confirmation) are reported through `onRequest`.
 */
import type { CommercetoolsMock } from '@labdigital/commercetools-mock';

import { repositories, type RepositoryContext, type Resource, type UpdateAction } from './mock-internals.js';

export interface ActionStep {
  action: UpdateAction;
  before: Resource;
  after: Resource;
}

const stepsByResource = new WeakMap<object, ActionStep[]>();

/** The steps that produced `resource` (the object `saveUpdate` receives), if it came from update actions. */
export function stepsOf(resource: Resource): ActionStep[] | undefined {
  return stepsByResource.get(resource);
}

/**
 * Adds the steps that produced `from` (an extension's update actions) to those of `to` (the
 * resource about to be saved), so their messages are generated too, as on the platform.
 */
export function carrySteps(from: Resource, to: Resource): void {
  const extra = stepsByResource.get(from);
  if (!extra || extra.length === 0) return;
  stepsByResource.set(to, [...(stepsByResource.get(to) ?? []), ...extra]);
}

export type CustomerRequest =
  | { kind: 'password-token'; context: RepositoryContext; token: Resource & { customerId: string } }
  | { kind: 'email-token'; context: RepositoryContext; token: Resource & { customerId: string } }
  | {
      kind: 'password-reset' | 'password-change' | 'email-confirm';
      context: RepositoryContext;
      customer: Resource;
    };

type CustomerRepositoryMethods = Record<
  | 'passwordResetToken'
  | 'emailToken'
  | 'passwordReset'
  | 'emailTokenConfirm'
  | 'changePassword'
  | 'confirmEmail',
  ((context: RepositoryContext, input: unknown) => Promise<Resource>) | undefined
>;

const CUSTOMER_REQUESTS: Array<[keyof CustomerRepositoryMethods, CustomerRequest['kind']]> = [
  ['passwordResetToken', 'password-token'],
  ['emailToken', 'email-token'],
  ['passwordReset', 'password-reset'],
  ['emailTokenConfirm', 'email-confirm'],
  ['changePassword', 'password-change'],
  ['confirmEmail', 'email-confirm'],
];

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Installs the recorders; returns the function that removes them. */
export function installActionRecorder(
  mock: CommercetoolsMock,
  onRequest: (request: CustomerRequest) => void,
): () => void {
  const restore: Array<() => void> = [];
  const seen = new Set<object>();
  for (const repo of repositories(mock)) {
    const handler = repo.actions;
    if (handler && !seen.has(handler)) {
      seen.add(handler);
      const apply = handler.apply;
      handler.apply = async function (context, resource, version, actions) {
        const steps: ActionStep[] = [];
        let current = resource;
        let expected = version;
        for (const action of actions) {
          const next = await apply.call(this, context, current, expected, [action]);
          steps.push({ action, before: clone(current), after: clone(next) });
          current = next;
          expected = next.version;
        }
        if (actions.length === 0) current = await apply.call(this, context, resource, version, actions);
        stepsByResource.set(current, steps);
        return current;
      };
      restore.push(() => {
        handler.apply = apply;
      });
    }
    if (repo._typeId !== 'customer') continue;
    const methods = repo as unknown as CustomerRepositoryMethods;
    for (const [name, kind] of CUSTOMER_REQUESTS) {
      const original = methods[name];
      if (typeof original !== 'function' || Object.hasOwn(methods, name)) continue;
      methods[name] = async function (this: unknown, context, input) {
        const result = await original.call(this, context, input);
        if (kind === 'password-token' || kind === 'email-token') {
          onRequest({ kind, context, token: result as Resource & { customerId: string } });
        } else onRequest({ kind, context, customer: result });
        return result;
      };
      restore.push(() => {
        delete (methods as Partial<CustomerRepositoryMethods>)[name];
      });
    }
  }
  return () => {
    for (const undo of restore) undo();
  };
}
