// A watched run that ends tells the person, in web mode: the browser's Notification (stubbed in the page before the
// app loads, to observe the calls) is asked for permission when Start run is pressed (a click, as browsers want),
// and shows one notification when the run ends while the person is back in the editor (not looking at the run; in
// headless Chromium every tab stays visible and focused, so leaving the page cannot be shown here); with "Notify
// when runs end" turned off (kept across a reload) the next run's end shows none, only its toast.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, SCREENSHOT_DIR, webAppForSuite } from './e2e-harness';

// The browser's API, replaced before the app's code runs: permission starts unanswered; each call is recorded.
const FAKE_NOTIFICATION = `(() => {
  const seen = { asked: [], shown: [] };
  window.__notifications = seen;
  class FakeNotification {
    static permission = 'default';
    static requestPermission() {
      seen.asked.push({ fromClick: navigator.userActivation ? navigator.userActivation.isActive : null });
      FakeNotification.permission = 'granted';
      return Promise.resolve('granted');
    }
    constructor(title, options) { seen.shown.push({ title, body: options && options.body, tag: options && options.tag }); }
  }
  window.Notification = FakeNotification;
})()`;

interface Seen {
  asked: { fromClick: boolean | null }[];
  shown: { title: string; body: string; tag: string }[];
}

const seen = (page: Page) => page.evaluate('window.__notifications') as Promise<Seen>;

async function startRun(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Make data', exact: true }).waitFor();
  await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('dialog', { name: /^Run / }).getByRole('button', { name: 'Start run' }).click();
  await page.getByRole('main', { name: 'Runs view' }).waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('run end notifications in the browser (web mode)', () => {
  const suite = webAppForSuite();

  it('asks on Start run, notifies once the run ends out of sight, and not when turned off', async () => {
    const page = await suite.browser.newPage();
    await page.addInitScript(FAKE_NOTIFICATION);
    await page.goto(suite.app.url);

    await startRun(page);
    const asked = (await seen(page)).asked;
    expect(asked).toHaveLength(1);
    expect(asked[0]?.fromClick).not.toBe(false);
    // The person goes back to the editor while the run runs.
    await page.getByRole('button', { name: '← Editor' }).click();
    // The app's CSP allows no eval in the page, so the test polls from here.
    await expect.poll(async () => (await seen(page)).shown.length, { timeout: 120_000, interval: 250 }).toBeGreaterThan(0);
    const shown = (await seen(page)).shown;
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('KFP Studio: run succeeded');
    expect(shown[0]?.body).toMatch(/^Run classic-local .* succeeded\.$/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'notify-after.png') });

    // Turned off in the runs view: kept after a reload, and the next run's end is only a toast.
    await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
    await page.getByRole('checkbox', { name: /^Notify when runs end/ }).uncheck();
    await page.reload();
    await page.getByRole('toolbar', { name: 'Editor' }).getByRole('button', { name: 'Runs', exact: true }).click();
    expect(await page.getByRole('checkbox', { name: /^Notify when runs end/ }).isChecked()).toBe(false);
    await page.getByRole('button', { name: '← Editor' }).click();
    await startRun(page);
    await page.getByRole('button', { name: '← Editor' }).click();
    const toasts = page.getByRole('status', { name: 'Notifications' }).locator('span');
    await expect.poll(async () => (await toasts.allTextContents()).some((text) => / succeeded\.$/.test(text)), { timeout: 120_000, interval: 250 }).toBe(true);
    const after = await seen(page);
    expect(after.shown).toHaveLength(0);
    expect(after.asked).toHaveLength(0);
  }, 300_000);
});
