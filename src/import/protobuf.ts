/**
 * Just enough of the protobuf wire format to read two things from Anki's newest collections: a note
 * type's kind and a card template's front and back. Malformed input gives undefined, never a throw.
 */

/** The first value of each field number in a message: varints as numbers, length-delimited as bytes. */
export function protoFields(bytes: Uint8Array): Map<number, number | Uint8Array> {
  const fields = new Map<number, number | Uint8Array>();
  let at = 0;
  const varint = (): number | undefined => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10 && at < bytes.length; i++) {
      const byte = bytes[at++] as number;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    return undefined;
  };
  while (at < bytes.length) {
    const tag = varint();
    if (tag === undefined) break;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let value: number | Uint8Array | undefined;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const length = varint();
      if (length === undefined || at + length > bytes.length) break;
      value = bytes.subarray(at, at + length);
      at += length;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else break;
    if (value !== undefined && !fields.has(field)) fields.set(field, value);
  }
  return fields;
}

/** Field `field` as UTF-8 text, or '' when absent. */
export function protoString(bytes: Uint8Array, field: number): string {
  const value = protoFields(bytes).get(field);
  return value instanceof Uint8Array ? new TextDecoder().decode(value) : '';
}

/** Field `field` as a number, or 0 when absent (protobuf's default). */
export function protoNumber(bytes: Uint8Array, field: number): number {
  const value = protoFields(bytes).get(field);
  return typeof value === 'number' ? value : 0;
}
