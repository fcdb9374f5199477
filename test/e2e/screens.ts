// Screenshots a person would look at: the same view at 1280×720 and 1920×1080, in the light and the dark theme, saved
// in test-results/screenshots as NAME-WIDTHxHEIGHT-THEME.png. The viewport and theme are put back afterwards.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './e2e-harness';

export const SCREEN_SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

/** `settle` runs after each resize or theme change (e.g. wait for a fit), before the picture is taken. */
export async function screenshotsAtSizesAndThemes(page: Page, name: string, settle?: () => Promise<void>): Promise<string[]> {
  const before = page.viewportSize();
  const files: string[] = [];
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await settle?.();
      const file = path.join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      files.push(file);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (before) await page.setViewportSize(before);
  return files;
}
