// The canvas element and the flow position at its centre (for adding a step with the keyboard).
export const CANVAS_ELEMENT_ID = 'kfs-pipeline-canvas';

export function canvasCenterOnScreen(): { x: number; y: number } {
  const element = document.getElementById(CANVAS_ELEMENT_ID);
  if (!element) return { x: window.innerWidth / 2, y: window.innerHeight / 2 };
  const rect = element.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}
