/**
 * What the emulator keeps of an application's answer: bounded (a 10 MB answer is not kept
 * whole in the call history, nor a 10,000-level nesting that no JSON serializer survives), and
 * masked (an answer that echoes a secured value does not reach the admin API, the stream,
 * `--json` output or the client's error with it).
 */

/** Answers larger than this (serialized) are kept as a truncated text with a marker. */
export const MAX_KEPT_BYTES = 64 * 1024;
/** Deeper answers are kept as truncated text: JSON.stringify recurses. */
export const MAX_KEPT_DEPTH = 64;
const PREVIEW_CHARS = 2048;

/** True when the value nests deeper than `max` (iterative: must not overflow itself). */
export function deeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(current as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The body to keep: itself when small and shallow, else the start of the raw text followed by
 * a marker saying how much was left out.
 */
export function boundedBody(body: unknown, text: string): unknown {
  if (body === undefined || body === null || typeof body !== 'object') {
    if (typeof body === 'string' && body.length > MAX_KEPT_BYTES) return truncated(body);
    return body;
  }
  if (deeperThan(body, MAX_KEPT_DEPTH)) {
    return `${text.slice(0, PREVIEW_CHARS)}… [truncated by connect dev: the answer nests deeper than ${MAX_KEPT_DEPTH} levels]`;
  }
  if (text.length > MAX_KEPT_BYTES) return truncated(text);
  return body;
}

function truncated(text: string): string {
  const size = Buffer.byteLength(text);
  const shown =
    size >= 1024 * 1024 ? `${(size / 1024 / 1024).toFixed(1)} MB` : `${Math.round(size / 1024)} KB`;
  return `${text.slice(0, PREVIEW_CHARS)}… [truncated by connect dev: ${shown} answer, ${PREVIEW_CHARS} characters kept]`;
}

/** A copy of `value` with `redact` applied to every string (keys included), long strings truncated. */
export function maskDeep<T>(value: T, redact: (text: string) => string): T {
  const walk = (current: unknown, depth: number): unknown => {
    if (typeof current === 'string')
      return redact(current.length > MAX_KEPT_BYTES ? truncated(current) : current);
    if (current === null || typeof current !== 'object' || depth > MAX_KEPT_DEPTH * 2) return current;
    if (Array.isArray(current)) return current.map((item) => walk(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(current as Record<string, unknown>)) {
      out[redact(key)] = walk(item, depth + 1);
    }
    return out;
  };
  return walk(value, 0) as T;
}
