// A pipeline as JSON, the way the KFP SDK writes it (keys sorted, two-space indent), under a size budget
// so that data with shared nodes (YAML aliases) cannot blow up while being written out. Piece by piece: the
// fallback of pipeline-json.write.ts for the objects JSON.stringify cannot order (integer-like keys).
import { KfsError } from '../errors/codes';
import { formatBytes } from './archive-format';

interface Writer {
  parts: string[];
  length: number;
  budget: number;
  seen: Set<object>;
}

export function refuse(path: string, what: string): KfsError {
  return new KfsError('KFS519', `${what} at ${path || 'the top level'} cannot be written as JSON.`, path ? { field: path } : {});
}

export function tooLarge(budget: number): KfsError {
  return new KfsError('KFS501', `The pipeline as JSON would be over ${formatBytes(budget)}, the most Kubeflow Pipelines accepts.`);
}

function emit(writer: Writer, text: string): void {
  writer.length += text.length;
  if (writer.length > writer.budget) throw tooLarge(writer.budget);
  writer.parts.push(text);
}

export function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function write(writer: Writer, value: unknown, indent: string, path: string): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return emit(writer, JSON.stringify(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refuse(path, `The number ${value}`);
    return emit(writer, JSON.stringify(value));
  }
  if (typeof value !== 'object') throw refuse(path, `A ${typeof value}`);
  if (writer.seen.has(value)) throw refuse(path, 'A value that contains itself');
  const inner = `${indent}  `;
  writer.seen.add(value);
  if (Array.isArray(value)) {
    if (value.length === 0) emit(writer, '[]');
    else {
      emit(writer, '[');
      value.forEach((item: unknown, i) => {
        if (item === undefined) throw refuse(`${path}[${i}]`, 'An undefined list item');
        emit(writer, `${i ? ',' : ''}\n${inner}`);
        write(writer, item, inner, `${path}[${i}]`);
      });
      emit(writer, `\n${indent}]`);
    }
  } else {
    if (!isPlainObject(value)) throw refuse(path, `A ${value.constructor?.name ?? 'non-plain'} object`);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    if (keys.length === 0) emit(writer, '{}');
    else {
      emit(writer, '{');
      keys.forEach((key, i) => {
        emit(writer, `${i ? ',' : ''}\n${inner}${JSON.stringify(key)}: `);
        write(writer, record[key], inner, path ? `${path}.${key}` : key);
      });
      emit(writer, `\n${indent}}`);
    }
  }
  writer.seen.delete(value);
}

/** The documents as JSON text (see pipelineJsonText), written piece by piece. */
export function pipelineJsonPieces(docs: readonly unknown[], maxChars: number): string {
  const writer: Writer = { parts: [], length: 0, budget: maxChars, seen: new Set() };
  docs.forEach((doc, i) => {
    if (i > 0) emit(writer, '\n---\n');
    write(writer, doc, '', docs.length > 1 ? `document ${i + 1}` : '');
  });
  emit(writer, '\n');
  return writer.parts.join('');
}
