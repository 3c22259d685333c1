// Bytes of a text file to a string. Chinese documents arrive as UTF-8 (with
// or without BOM), UTF-16 with BOM, or GB18030/GBK from older Windows tools.

import { isUtf8 } from 'node:buffer';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type Decoded = { readonly text: string; readonly encoding: Encoding } | { readonly binary: true };

/** How many leading bytes are checked for NUL, as git does. */
const BINARY_PROBE = 8000;

/**
 * The encoding of a file's bytes: a BOM, else valid UTF-8, else GB18030.
 * Undefined for binary: NUL bytes near the start (without a BOM). Whether
 * the bytes are valid GB18030 shows only in decoding them (textDecoder).
 */
export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bomLength: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return undefined;
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

/**
 * A decoder for the bytes after the BOM. After a BOM invalid bytes become
 * U+FFFD; without one the bytes are valid UTF-8 (detectEncoding checked) or
 * must be valid GB18030: that decoder throws, and the file is binary.
 */
export function textDecoder(encoding: Encoding): InstanceType<typeof TextDecoder> {
  return new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { fatal: encoding === 'gb18030' });
}

/**
 * Detects the encoding (detectEncoding) and decodes. A file with NUL bytes,
 * or that is not valid GB18030 either, is binary.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  const detected = detectEncoding(bytes);
  if (detected === undefined) return { binary: true };
  const { encoding, bomLength } = detected;
  try {
    return { text: textDecoder(encoding).decode(bytes.subarray(bomLength)), encoding };
  } catch {
    return { binary: true }; // not GB18030 either
  }
}
