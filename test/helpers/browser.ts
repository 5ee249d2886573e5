/**
 * Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by playwright-core, for
 * the dashboard's browser tests. Never downloads a browser; every run gets a fresh profile.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { repoRoot, tempDir } from './cli.js';

export const CHROMIUM = '/usr/bin/chromium';
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
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium).`);
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
