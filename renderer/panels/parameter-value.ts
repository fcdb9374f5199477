// Text typed for a parameter default or a constant argument, read as the JSON value its type needs.
import type { JsonValue, ParameterType } from '../../shared/model/document';

export type ParsedValue = { ok: true; value: JsonValue | undefined } | { ok: false; reason: string };

/** Empty text typed on purpose: a blank field means "no value", so an empty string is written as `""`. */
export const EMPTY_TEXT = '""';

export function parseTypedValue(text: string, type: ParameterType): ParsedValue {
  if (text === '') return { ok: true, value: undefined };
  if (type === 'STRING' && text.trim() === EMPTY_TEXT) return { ok: true, value: '' };
  switch (type) {
    case 'STRING':
      return { ok: true, value: text };
    case 'NUMBER_INTEGER':
      return /^-?\d+$/.test(text.trim()) ? { ok: true, value: Number.parseInt(text, 10) } : { ok: false, reason: 'Enter a whole number.' };
    case 'NUMBER_DOUBLE': {
      const value = Number(text);
      return text.trim() !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'Enter a number.' };
    }
    case 'BOOLEAN':
      if (text.trim() === 'true' || text.trim() === 'false') return { ok: true, value: text.trim() === 'true' };
      return { ok: false, reason: 'Enter true or false.' };
    default: {
      try {
        const value = JSON.parse(text) as JsonValue;
        const isList = Array.isArray(value);
        if (type === 'LIST' && !isList) return { ok: false, reason: 'Enter a JSON list, such as [1, 2].' };
        if (type !== 'LIST' && (isList || typeof value !== 'object' || value === null)) return { ok: false, reason: 'Enter a JSON object, such as {"a": 1}.' };
        return { ok: true, value };
      } catch {
        return { ok: false, reason: type === 'LIST' ? 'Enter a JSON list, such as [1, 2].' : 'Enter a JSON object, such as {"a": 1}.' };
      }
    }
  }
}

export function formatTypedValue(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (value === '') return EMPTY_TEXT;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
