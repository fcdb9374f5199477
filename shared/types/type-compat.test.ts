import { describe, expect, it } from 'vitest';
import type { KfpType, ParameterType } from '../model/document';
import { checkCompatibility, typeChoiceLabel, typeLabel } from './type-compat';

const param = (type: ParameterType): KfpType => ({ kind: 'parameter', type });
const art = (schemaTitle: string, isList = false, schemaVersion = '0.0.1'): KfpType => ({ kind: 'artifact', schemaTitle, schemaVersion, ...(isList ? { isList } : {}) });

describe('typeLabel', () => {
  it('names parameters as the SDK spells them in Python', () => {
    expect(typeLabel(param('STRING'))).toBe('String');
    expect(typeLabel(param('NUMBER_INTEGER'))).toBe('Integer');
    expect(typeLabel(param('NUMBER_DOUBLE'))).toBe('Float');
    expect(typeLabel(param('BOOLEAN'))).toBe('Boolean');
    expect(typeLabel(param('LIST'))).toBe('List');
    expect(typeLabel(param('STRUCT'))).toBe('Dict');
  });
  it('drops the system. namespace, keeps others and unknown titles, and wraps lists', () => {
    expect(typeLabel(art('system.Dataset'))).toBe('Dataset');
    expect(typeLabel(art('system.Model', true))).toBe('List[Model]');
    expect(typeLabel(art('google.VertexModel'))).toBe('google.VertexModel');
    expect(typeLabel(art('acme.Thing'))).toBe('acme.Thing');
  });
});

describe('checkCompatibility', () => {
  it('accepts equal parameter types', () => {
    for (const t of ['STRING', 'NUMBER_INTEGER', 'NUMBER_DOUBLE', 'BOOLEAN', 'LIST', 'STRUCT'] as const) {
      expect(checkCompatibility(param(t), param(t))).toBeUndefined();
    }
  });
  it('refuses different parameter types, even Integer to Float', () => {
    expect(checkCompatibility(param('NUMBER_INTEGER'), param('NUMBER_DOUBLE'))).toBe('Integer output cannot feed a Float input');
    expect(checkCompatibility(param('STRING'), param('LIST'))).toMatch(/String.*List/);
  });
  it('treats a task final status as a Dict, as the SDK does', () => {
    expect(checkCompatibility(param('TASK_FINAL_STATUS'), param('STRUCT'))).toBeUndefined();
  });
  it('never mixes parameters and artifacts, either way', () => {
    expect(checkCompatibility(param('STRING'), art('system.Artifact'))).toBe('String output (a parameter) cannot feed an Artifact input (an artifact)');
    expect(checkCompatibility(art('system.Dataset'), param('STRING'))).toBe('Dataset output (an artifact) cannot feed a String input (a parameter)');
  });
  it('accepts the same artifact title and any artifact into or out of a generic Artifact', () => {
    expect(checkCompatibility(art('system.Model'), art('system.Model'))).toBeUndefined();
    expect(checkCompatibility(art('system.Dataset'), art('system.Artifact'))).toBeUndefined();
    expect(checkCompatibility(art('system.Artifact'), art('google.VertexModel'))).toBeUndefined();
  });
  it('refuses different artifact titles with a message naming both', () => {
    expect(checkCompatibility(art('system.Dataset'), art('system.Model'))).toBe('Dataset output cannot feed a Model input');
    expect(checkCompatibility(art('google.VertexModel'), art('system.Model'))).toMatch(/google.VertexModel.*Model/);
  });
  it('requires list-ness to match, even for the generic Artifact', () => {
    expect(checkCompatibility(art('system.Dataset', true), art('system.Dataset'))).toMatch(/list of artifacts/);
    expect(checkCompatibility(art('system.Dataset'), art('system.Artifact', true))).toMatch(/single Dataset/);
    expect(checkCompatibility(art('system.Dataset', true), art('system.Dataset', true))).toBeUndefined();
  });
  it('compares schema versions by their major number only', () => {
    expect(checkCompatibility(art('system.Model', false, '0.0.1'), art('system.Model', false, '0.1.0'))).toBeUndefined();
    expect(checkCompatibility(art('system.Model', false, '1.0.0'), art('system.Model', false, '0.0.1'))).toMatch(/version/);
  });
});

describe('type names people pick from', () => {
  it('names parameter types and artifact classes as the canvas does', () => {
    expect(['STRING', 'NUMBER_INTEGER', 'NUMBER_DOUBLE', 'BOOLEAN', 'LIST', 'STRUCT'].map(typeChoiceLabel)).toEqual(['String', 'Integer', 'Float', 'Boolean', 'List', 'Dict']);
    expect(['system.Dataset', 'system.Model', 'google.VertexModel', 'constructor'].map(typeChoiceLabel)).toEqual(['Dataset', 'Model', 'google.VertexModel', 'constructor']);
  });
});
