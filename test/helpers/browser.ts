/**
 * A Chromium driven by playwright-core, for the dashboard's browser tests: $CHROMIUM_PATH, else
 * Debian's (/usr/bin/chromium, installed by .ci/run), else a system Chrome. Never downloads a
 * browser; every run gets a fresh profile. On a machine without one the browser tests are
 * skipped with one line saying how to run them; in CI (CI=true) they fail instead.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { repoRoot, tempDir } from './cli.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The browser to drive, or undefined when this machine has none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return CANDIDATES.find((path) => existsSync(path));
}

export const CHROMIUM = findChromium() ?? '/usr/bin/chromium';
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/** True when the browser tests cannot run here and may be skipped (never in CI). */
export const skipBrowserTests = findChromium() === undefined && !inCi;
if (skipBrowserTests) {
  process.stderr.write(
    'Skipping the dashboard browser tests: no Chromium found. Run them with `apt-get install chromium` (or CHROMIUM_PATH=/path/to/chrome npm test).\n',
  );
}
export const screenshotsDir = join(repoRoot, 'test-results', 'dashboard');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  const profile = await tempDir('connect-chromium-');
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    timezoneId: 'Europe/Berlin',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await profile.cleanup();
    },
  };
}

/** Saves a full-page screenshot as a test artifact (test-results/dashboard/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}
