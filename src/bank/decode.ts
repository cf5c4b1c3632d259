/** Result of turning file bytes into note text. */
export type Decoded =
  | { ok: true; text: string }
  | { ok: false; line: number; column: number; message: string };

/** Decodes UTF-8 strictly (a BOM is dropped, CRLF becomes LF), locating the first bad byte otherwise. */
export function decodeNote(bytes: Buffer | string): Decoded {
  let text: string;
  if (typeof bytes === 'string') {
    text = bytes;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const { line, column } = firstInvalidByte(bytes);
      return { ok: false, line, column, message: 'file is not valid UTF-8; save it as UTF-8 (note skipped)' };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Positions stay the same line by line; only the invisible \r goes.
  return { ok: true, text: text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text };
}

function firstInvalidByte(bytes: Buffer): { line: number; column: number } {
  const lossy = new TextDecoder('utf-8').decode(bytes);
  const bad = lossy.indexOf('\uFFFD');
  const before = lossy.slice(0, Math.max(bad, 0));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
