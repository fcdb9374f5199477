import { describe, expect, it } from 'vitest';
import { createGestureGate, decideWindowOpen, GESTURE_WINDOW_MS, isSafeExternalUrl } from './navigation-guard';

describe('external links', () => {
  it.each(['https://www.kubeflow.org/docs/', 'http://localhost:8080/#/runs'])('%s may open in the browser', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'app://kfp-studio/index.html', 'https://user:pw@evil.example/', 'ms-msdt:/id', `https://x.example/${'a'.repeat(3000)}`, 'not a url'])('%s never does', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('opens a link only right after a click or key press, once', () => {
    let now = 1000;
    const gate = createGestureGate(() => now);
    expect(decideWindowOpen('https://www.kubeflow.org/', gate)).toEqual({ action: 'deny', openExternally: false });
    gate.noteInput('mouseMove');
    expect(decideWindowOpen('https://www.kubeflow.org/', gate).openExternally).toBe(false);
    gate.noteInput('mouseUp');
    now += 100;
    expect(decideWindowOpen('https://www.kubeflow.org/', gate)).toEqual({ action: 'deny', openExternally: true });
    expect(decideWindowOpen('https://www.kubeflow.org/', gate).openExternally).toBe(false);
    gate.noteInput('keyDown');
    now += GESTURE_WINDOW_MS + 1;
    expect(decideWindowOpen('https://www.kubeflow.org/', gate).openExternally).toBe(false);
    gate.noteInput('mouseUp');
    expect(decideWindowOpen('file:///etc/passwd', gate)).toEqual({ action: 'deny', openExternally: false });
  });
});
