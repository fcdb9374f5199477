// `npm run web` options: --engine picks how local runs execute steps (the e2e servers pass "host" so an engine on the
// machine never changes what they run); anything else is refused with the choices.
import { describe, expect, it } from 'vitest';
import { parseWebArgs } from './web-main';

describe('web mode options', () => {
  it('takes --engine, auto by default', () => {
    expect(parseWebArgs([]).engine).toBe('auto');
    expect(parseWebArgs(['--engine', 'podman', '--port', '0']).engine).toBe('podman');
    expect(parseWebArgs(['--engine', 'host']).engine).toBe('host');
  });

  it('refuses an engine it does not know, naming the choices', () => {
    expect(() => parseWebArgs(['--engine', 'vm'])).toThrow('--engine is auto, host, docker or podman, not "vm".');
  });
});
