/**
 * Merchant Center custom applications and views run locally with their own `start` script
 * (mc-scripts). What they need from the emulator:
 * - their own port: mc-scripts reads `HTTP_PORT` (default 3001, so two apps would collide),
 *   binds to `HOST` (default 0.0.0.0: we say 127.0.0.1) and opens a browser unless
 *   `BROWSER=none`;
 * - the IDs Connect's configuration gives them, with local values when nobody set them:
 *   `CUSTOM_APPLICATION_ID` / `CUSTOM_VIEW_ID`, `ENTRY_POINT_URI_PATH`, `CLOUD_IDENTIFIER`
 *   (and `CTP_INITIAL_PROJECT_KEY`, which mc-scripts' development config reads). The
 *   application config refuses a `${env:X}` whose variable is unset, so these must exist.
 * `APPLICATION_URL` is a runtime variable (../environment.ts).
 */
import { createHash } from 'node:crypto';

import { MERCHANT_CENTER_TYPES, type Application } from '../spec/types.js';

/** mc-scripts' default port, which a front end may also hard-code: mapped to the app's own. */
export const MC_SCRIPTS_PORT = 3001;

const CLOUDS: Array<[RegExp, string]> = [
  [/^europe-.*\.gcp$/, 'gcp-eu'],
  [/^us-.*\.gcp$/, 'gcp-us'],
  [/^australia-.*\.gcp$/, 'gcp-au'],
  [/^eu-.*\.aws$/, 'aws-eu'],
  [/^us-.*\.aws$/, 'aws-us'],
];

export function isFrontend(app: Application): boolean {
  return MERCHANT_CENTER_TYPES.includes(app.applicationType);
}

/** The Merchant Center cloud of a commercetools region (`europe-west1.gcp` -> `gcp-eu`). */
export function cloudIdentifierOf(region: string | undefined): string {
  for (const [pattern, cloud] of CLOUDS) if (region && pattern.test(region)) return cloud;
  return 'gcp-eu';
}

/**
 * An entry point path of the Merchant Center's shape (lowercase letters, digits, `-` and `_`,
 * neither first nor last nor doubled, at most 64) made from the application's name.
 */
export function entryPointOf(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/[-_]{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 64)
    .replace(/[-_]+$/g, '');
  return cleaned.length >= 2 ? cleaned : `app-${cleaned || 'local'}`;
}

/** A stable local ID shaped like the Merchant Center's (a cuid: `c` + 24 of [a-z0-9]). */
export function localIdOf(kind: 'application' | 'view', name: string): string {
  const digest = createHash('sha256').update(`connect-dev:${kind}:${name}`).digest();
  let id = 'c';
  for (let i = 0; id.length < 25; i++) id += ((digest[i] ?? 0) % 36).toString(36);
  return id;
}

/** Values for the front end's IDs, used for any that nobody configured. */
export function frontendDefaults(
  app: Application,
  facts: { projectKey: string; region?: string | undefined },
): Record<string, string> {
  if (!isFrontend(app)) return {};
  const out: Record<string, string> = {
    ENTRY_POINT_URI_PATH: entryPointOf(app.name),
    CLOUD_IDENTIFIER: cloudIdentifierOf(facts.region),
    CTP_INITIAL_PROJECT_KEY: facts.projectKey,
  };
  if (app.applicationType === 'merchant-center-custom-view') out.CUSTOM_VIEW_ID = localIdOf('view', app.name);
  else out.CUSTOM_APPLICATION_ID = localIdOf('application', app.name);
  return out;
}

/** How mc-scripts is told where to listen (and not to open a browser). */
export function frontendRuntime(port: number | null): Record<string, string> {
  return {
    ...(port === null ? {} : { HTTP_PORT: String(port) }),
    HOST: '127.0.0.1',
    BROWSER: 'none',
  };
}
