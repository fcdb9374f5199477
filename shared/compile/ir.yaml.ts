// The IR as YAML text: the PipelineSpec, then the PlatformSpec as a second document, keys sorted so that the same
// document always gives the same bytes. The SDK's `# PIPELINE DEFINITION` header comment leads, naming the pipeline.
//
// The text is what js-yaml's `dump(value, YAML_OPTIONS)` writes, byte for byte, but built much faster: the block
// layout (maps, sequences, indentation) is written here, and each distinct scalar is rendered once by js-yaml and
// reused (an IR repeats the same strings thousands of times). Anything unusual falls back to js-yaml itself.
import { dump } from 'js-yaml';
import type { IrCompileResult } from './ir.compile';

export const YAML_OPTIONS = { sortKeys: true, noRefs: true, lineWidth: -1, quotingType: "'" } as const;
const INDENT = 2;
/** js-yaml writes keys longer than this as explicit `? key` pairs; such IR goes to js-yaml whole. */
const MAX_PLAIN_KEY = 1024;

class Unusual extends Error {}

class BlockWriter {
  private readonly values = new Map<unknown, string>();
  private readonly keys = new Map<string, string>();
  private readonly blocks = new Map<string, string>();
  private readonly spaces: string[] = [''];
  out = '';

  private pad(level: number): string {
    let s = this.spaces[level];
    if (s === undefined) this.spaces[level] = s = ' '.repeat(level * INDENT);
    return s;
  }

  private key(key: string): string {
    let text = this.keys.get(key);
    if (text === undefined) {
      if (key.length > MAX_PLAIN_KEY) throw new Unusual();
      const line = dump({ [key]: null }, YAML_OPTIONS);
      if (!line.endsWith(': null\n')) throw new Unusual();
      text = line.slice(0, -': null\n'.length);
      this.keys.set(key, text);
    }
    return text;
  }

  /** A scalar as js-yaml writes it at `level`; a block scalar's lines are indented for that level. */
  private scalar(value: unknown, level: number): string {
    let text = this.values.get(value);
    if (text === undefined) {
      const kind = typeof value;
      if ((value !== null && kind !== 'string' && kind !== 'number' && kind !== 'boolean') || Object.is(value, -0)) throw new Unusual();
      text = dump(value, YAML_OPTIONS).slice(0, -1);
      this.values.set(value, text);
    }
    if (text.charCodeAt(0) === 124 /* | */ && text.includes('\n') && level > 1) {
      const memo = `${level}\u0000${text}`;
      let block = this.blocks.get(memo);
      if (block === undefined) {
        const pad = ' '.repeat(INDENT * level);
        block = text
          .split('\n')
          .map((line, i) => (i === 0 || line === '' ? line : pad + line.slice(INDENT)))
          .join('\n');
        this.blocks.set(memo, block);
      }
      return block;
    }
    return text;
  }

  private isBlock(value: unknown): boolean {
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value !== 'object' || value === null) return false;
    for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
    return false;
  }

  /** Objects met once, and the text of objects met again (the compiler shares definitions and commands). */
  private readonly seen = new WeakSet<object>();
  private readonly rendered = new WeakMap<object, Map<number, string>>();

  /** Writes `value` as js-yaml's writeNode(level, block, compact) does. */
  node(value: unknown, level: number, compact: boolean): void {
    if (typeof value === 'object' && value !== null) {
      if (!this.seen.has(value)) {
        this.seen.add(value);
        this.write(value, level, compact);
        return;
      }
      const slot = level * 2 + (compact ? 1 : 0);
      let texts = this.rendered.get(value);
      if (!texts) this.rendered.set(value, (texts = new Map()));
      const text = texts.get(slot);
      if (text === undefined) {
        const start = this.out.length;
        this.write(value, level, compact);
        texts.set(slot, this.out.slice(start));
      } else this.out += text;
      return;
    }
    this.write(value, level, compact);
  }

  private write(value: unknown, level: number, compact: boolean): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.out += '[]';
      else this.sequence(value, level, compact);
    } else if (typeof value === 'object' && value !== null) {
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) throw new Unusual();
      const keys = Object.keys(value).sort();
      if (keys.length === 0) this.out += '{}';
      else this.mapping(value as { [key: string]: unknown }, keys, level, compact);
    } else this.out += this.scalar(value, level);
  }

  private mapping(map: { [key: string]: unknown }, keys: string[], level: number, compact: boolean): void {
    let first = true;
    for (const key of keys) {
      const value = map[key];
      if (value === undefined) throw new Unusual();
      if (!first || !compact) this.out += `\n${this.pad(level)}`;
      first = false;
      this.out += this.key(key);
      this.out += this.isBlock(value) ? ':' : ': ';
      this.node(value, level + 1, false);
    }
  }

  private sequence(items: unknown[], level: number, compact: boolean): void {
    let first = true;
    for (const item of items) {
      if (item === undefined) throw new Unusual();
      if (!first || !compact) this.out += `\n${this.pad(level)}`;
      first = false;
      // A nested sequence or mapping starts on the dash's line (compact).
      this.out += '- ';
      this.node(item, level + 1, true);
    }
  }
}

/** Same text as `dump(value, YAML_OPTIONS)`. */
export function yamlDocument(value: object): string {
  const writer = new BlockWriter();
  try {
    writer.node(value, 0, true);
  } catch (error) {
    if (error instanceof Unusual) return dump(value, YAML_OPTIONS);
    throw error;
  }
  return `${writer.out}\n`;
}

export function irToYaml(result: IrCompileResult): string {
  const info = result.pipelineSpec.pipelineInfo as { name?: unknown } | undefined;
  const name = typeof info?.name === 'string' ? info.name.replace(/[\r\n]/g, ' ') : '';
  let text = `# PIPELINE DEFINITION\n# Name: ${name}\n${yamlDocument(result.pipelineSpec)}`;
  if (result.platformSpec) text += `---\n${yamlDocument(result.platformSpec)}`;
  return text;
}
