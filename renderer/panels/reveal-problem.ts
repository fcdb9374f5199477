// Going from a problem to the exact place it is about: the input's field in Properties gets the focus, and its port
// on the canvas flashes, so the eye finds both. Properties renders the newly selected task on a later frame, so the
// field is looked for over a few frames.
const FLASH_CLASS = 'kfs-port-flash';
const FLASH_MS = 1600;
const FRAMES_TO_WAIT = 30;

/** A value inside a quoted attribute selector. */
const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

function inputField(port: string): HTMLElement | null {
  const row = document.querySelector<HTMLElement>(`.kfs-inspector [data-input-row=${quoted(port)}]`);
  // The typed value when the input holds a constant, else its source picker.
  return row?.querySelector<HTMLElement>('input') ?? row?.querySelector<HTMLElement>('select') ?? null;
}

export function flashPort(task: string, handle: string): void {
  const node = document.querySelector(`.react-flow__node[data-id=${quoted(task)}]`);
  const port = node?.querySelector(`.react-flow__handle[data-handleid=${quoted(handle)}]`)?.closest<HTMLElement>('.kfs-port');
  if (!port) return;
  port.classList.remove(FLASH_CLASS);
  // Restart the animation when the same port is flashed twice in a row.
  void port.offsetWidth;
  port.classList.add(FLASH_CLASS);
  window.setTimeout(() => port.classList.remove(FLASH_CLASS), FLASH_MS);
}

/** Focuses the task's input field in Properties (once it is there) and flashes the input's port. */
export function revealInput(task: string, port: string): void {
  let frames = 0;
  const attempt = () => {
    const field = inputField(port);
    if (field) {
      field.scrollIntoView?.({ block: 'nearest' });
      field.focus({ preventScroll: true });
      flashPort(task, `in:${port}`);
    } else if (frames++ < FRAMES_TO_WAIT) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
