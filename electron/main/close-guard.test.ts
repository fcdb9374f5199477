import { describe, expect, it } from 'vitest';
import { createCloseGuard } from './close-guard';

describe('the unsaved-changes guard', () => {
  it('closes at once with nothing unsaved', () => {
    expect(createCloseGuard().onCloseRequested()).toBe('allow');
  });

  it('asks when there are unsaved changes; Cancel keeps the window', () => {
    const guard = createCloseGuard();
    guard.setDirty(true);
    expect(guard.onCloseRequested()).toBe('ask');
    expect(guard.onChoice('cancel')).toBe('stay');
    expect(guard.onCloseRequested()).toBe('ask');
    expect(guard.setDirty(false)).toBeUndefined();
  });

  it("Don't Save closes", () => {
    const guard = createCloseGuard();
    guard.setDirty(true);
    expect(guard.onChoice('discard')).toBe('close');
    expect(guard.onCloseRequested()).toBe('allow');
  });

  it('Save closes only once the save has cleared the unsaved state', () => {
    const guard = createCloseGuard();
    guard.setDirty(true);
    expect(guard.onChoice('save')).toBe('save-then-close');
    expect(guard.onCloseRequested()).toBe('ask');
    expect(guard.setDirty(true)).toBeUndefined();
    expect(guard.setDirty(false)).toBe('close');
    expect(guard.onCloseRequested()).toBe('allow');
  });
});
