// What the run canvas showed, as a person would have seen it: every state each task node took, in order (recorded in
// the page from the moment recording starts: node added, or its data-state changed).
import type { Page } from 'playwright-core';

// In-page script: a string, as this layer is typed for Node, not the DOM.
const RECORD_NODE_STATES = `(() => {
  const seen = []; window.__kfsStates = seen;
  const note = (el) => {
    const task = el.getAttribute('data-task'); const state = el.getAttribute('data-state');
    if (task && state && el.classList.contains('kfs-run-node')) seen.push(task + ':' + state);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') note(r.target);
      for (const added of r.addedNodes) if (added.querySelectorAll) added.querySelectorAll('.kfs-run-node').forEach(note);
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
})()`;

export async function recordNodeStates(page: Page): Promise<void> {
  await page.evaluate(RECORD_NODE_STATES);
}

/** `task:state` entries, in the order they were shown. */
export const nodeStates = async (page: Page): Promise<string[]> => (await page.evaluate('window.__kfsStates')) as string[];
