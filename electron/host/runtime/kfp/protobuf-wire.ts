// The protobuf wire format, as far as ML Metadata's few read calls need it: writing varints, strings and nested
// messages, and reading any message into its fields by number. Kept this small on purpose: five request messages
// and the replies' Artifact, Execution, Event, Context and Value are all the client reads.

export type WireValue = bigint | Uint8Array;

/** A decoded message: each field number with its values in order (varints as bigint, the rest as bytes). */
export type WireMessage = Map<number, WireValue[]>;

export class ProtoWriter {
  private readonly parts: number[] = [];

  private varint(value: bigint): void {
    let rest = BigInt.asUintN(64, value);
    while (rest > 0x7fn) {
      this.parts.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.parts.push(Number(rest));
  }

  int(field: number, value: number | bigint): this {
    this.varint(BigInt((field << 3) | 0));
    this.varint(BigInt(value));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.varint(BigInt((field << 3) | 2));
    this.varint(BigInt(value.length));
    for (const byte of value) this.parts.push(byte);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export class WireError extends Error {}

/** Reads every field of a message; throws WireError on bytes that are not a message. */
export function readMessage(bytes: Uint8Array): WireMessage {
  const fields: WireMessage = new Map();
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (at >= bytes.length) throw new WireError('the message ends inside a number');
      const byte = bytes[at++] ?? 0;
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
    }
    throw new WireError('a number is too long');
  };
  const take = (length: number): Uint8Array => {
    if (at + length > bytes.length) throw new WireError('the message ends inside a field');
    const out = bytes.subarray(at, at + length);
    at += length;
    return out;
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    let value: WireValue;
    if (wire === 0) value = varint();
    else if (wire === 1) value = take(8);
    else if (wire === 2) value = take(Number(varint()));
    else if (wire === 5) value = take(4);
    else throw new WireError(`wire type ${wire} is not read here`);
    if (field < 1) throw new WireError('a field number is 0');
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

function last(message: WireMessage, field: number): WireValue | undefined {
  const values = message.get(field);
  return values?.[values.length - 1];
}

export function intField(message: WireMessage, field: number): number | undefined {
  const value = last(message, field);
  return typeof value === 'bigint' ? Number(BigInt.asIntN(64, value)) : undefined;
}

export function stringField(message: WireMessage, field: number): string | undefined {
  const value = last(message, field);
  return value instanceof Uint8Array ? new TextDecoder().decode(value) : undefined;
}

export function doubleField(message: WireMessage, field: number): number | undefined {
  const value = last(message, field);
  return value instanceof Uint8Array && value.length === 8 ? new DataView(value.buffer, value.byteOffset, 8).getFloat64(0, true) : undefined;
}

export function messageField(message: WireMessage, field: number): WireMessage | undefined {
  const value = last(message, field);
  return value instanceof Uint8Array ? readMessage(value) : undefined;
}

export function messagesField(message: WireMessage, field: number): WireMessage[] {
  return (message.get(field) ?? []).filter((value): value is Uint8Array => value instanceof Uint8Array).map(readMessage);
}

/** A `map<string, V>` field: its entries (key 1, value 2) by key. */
export function mapField(message: WireMessage, field: number): Map<string, WireMessage> {
  const out = new Map<string, WireMessage>();
  for (const entry of messagesField(message, field)) {
    const key = stringField(entry, 1);
    const value = messageField(entry, 2);
    if (key !== undefined) out.set(key, value ?? new Map());
  }
  return out;
}
