// Bytes of a text file to a string. Chinese documents arrive as UTF-8 (with
// or without BOM), UTF-16 with BOM, or GB18030/GBK from older Windows tools.
// One set of rules for the CLI and the workspace index; no Node imports
// (TextDecoder is everywhere), so a browser build can use it as it is.

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type Decoded = { readonly text: string; readonly encoding: Encoding } | { readonly binary: true };

const BINARY: Decoded = { binary: true };

/** How many leading bytes are checked for NUL, as git does. */
const BINARY_PROBE = 8000;

/** Bytes decoded per slice by decodeTextSliced. */
export const DECODE_SLICE = 1 << 20;

/** One way to try decoding: after a BOM anything decodes (invalid bytes become U+FFFD); without one the decoder is fatal. */
interface Attempt {
  readonly encoding: Encoding;
  readonly skip: number;
  readonly fatal: boolean;
}

/**
 * The encodings to try, in order: the BOM's, else UTF-8 then GB18030 (the
 * first that decodes without error wins). None for binary: NUL bytes near
 * the start without a BOM.
 */
function attempts(bytes: Uint8Array): Attempt[] {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return [{ encoding: 'utf-8-bom', skip: 3, fatal: false }];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return [{ encoding: 'utf-16le', skip: 2, fatal: false }];
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return [{ encoding: 'utf-16be', skip: 2, fatal: false }];
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return [];
  return [
    { encoding: 'utf-8', skip: 0, fatal: true },
    { encoding: 'gb18030', skip: 0, fatal: true },
  ];
}

function decoder(a: Attempt): InstanceType<typeof TextDecoder> {
  return new TextDecoder(a.encoding === 'utf-8-bom' ? 'utf-8' : a.encoding, { fatal: a.fatal });
}

/**
 * Detects the encoding and decodes: a BOM, else valid UTF-8, else valid
 * GB18030. A file with NUL bytes near the start (and no BOM), or that is
 * neither valid UTF-8 nor valid GB18030, is binary.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  for (const a of attempts(bytes)) {
    try {
      return { text: decoder(a).decode(bytes.subarray(a.skip)), encoding: a.encoding };
    } catch {
      // not this encoding: the next one
    }
  }
  return BINARY;
}

/**
 * decodeText(), decoding large inputs as a stream of `slice` bytes with
 * `between()` awaited after each (the workspace index yields to the event
 * loop there). The same attempts in the same order, so the same result.
 */
export async function decodeTextSliced(bytes: Uint8Array, between: () => Promise<void>, slice = DECODE_SLICE): Promise<Decoded> {
  if (bytes.length <= slice) return decodeText(bytes);
  for (const a of attempts(bytes)) {
    const d = decoder(a);
    const parts: string[] = [];
    try {
      for (let at = a.skip; at < bytes.length; at += slice) {
        parts.push(d.decode(bytes.subarray(at, Math.min(at + slice, bytes.length)), { stream: true }));
        await between();
      }
      parts.push(d.decode());
      return { text: parts.join(''), encoding: a.encoding };
    } catch {
      // not this encoding: the next one
    }
  }
  return BINARY;
}
