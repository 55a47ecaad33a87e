/**
 * Turns the raw bytes of a learner's file into text, refusing what the page cannot use: an empty
 * file, one too large, a binary file, or one that is not UTF-8. Each refusal names the file and,
 * where it can, the line. Pure: no DOM, no fetch; the caller reads the bytes.
 */
import { fail, type DataError, type Parsed } from './errors.ts';

/** Largest user file the page accepts: the whole file is held in memory and tokenized in the tab. */
export const MAX_USER_FILE_BYTES = 10 * 1024 * 1024;

/** The "too large" error, also used before reading a file the page should not load at all. */
export function tooLargeError(file: string, size: number, maxBytes = MAX_USER_FILE_BYTES): DataError {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return { file, message: `the file is ${mb(size)} MB; the page accepts files up to ${mb(maxBytes)} MB` };
}

/** Byte offset of the first invalid UTF-8 sequence, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    // Lead byte gives the sequence length; overlongs and surrogates are invalid too.
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { len = 2; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { len = 3; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { len = 4; min = 0x10000; }
    else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return -1;
}

/** 1-based line number of a byte offset (counts \n bytes before it). */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Control bytes other than tab, newline, carriage return and form feed mark a binary file. */
function isControl(b: number): boolean {
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c;
}

/**
 * Decode a user file as UTF-8 text with \n line ends and no byte-order mark.
 * Refuses: empty (or only whitespace), larger than `maxBytes`, binary (a NUL byte, or more than
 * 1% control bytes), invalid UTF-8.
 */
export function decodeUserText(file: string, bytes: Uint8Array, maxBytes = MAX_USER_FILE_BYTES): Parsed<string> {
  if (bytes.length === 0) return fail(file, 'the file is empty');
  if (bytes.length > maxBytes) return { ok: false, errors: [tooLargeError(file, bytes.length, maxBytes)] };
  const nul = bytes.indexOf(0);
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) if (isControl(bytes[i])) controls++;
  if (nul >= 0 || controls > bytes.length / 100) {
    const at = nul >= 0 ? nul : bytes.findIndex(isControl);
    return fail(file, 'this looks like a binary file, not text (control bytes such as NUL); save it as plain UTF-8 text', lineOfByte(bytes, at));
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    return fail(file, `not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad}); save the file as UTF-8`, lineOfByte(bytes, bad));
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail(file, 'the file holds only whitespace');
  return { ok: true, value: text };
}
