// Bytes of a text file to a string. Chinese documents arrive as UTF-8 (with
// or without BOM), UTF-16 with BOM, or GB18030/GBK from older Windows tools.

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type Decoded = { readonly text: string; readonly encoding: Encoding } | { readonly binary: true };

/** How many leading bytes are checked for NUL, as git does. */
const BINARY_PROBE = 8000;

/**
 * Detects the encoding (BOM, else valid UTF-8, else GB18030) and decodes.
 * A file with NUL bytes, or that is not valid GB18030 either, is binary.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const probe = bytes.subarray(0, BINARY_PROBE);
  if (probe.includes(0)) return { binary: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try GB18030 below
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    return { binary: true };
  }
}
