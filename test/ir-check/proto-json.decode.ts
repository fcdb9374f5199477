// A strict protobuf JSON decoder over protobufjs reflection: it reports every place where Go's protojson
// (the KFP backend's decoder, without DiscardUnknown) would refuse the value. protobufjs' own fromObject is
// lenient (unknown fields pass, wrong types are coerced), so it is not used.
import protobuf from 'protobufjs';
import { indexPath, keyPath } from './ir-check.path';
import { checkMapKey, checkScalar, isPlainObject, showJsonValue } from './proto-json.scalar';
import { anyUsesValueField, wellKnownCheck, type Report } from './proto-json.wkt';

const NULL_VALUE = 'google.protobuf.NullValue';
const VALUE = 'google.protobuf.Value';

function fullNameOf(reflection: protobuf.ReflectionObject): string {
  return reflection.fullName.replace(/^\./, '');
}

function lowerCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

export class ProtoJsonDecoder {
  private readonly fieldIndex = new Map<protobuf.Type, Map<string, protobuf.Field>>();

  constructor(private readonly root: protobuf.Root) {}

  /** Reports every problem in `value` read as the protobuf JSON form of the message type `typeName`. */
  decode(typeName: string, value: unknown, path: string, report: Report): void {
    this.decodeMessage(this.root.lookupType(typeName), value, path, report);
  }

  private fieldsOf(type: protobuf.Type): Map<string, protobuf.Field> {
    let index = this.fieldIndex.get(type);
    if (!index) {
      index = new Map();
      // The JSON name wins over a clashing original name, as in protojson's lookup order.
      for (const field of type.fieldsArray) index.set(field.protoName ?? field.name, field);
      for (const field of type.fieldsArray) index.set(this.jsonName(field), field);
      this.fieldIndex.set(type, index);
    }
    return index;
  }

  private jsonName(field: protobuf.Field): string {
    return field.jsonName ?? lowerCamel(field.name);
  }

  private decodeMessage(type: protobuf.Type, value: unknown, path: string, report: Report): void {
    const fullName = fullNameOf(type);
    const wkt = wellKnownCheck(fullName);
    if (wkt) return wkt(value, path, report);
    if (fullName === 'google.protobuf.Any') return this.decodeAny(value, path, report);
    if (!isPlainObject(value)) return report(path, `expected an object (${fullName}), got ${showJsonValue(value)}`);
    this.decodeFields(type, value, path, report, new Set());
  }

  private decodeFields(type: protobuf.Type, value: Record<string, unknown>, path: string, report: Report, skip: Set<string>): void {
    const fullName = fullNameOf(type);
    const fields = this.fieldsOf(type);
    const seen = new Map<number, string>();
    const oneofSeen = new Map<string, string>();
    for (const [key, item] of Object.entries(value)) {
      if (skip.has(key)) continue;
      const here = keyPath(path, key);
      const field = fields.get(key);
      if (!field) {
        report(here, `unknown field "${key}" in ${fullName}${this.suggest(type, key)}`);
        continue;
      }
      const earlier = seen.get(field.id);
      if (earlier !== undefined) {
        report(here, `field "${key}" is given twice (also as "${earlier}")`);
        continue;
      }
      seen.set(field.id, key);
      if (item === null && !this.acceptsNull(field)) continue; // null means "not set" in protobuf JSON
      if (field.map) this.decodeMap(field as unknown as protobuf.MapField, item, here, report);
      else if (field.repeated) this.decodeList(field, item, here, report);
      else {
        const oneof = field.partOf;
        if (oneof) {
          const other = oneofSeen.get(oneof.name);
          if (other !== undefined) report(here, `only one of ${oneof.fieldsArray.map((f) => this.jsonName(f)).join(', ')} may be set; "${other}" is set too`);
          else oneofSeen.set(oneof.name, key);
        }
        this.decodeSingle(field, item, here, report);
      }
    }
  }

  private acceptsNull(field: protobuf.Field): boolean {
    if (field.map || field.repeated) return false;
    const resolved = field.resolvedType;
    return resolved !== null && [VALUE, NULL_VALUE].includes(fullNameOf(resolved));
  }

  private decodeList(field: protobuf.Field, value: unknown, path: string, report: Report): void {
    if (!Array.isArray(value)) return report(path, `expected a list, got ${showJsonValue(value)}`);
    value.forEach((item, i) => this.decodeSingle(field, item, indexPath(path, i), report));
  }

  private decodeMap(field: protobuf.MapField, value: unknown, path: string, report: Report): void {
    if (!isPlainObject(value)) return report(path, `expected an object (a map of ${field.keyType} keys), got ${showJsonValue(value)}`);
    for (const [key, item] of Object.entries(value)) {
      const here = keyPath(path, key);
      const keyProblem = checkMapKey(field.keyType, key);
      if (keyProblem) report(here, keyProblem);
      this.decodeSingle(field as unknown as protobuf.Field, item, here, report);
    }
  }

  private decodeSingle(field: protobuf.Field, value: unknown, path: string, report: Report): void {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) return this.decodeEnum(resolved, value, path, report);
    if (resolved instanceof protobuf.Type) return this.decodeMessage(resolved, value, path, report);
    const problem = checkScalar(field.type, value);
    if (problem) report(path, problem);
  }

  private decodeEnum(type: protobuf.Enum, value: unknown, path: string, report: Report): void {
    const fullName = fullNameOf(type);
    if (value === null && fullName === NULL_VALUE) return;
    if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(type.values, value)) return;
    // Enums are open in proto3: any int32 number is kept.
    if (typeof value === 'number' && checkScalar('int32', value) === null) return;
    const names = Object.keys(type.values);
    const listed = names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ');
    report(path, `${typeof value === 'string' ? `unknown value ${JSON.stringify(value)}` : `expected an enum name, got ${showJsonValue(value)}`} for ${fullName}; expected one of ${listed}`);
  }

  private decodeAny(value: unknown, path: string, report: Report): void {
    if (!isPlainObject(value)) return report(path, `expected an object (google.protobuf.Any), got ${showJsonValue(value)}`);
    const typeUrl = value['@type'];
    if (typeof typeUrl !== 'string' || !typeUrl.includes('/')) {
      return report(keyPath(path, '@type'), `google.protobuf.Any needs "@type" such as "type.googleapis.com/pkg.Message", got ${showJsonValue(typeUrl)}`);
    }
    const typeName = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
    if (anyUsesValueField(typeName)) {
      for (const key of Object.keys(value)) {
        if (key !== '@type' && key !== 'value') report(keyPath(path, key), `unknown field "${key}" in google.protobuf.Any holding ${typeName}`);
      }
      if (!('value' in value)) return report(path, `google.protobuf.Any holding ${typeName} needs "value"`);
      return wellKnownCheck(typeName)?.(value['value'], keyPath(path, 'value'), report);
    }
    const resolved = this.root.lookup(typeName);
    if (!(resolved instanceof protobuf.Type)) return report(keyPath(path, '@type'), `unknown message type ${JSON.stringify(typeName)} in "@type"`);
    this.decodeFields(resolved, value, path, report, new Set(['@type']));
  }

  private suggest(type: protobuf.Type, key: string): string {
    const squash = (s: string): string => s.replace(/_/g, '').toLowerCase();
    const near = type.fieldsArray.find((f) => squash(f.name) === squash(key));
    return near ? `; did you mean "${this.jsonName(near)}"?` : '';
  }
}
