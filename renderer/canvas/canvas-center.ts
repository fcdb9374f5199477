// The canvas element and the flow position at its centre (for adding a step with the keyboard).
export const CANVAS_ELEMENT_ID = 'kfs-pipeline-canvas';

export function canvasCenterOnScreen(): { x: number; y: number } {
  const element = document.getElementById(CANVAS_ELEMENT_ID);
  const rect = element?.getBoundingClientRect();
  // Not laid out (no box): the window's middle rather than its corner.
  if (!rect?.width || !rect.height) return { x: window.innerWidth / 2, y: window.innerHeight / 2 };
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}
