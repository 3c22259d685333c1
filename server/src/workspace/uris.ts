// URIs as the workspace index names files (see WorkspaceFs in fs.ts): one
// canonical spelling per resource, so a URI is also a file's key, and the
// path operations the index needs (join a listed name, relative path, parent)
// done on that spelling with string operations — no node:path, no URL parser.
//
// Canonical: scheme and authority lower-cased; the path split at / and each
// segment decoded, then encoded again escaping every character but
// A–Z a–z 0–9 ! $ & ' ( ) * + , - . : ; = @ _ (UTF-8, upper-case hex), which
// is what Node's pathToFileURL writes; a Windows drive letter lower-cased
// (VS Code sends file:///c%3A/…, other clients file:///C:/…); no trailing /.
// A URI without `//` after its scheme (untitled:Untitled-1) is kept as it is.

/** Characters a path segment keeps unescaped. */
const PLAIN = /^[A-Za-z0-9!$&'()*+,\-.:;=@_]*$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/** One path segment, escaped. */
export function encodeSegment(name: string): string {
  if (PLAIN.test(name)) return name;
  let out = '';
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out += PLAIN.test(ch) ? ch : `%${code < 0x10 ? '0' : ''}${code.toString(16).toUpperCase()}`;
    // A lone surrogate has no UTF-8: U+FFFD, as the URL parser writes it.
    else out += code >= 0xd800 && code <= 0xdfff ? '%EF%BF%BD' : encodeURIComponent(ch);
  }
  return out;
}

/** One path segment, unescaped (escapes that are not UTF-8 stay as they are). */
export function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Where the path of a hierarchical URI starts (after scheme://authority), or -1 for other URIs. */
function pathStart(uri: string): number {
  const scheme = SCHEME.exec(uri);
  if (scheme === null) return -1;
  const slash = uri.indexOf('/', scheme[0].length);
  return slash === -1 ? uri.length : slash;
}

/** The canonical spelling of a URI (see the top of this file). */
export function normalizeUri(uri: string): string {
  const start = pathStart(uri);
  if (start === -1) return uri;
  const head = uri.slice(0, start).toLowerCase();
  const end = uri.slice(start).search(/[?#]/);
  const tail = end === -1 ? '' : uri.slice(start + end); // a query or fragment stays as it is
  let path = end === -1 ? uri.slice(start) : uri.slice(start, start + end);
  const segments = path.split('/').map((s) => encodeSegment(decodeSegment(s)));
  // file:///C:/… and file:///c%3A/… are one drive.
  if (head === 'file://' && segments.length > 1 && /^[A-Za-z]:$/.test(segments[1])) segments[1] = segments[1].toLowerCase();
  path = segments.join('/');
  if (path.length > 1 && path.endsWith('/')) path = path.replace(/\/+$/, '') || '/';
  return head + (path === '' ? '/' : path) + tail;
}

/** A name (as listed, unescaped) inside a folder URI. */
export function joinUri(folder: string, name: string): string {
  return (folder.endsWith('/') ? folder : folder + '/') + encodeSegment(name);
}

/** The folder a URI is in, or undefined for the root of its path (and for URIs without one). */
export function parentUri(uri: string): string | undefined {
  const start = pathStart(uri);
  if (start === -1 || start >= uri.length - 1) return undefined;
  const slash = uri.lastIndexOf('/');
  return slash === start ? uri.slice(0, start + 1) : uri.slice(0, slash);
}

/** The last segment of a URI's path, unescaped. */
export function uriName(uri: string): string {
  return decodeSegment(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Whether `uri` is `folder` or lies under it (both canonical). */
export function isAtOrUnder(uri: string, folder: string): boolean {
  return uri === folder || isUnder(uri, folder);
}

/** Whether `uri` lies under `folder` (both canonical). */
export function isUnder(uri: string, folder: string): boolean {
  const prefix = folder.endsWith('/') ? folder : folder + '/';
  return uri.length > prefix.length && uri.startsWith(prefix);
}

/** The path of `uri` relative to `folder`, unescaped and / separated: '' for the folder itself. Both canonical, `uri` at or under `folder`. */
export function relativePath(folder: string, uri: string): string {
  if (uri === folder) return '';
  const rest = uri.slice(folder.endsWith('/') ? folder.length : folder.length + 1);
  return rest.includes('%') ? rest.split('/').map(decodeSegment).join('/') : rest;
}

/** How a URI outside every workspace folder is shown: the path of a file: URI, else the URI. */
export function displayUri(uri: string): string {
  if (!uri.startsWith('file://')) return uri;
  const path = uri.slice(pathStart(uri)).split('/').map(decodeSegment).join('/');
  return /^\/[a-z]:\//.test(path) ? path.slice(1) : path;
}
