// Hands bytes to the browser as a download (web mode): an object URL on a temporary link with a `download` name.
const REVOKE_AFTER_MS = 60_000;

export function downloadBytes(bytes: Uint8Array, fileName: string, mime: string): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; the blob is small and goes with the page anyway.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
