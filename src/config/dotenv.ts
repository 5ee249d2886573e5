/**
 * `.env` files: the application folder's and the repository root's feed the configuration
 * layers `app-dotenv` and `root-dotenv` (see values.ts). Parsed with Node's own `util.parseEnv`
 * (the dotenv format: `KEY=value`, quotes, `#` comments, `export KEY=value`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** The variables of `<dir>/.env`, or undefined when there is no such file. */
export async function readDotenv(dir: string): Promise<Record<string, string> | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, '.env'), 'utf8');
  } catch {
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(text))) if (value !== undefined) out[key] = value;
  return out;
}
