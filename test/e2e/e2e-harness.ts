// Starts `npm run web` (the real server, on a free port, with a fresh data folder), launches Debian's Chromium
// headless through playwright-core, and tears both down. Tests skip with a note when Chromium is absent.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.KFS_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results/screenshots');

if (!HAS_CHROMIUM) console.warn(`[e2e] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set KFS_CHROMIUM).`);

export interface WebApp {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Runs the web server as `npm run web` does (building the renderer first) and waits for its URL line. */
export async function startWebApp(options: { build?: boolean } = {}): Promise<WebApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kfs-e2e-'));
  const args = ['tsx', 'electron/web/web-main.ts', '--port', '0', '--data', dataDir, ...(options.build === false ? ['--no-build'] : [])];
  const child = spawn('npx', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web server printed no URL within 180 s:\n${out}\n${err}`)), 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web server exited (${code}) before printing its URL:\n${out}\n${err}`));
    });
  });
  return { url, dataDir, stop: () => stopChild(child).then(() => rm(dataDir, { recursive: true, force: true })) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // The server runs under npx/tsx: signal the whole process group this harness started.
    process.kill(-(child.pid as number), 'SIGTERM');
  });
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
