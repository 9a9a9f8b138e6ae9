// Reading a scan file's bytes. Files are UTF-8; one saved in another encoding (Windows-1252 is
// what Notepad and Word used to write) is reported at its first byte that is not UTF-8, instead
// of respondents seeing "cli�nt". Pure: the CLI and the server read the bytes and call this.
import { raw, type RawDiagnostic } from "./diagnostics.ts";
import type { Source } from "./source.ts";

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** What a byte 0x80–0xFF means in Windows-1252, for the hint "probably an ‘ë’". */
function windows1252(byte: number): string | undefined {
  try {
    const c = new TextDecoder("windows-1252").decode(new Uint8Array([byte]));
    return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? c : undefined;
  } catch {
    return undefined;
  }
}

/**
 * UTF-16 as Notepad ("Unicode") and Word write it: a byte-order mark FF FE or FE FF, or, without
 * one, a text whose every other byte is 0 (a scan file starts with ascii: `#` or `scan`).
 */
function utf16Encoding(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return "utf-16le";
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return "utf-16be";
  return undefined;
}

/**
 * Decodes a scan file. Valid UTF-8 (with or without a byte-order mark) gives its text; anything
 * else gives `encoding-invalid` at the first bad byte, and a text (bad bytes shown as �) that
 * the diagnostic can be rendered against.
 */
export function decodeSource(name: string, bytes: Uint8Array): { source: Source; diagnostics: RawDiagnostic[] } {
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    // Notepad's "Unicode": reported at the start, against the text as it was meant to be read.
    const text = new TextDecoder(utf16, { ignoreBOM: true }).decode(bytes);
    const d = raw("encoding-invalid", "utf16", { start: 0, end: 1 }, {});
    d.syntax = true;
    return { source: { name, text }, diagnostics: [d] };
  }
  try {
    return { source: { name, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) }, diagnostics: [] };
  } catch {
    // Not UTF-8: find where, and report it there.
  }
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  const bad = Math.max(0, firstInvalidUtf8(bytes));
  const offset = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, bad)).length;
  const byte = bytes[bad]!;
  const guess = windows1252(byte);
  const d = raw("encoding-invalid", "utf8", { start: offset, end: offset + 1 }, {
    byte: `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    ...(guess ? { windows1252: guess } : {}),
  });
  d.syntax = true;
  return { source: { name, text }, diagnostics: [d] };
}
