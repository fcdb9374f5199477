import { describe, expect, it } from 'vitest';
import { takeToken } from './http-host-api';

describe('takeToken', () => {
  it('takes the token from the URL fragment, removes it from the address bar and remembers it for this tab', () => {
    window.history.replaceState(null, '', '/index.html#token=abc_DEF-123');
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('abc_DEF');
    // A reload of the same tab still has it.
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBe('abc_DEF-123');
  });

  it('has no token in a fresh tab opened without one', () => {
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/');
    expect(takeToken(window.location, window.history, window.sessionStorage)).toBeUndefined();
  });
});
