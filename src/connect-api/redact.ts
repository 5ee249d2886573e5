/**
 * Secrets never reach the terminal: the client secret, access tokens and secured
 * configuration values are registered here and replaced by `****` in every trace line,
 * error message and printed resource.
 */
export const MASK = '****';

const SECRET_FIELD = /secret|token|password|authorization/i;

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  /** Remembers values to hide; very short ones are ignored (they would mask ordinary text). */
  add(...values: Array<string | null | undefined>): this {
    for (const value of values) {
      if (typeof value === 'string' && value.length >= 4 && !this.secrets.has(value)) {
        this.secrets.add(value);
        this.pattern = undefined;
      }
    }
    return this;
  }

  redact(text: string): string {
    if (this.secrets.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.secrets]
        .sort((a, b) => b.length - a.length)
        .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, MASK);
  }

  /** A deep copy of a JSON value with secret-looking fields and secured values masked. */
  redactValue<T>(value: T): T {
    return maskValue(value, this) as T;
  }
}

function maskValue(value: unknown, redactor: Redactor, secured = false): unknown {
  if (typeof value === 'string') return secured ? MASK : redactor.redact(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, redactor, secured));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (secured && key === 'value') out[key] = MASK;
      else if (key === 'securedConfiguration') out[key] = maskSecuredList(item, redactor);
      else if (SECRET_FIELD.test(key) && typeof item === 'string') out[key] = MASK;
      else out[key] = maskValue(item, redactor);
    }
    return out;
  }
  return value;
}

/** securedConfiguration lists carry `{key, value}`: the keys stay readable, the values do not. */
function maskSecuredList(list: unknown, redactor: Redactor): unknown {
  if (!Array.isArray(list)) return maskValue(list, redactor);
  return list.map((entry: unknown) => {
    if (entry && typeof entry === 'object' && 'value' in entry) return { ...entry, value: MASK };
    return maskValue(entry, redactor);
  });
}
