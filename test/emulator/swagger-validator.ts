// Checks KFP requests against the OpenAPI 2 files of ../shared/kfp/swagger as the real server's decoder would:
// protojson with DiscardUnknown=false (KFP's CustomMarshaler), so an unknown field is an error; fields by their
// proto name (snake_case) or JSON name (lowerCamelCase); enums by name or number; int64 as a number or a string;
// null as the default value. Query parameters are checked for type as grpc-gateway parses them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
};

interface Parameter {
  name: string;
  in: string;
  type?: string;
  format?: string;
  required?: boolean;
  schema?: Schema;
  enum?: unknown[];
}

interface Operation {
  method: string;
  template: string;
  regex: RegExp;
  parameters: Parameter[];
  operationId: string;
}

export interface SwaggerIssue {
  /** Where, as a dotted path (`run.runtime_config.parameters`) or `query.page_size`. */
  at: string;
  message: string;
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function templateRegex(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((piece) => (/^\{[^}]+\}$/.test(piece) ? '[^/]+?' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export class SwaggerValidator {
  private readonly definitions: Record<string, Schema> = {};
  private readonly operations: Operation[] = [];

  /** Loads every `*.swagger.json` in `dir` (their paths and definitions merged). */
  constructor(dir: string) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
      const doc = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
        paths?: Record<string, Record<string, { operationId?: string; parameters?: Parameter[] }>>;
        definitions?: Record<string, Schema>;
      };
      Object.assign(this.definitions, doc.definitions ?? {});
      for (const [template, methods] of Object.entries(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(methods)) {
          const upper = method.toUpperCase();
          if (this.operations.some((known) => known.method === upper && known.template === template)) continue;
          this.operations.push({ method: upper, template, regex: templateRegex(template), parameters: op.parameters ?? [], operationId: op.operationId ?? '' });
        }
      }
    }
  }

  static load(dir: string): SwaggerValidator | undefined {
    return existsSync(dir) ? new SwaggerValidator(dir) : undefined;
  }

  get operationCount(): number {
    return this.operations.length;
  }

  definition(name: string): Schema | undefined {
    return this.definitions[name];
  }

  findOperation(method: string, pathname: string): Operation | undefined {
    return this.operations.find((op) => op.method === method.toUpperCase() && op.regex.test(pathname));
  }

  /** Problems with the request's query parameters and JSON body; empty when it would be accepted. */
  validateRequest(method: string, pathname: string, query: URLSearchParams, body: unknown): SwaggerIssue[] {
    const op = this.findOperation(method, pathname);
    if (!op) return [];
    const issues: SwaggerIssue[] = [];
    for (const param of op.parameters) {
      if (param.in === 'query') {
        for (const value of query.getAll(param.name)) {
          const problem = this.queryValueProblem(param, value);
          if (problem) issues.push({ at: `query.${param.name}`, message: problem });
        }
      }
      if (param.in === 'body' && param.schema) {
        this.check(param.schema, body, param.name, issues);
      }
    }
    return issues;
  }

  private queryValueProblem(param: Parameter, value: string): string | undefined {
    switch (param.type) {
      case 'integer':
        return /^-?\d+$/.test(value) ? undefined : `type mismatch, parameter: ${param.name}, error: strconv.ParseInt: parsing "${value}": invalid syntax`;
      case 'boolean':
        return /^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(value)
          ? undefined
          : `type mismatch, parameter: ${param.name}, error: strconv.ParseBool: parsing "${value}": invalid syntax`;
      default:
        if (param.enum && !param.enum.includes(value) && !/^\d+$/.test(value)) return `invalid value for enum field ${param.name}: "${value}"`;
        return undefined;
    }
  }

  private resolve(schema: Schema): Schema {
    let current = schema;
    for (let i = 0; current.$ref && i < 20; i++) {
      const name = current.$ref.replace('#/definitions/', '');
      current = this.definitions[name] ?? {};
    }
    return current;
  }

  private check(raw: Schema, value: unknown, at: string, issues: SwaggerIssue[]): void {
    if (value === null) return; // protojson: null is the field's default
    const schema = this.resolve(raw);
    if (schema.enum) {
      const ok = (typeof value === 'string' && schema.enum.includes(value)) || (typeof value === 'number' && Number.isInteger(value));
      if (!ok) issues.push({ at, message: `invalid value for enum field ${at}: ${JSON.stringify(value)}` });
      return;
    }
    switch (schema.type) {
      case 'object':
        return this.checkObject(schema, value, at, issues);
      case 'array':
        if (!Array.isArray(value)) {
          issues.push({ at, message: `invalid value for list field ${at}: ${JSON.stringify(value)}` });
          return;
        }
        value.forEach((item, i) => this.check(schema.items ?? {}, item, `${at}[${i}]`, issues));
        return;
      case 'string':
        return this.checkString(schema, value, at, issues);
      case 'integer':
        if (!((typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value)))) {
          issues.push({ at, message: `invalid value for int32 field ${at}: ${JSON.stringify(value)}` });
        }
        return;
      case 'number':
        if (typeof value !== 'number' && !(typeof value === 'string' && Number.isFinite(Number(value)))) {
          issues.push({ at, message: `invalid value for number field ${at}: ${JSON.stringify(value)}` });
        }
        return;
      case 'boolean':
        if (typeof value !== 'boolean') issues.push({ at, message: `invalid value for bool field ${at}: ${JSON.stringify(value)}` });
        return;
      default:
        return; // no type: a google.protobuf.Value, anything goes
    }
  }

  private checkString(schema: Schema, value: unknown, at: string, issues: SwaggerIssue[]): void {
    if (schema.format === 'int64' || schema.format === 'uint64') {
      const ok = (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value));
      if (!ok) issues.push({ at, message: `invalid value for int64 field ${at}: ${JSON.stringify(value)}` });
      return;
    }
    if (typeof value !== 'string') {
      issues.push({ at, message: `invalid value for string field ${at}: ${JSON.stringify(value)}` });
      return;
    }
    if (schema.format === 'date-time' && !RFC3339.test(value)) {
      issues.push({ at, message: `invalid google.protobuf.Timestamp value ${JSON.stringify(value)} at ${at}` });
    }
    if (schema.format === 'byte' && !/^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) {
      issues.push({ at, message: `invalid value for bytes field ${at}: not base64` });
    }
  }

  private checkObject(schema: Schema, value: unknown, at: string, issues: SwaggerIssue[]): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ at, message: `invalid value for message field ${at}: ${JSON.stringify(value)}` });
      return;
    }
    const props = schema.properties;
    const extra = schema.additionalProperties;
    if (!props && extra === undefined) return; // google.protobuf.Struct: any object
    const byName = new Map<string, [string, Schema]>();
    for (const [name, prop] of Object.entries(props ?? {})) {
      byName.set(name, [name, prop]);
      byName.set(camel(name), [name, prop]);
    }
    const seen = new Set<string>();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const found = byName.get(key);
      if (found) {
        if (seen.has(found[0])) issues.push({ at: `${at}.${key}`, message: `duplicate field "${key}"` });
        seen.add(found[0]);
        this.check(found[1], item, `${at}.${found[0]}`, issues);
      } else if (extra !== undefined && extra !== false) {
        if (typeof extra === 'object') this.check(extra, item, `${at}.${key}`, issues);
      } else {
        issues.push({ at: `${at}.${key}`, message: `unknown field "${key}"` });
      }
    }
  }
}
