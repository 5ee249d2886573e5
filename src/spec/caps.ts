/**
 * Bounds on what validate checks, so that any file under the size limit validates in well under
 * two seconds: a list or a mapping longer than any connect.yaml needs is checked for its first
 * MAX_ITEMS entries only, with one diagnostic saying so (instead of one diagnostic per entry,
 * each costing a schema pass and a position lookup: 42,000 `null`s took minutes).
 */
import type { Diagnostic } from './diagnostics.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

/** No connect.yaml has this many applications, keys or list entries in one place. */
export const MAX_ITEMS = 200;

/** A copy of `value` with long lists and mappings cut to MAX_ITEMS, and a diagnostic per cut. */
export function capCollections(
  source: YamlSource,
  value: unknown,
): { value: unknown; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const walk = (current: unknown, path: PathSegment[], depth: number): unknown => {
    if (current === null || typeof current !== 'object' || depth > 64) return current;
    if (Array.isArray(current)) {
      if (current.length > MAX_ITEMS) {
        diagnostics.push(
          source.diagnostic(
            'schema-violation',
            'error',
            `this list has ${current.length} entries; no connect.yaml needs more than ${MAX_ITEMS}, and only the first ${MAX_ITEMS} were checked`,
            path,
          ),
        );
      }
      return current.slice(0, MAX_ITEMS).map((item, index) => walk(item, [...path, index], depth + 1));
    }
    const entries = Object.entries(current as Record<string, unknown>);
    if (entries.length > MAX_ITEMS) {
      diagnostics.push(
        source.diagnostic(
          'schema-violation',
          'error',
          `this mapping has ${entries.length} keys; no connect.yaml needs more than ${MAX_ITEMS}, and only the first ${MAX_ITEMS} were checked`,
          path,
        ),
      );
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries.slice(0, MAX_ITEMS)) {
      // defineProperty: a `__proto__` key stays a key.
      Object.defineProperty(out, key, {
        value: walk(item, [...path, key], depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  const capped = walk(value, [], 0);
  return { value: diagnostics.length > 0 ? capped : value, diagnostics };
}

/** More diagnostics than this are grouped: the first ones in full, the rest counted by code. */
export const MAX_DIAGNOSTICS = 200;

/** Keeps the first MAX_DIAGNOSTICS (sorted) diagnostics and one more that counts the others. */
export function groupDiagnostics(sorted: Diagnostic[]): Diagnostic[] {
  if (sorted.length <= MAX_DIAGNOSTICS + 1) return sorted;
  const kept = sorted.slice(0, MAX_DIAGNOSTICS);
  const rest = sorted.slice(MAX_DIAGNOSTICS);
  const byCode = new Map<string, number>();
  for (const diagnostic of rest) byCode.set(diagnostic.code, (byCode.get(diagnostic.code) ?? 0) + 1);
  const counts = [...byCode]
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `${code} ×${count}`)
    .join(', ');
  const first = rest[0]!;
  const errors = rest.some((diagnostic) => diagnostic.severity === 'error');
  kept.push({
    ...first,
    severity: errors ? 'error' : 'warning',
    code: [...byCode][0]?.[0] as Diagnostic['code'],
    message: `and ${rest.length} more problems from here on (${counts}): fix the ones above and run validate again`,
  });
  return kept;
}
