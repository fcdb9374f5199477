// The unsaved-changes guard on closing the window, as a small state machine (the window and dialog are injected).
export type CloseChoice = 'save' | 'discard' | 'cancel';

export interface CloseGuard {
  /** The renderer's report; answers 'close' when a save asked for by the guard has completed. */
  setDirty(dirty: boolean): 'close' | undefined;
  isDirty(): boolean;
  /** On the window's `close` event: 'allow' lets it close; 'ask' means prevent it and ask the person. */
  onCloseRequested(): 'allow' | 'ask';
  /** The person's answer: what to do next. */
  onChoice(choice: CloseChoice): 'save-then-close' | 'close' | 'stay';
}

export function createCloseGuard(): CloseGuard {
  let dirty = false;
  let closeAfterSave = false;
  let forced = false;
  return {
    setDirty(value) {
      dirty = value;
      if (!value && closeAfterSave) {
        closeAfterSave = false;
        forced = true;
        return 'close';
      }
      return undefined;
    },
    isDirty: () => dirty,
    onCloseRequested() {
      if (forced || !dirty) return 'allow';
      return 'ask';
    },
    onChoice(choice) {
      if (choice === 'save') {
        closeAfterSave = true;
        return 'save-then-close';
      }
      if (choice === 'discard') {
        forced = true;
        return 'close';
      }
      closeAfterSave = false;
      return 'stay';
    },
  };
}
