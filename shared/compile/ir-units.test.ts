import { describe, expect, it } from 'vitest';
import { NameAllocator, sanitizeName } from './ir-names';
import { commandArgFromIr, commandArgToIr, pyJsonDumps } from './ir-placeholders';
import { cpuToNumber, memoryToGigabytes, resourcesFromIr, resourcesToIr } from './ir-resources';

describe('IR names', () => {
  it('sanitizes like the SDK and hands out -2, -3 for taken names', () => {
    expect(sanitizeName('Train Model_v2!')).toBe('train-model-v2');
    const names = new NameAllocator();
    names.reserve('comp-b');
    expect(names.claim('comp-a')).toBe('comp-a');
    expect(names.claim('comp-a')).toBe('comp-a-2');
    expect(names.unique('comp-b')).toBe('comp-b-2');
    expect(names.claim('comp-b')).toBe('comp-b');
  });
});

describe('IR placeholders', () => {
  it("formats structured arguments as Python's json.dumps does, and reads them back", () => {
    expect(pyJsonDumps({ a: ['x', 1, true, null], é: 'ü' })).toBe('{"a": ["x", 1, true, null], "\\u00e9": "\\u00fc"}');
    const arg = { ifPresent: { input: 'x', then: [{ concat: ['--x=', "{{$.inputs.parameters['x']}}"] }], else: ['none'] } };
    const text = commandArgToIr(arg);
    expect(text).toBe('{"IfPresent": {"InputName": "x", "Then": [{"Concat": ["--x=", "{{$.inputs.parameters[\'x\']}}"]}], "Else": ["none"]}}');
    expect(commandArgFromIr(text)).toEqual(arg);
  });

  it('keeps text that only looks like a placeholder as text', () => {
    expect(commandArgFromIr('{"Concat": [1]}')).toBe('{"Concat": [1]}');
    expect(commandArgFromIr('{"Concat":["a"]}')).toBe('{"Concat":["a"]}');
    expect(commandArgFromIr('{not json')).toBe('{not json');
  });

  it('reads the same placeholder text the same way every time, as a fresh value for each component', () => {
    const exact = '{"Concat": ["--q=\\"", "\\u00e9", "{{$.inputs.parameters[\'q\']}}"]}';
    const first = commandArgFromIr(exact);
    const second = commandArgFromIr(exact);
    expect(first).toEqual({ concat: ['--q="', 'é', "{{$.inputs.parameters['q']}}"] });
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    const loose = '{"Concat": ["\\u00e9"]}'.replace('\\u00e9', 'é');
    expect(commandArgFromIr(loose)).toBe(loose);
    expect(commandArgFromIr(loose)).toBe(loose);
  });
});

describe('IR resources', () => {
  it('writes quantities as text and as the deprecated numbers', () => {
    expect(cpuToNumber('500m')).toBe(0.5);
    expect(cpuToNumber('2')).toBe(2);
    expect(memoryToGigabytes('256Mi')).toBeCloseTo(0.268435456, 12);
    expect(memoryToGigabytes('1G')).toBe(1);
    expect(resourcesToIr({ cpuLimit: '1000m', accelerator: { type: 'nvidia.com/gpu', count: 2 } })).toEqual({
      cpuLimit: 1,
      resourceCpuLimit: '1000m',
      accelerator: { count: '2', resourceCount: '2', resourceType: 'nvidia.com/gpu', type: 'nvidia.com/gpu' },
    });
  });

  it('reads back the textual fields first, the numbers otherwise', () => {
    expect(resourcesFromIr({ cpuLimit: 1, resourceCpuLimit: '1000m', memoryLimit: 2 })).toEqual({ cpuLimit: '1000m', memoryLimit: '2G' });
  });
});
