// In the desktop app the preload exposes `window.kfpStudio` (shared/host-api/desktop-bridge.ts): the HostApi over IPC
// plus the window calls and menu events. Absent in a browser (web mode), where the HTTP client is used instead.
import type { DesktopBridge } from '../../shared/host-api/desktop-bridge';

export function desktopBridge(from: object = window): DesktopBridge | undefined {
  const bridge = (from as { kfpStudio?: unknown }).kfpStudio;
  return typeof bridge === 'object' && bridge !== null && typeof (bridge as { documentOpen?: unknown }).documentOpen === 'function' ? (bridge as DesktopBridge) : undefined;
}
