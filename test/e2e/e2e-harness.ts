// Starts `npm run web` (the real server, on a free port, with a fresh data folder), launches Debian's Chromium
// headless through playwright-core, and tears both down. Tests skip with a note when Chromium is absent.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startWebProcess } from '../runs/web-app-process';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.KFS_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results/screenshots');

if (!HAS_CHROMIUM) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set KFS_CHROMIUM).`);

export interface WebApp {
  /** Opens the bundled runnable example. */
  url: string;
  /** Opens what was open last (a reload or a return to the app). */
  resumeUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Runs the web server as `npm run web` does (building the renderer first) on a fresh data folder, removed at stop. */
export async function startWebApp(options: { build?: boolean } = {}): Promise<WebApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kfs-e2e-'));
  const web = await startWebProcess(dataDir, options);
  return { url: web.url, resumeUrl: web.resumeUrl, dataDir, stop: () => web.stop().then(() => rm(dataDir, { recursive: true, force: true })) };
}

export interface BrowserSession {
  context: BrowserContext;
  userDataDir: string;
  /** A new tab with the colour scheme the system would report. */
  newPage(options?: { colorScheme?: 'light' | 'dark' }): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium with a fresh profile folder (Playwright takes it as a persistent context rather than --user-data-dir). */
export async function launchChromium(): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'kfs-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  return {
    context,
    userDataDir,
    newPage: async (options = {}) => {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
      // Tests share a data folder, so a page may find work an earlier page left unsaved and offer to recover it
      // (as the app should). Whenever that offer stands in the way of a test's action, put it off ("Later").
      const offer = page.getByRole('dialog', { name: 'Recover unsaved work' });
      await page.addLocatorHandler(offer, async () => {
        await offer.getByRole('button', { name: 'Later' }).click();
      });
      return page;
    },
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the web app (fresh data folder) and Chromium once for the enclosing suite, and stops both after it. */
/** A suite's resource once its beforeAll made it; a clear error when that failed (the failure is reported there). */
export function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the suite did not start: see its beforeAll failure');
  return value;
}

export function webAppForSuite(): { readonly app: WebApp; readonly browser: BrowserSession } {
  let app: WebApp | undefined;
  let browser: BrowserSession | undefined;
  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    app = await startWebApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() { return started(app); },
    get browser() { return started(browser); },
  };
}
