/**
 * Evaluates commercetools query predicates (extension trigger conditions, `where` on
 * /messages) with the mock's own predicate parser, so conditions mean exactly what they
 * mean in the local API's queries. The parser is not exported, so we run the predicate as a
 * query over a private scratch storage holding only the resource at hand.
 */
import { InMemoryStorage } from '@labdigital/commercetools-mock';

const SCRATCH_PROJECT = '__predicates';
// Any type the storage has a map for; the parser does not depend on the type.
const SCRATCH_TYPE = 'order';

export class PredicateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PredicateError';
  }
}

type Storage = {
  add(projectKey: string, typeId: string, resource: object): Promise<unknown>;
  delete(projectKey: string, typeId: string, id: string): Promise<unknown>;
  query(projectKey: string, typeId: string, params: object): Promise<{ results: Array<{ id: string }> }>;
};

export class PredicateEvaluator {
  private readonly storage = new InMemoryStorage() as unknown as Storage;
  private counter = 0;

  /** True when `resource` matches `predicate`; throws PredicateError when it cannot be evaluated. */
  async matches(resource: object, predicate: string): Promise<boolean> {
    const id = `p${++this.counter}`;
    await this.storage.add(SCRATCH_PROJECT, SCRATCH_TYPE, { ...resource, id });
    try {
      const result = await this.storage.query(SCRATCH_PROJECT, SCRATCH_TYPE, {
        where: [predicate],
        limit: 500,
      });
      return result.results.some((r) => r.id === id);
    } catch (error) {
      throw new PredicateError(error instanceof Error ? error.message : String(error));
    } finally {
      await this.storage.delete(SCRATCH_PROJECT, SCRATCH_TYPE, id);
    }
  }

  /** The items matching every predicate of `where`, in their order. */
  async filter<T extends { id: string }>(items: T[], where: string[]): Promise<T[]> {
    if (where.length === 0) return items;
    const kept: T[] = [];
    for (const item of items) {
      let ok = true;
      for (const predicate of where) {
        if (!(await this.matches(item, predicate))) {
          ok = false;
          break;
        }
      }
      if (ok) kept.push(item);
    }
    return kept;
  }
}
