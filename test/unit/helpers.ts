// Small helpers shared by the engine's unit and property tests.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { decodeText } from '../../server/src/decode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_OPTIONS, Heading, NAME_CAP, Outline, OutlineOptions, PlainTextDocument, StructureOperation, TextEdit, editStructure, parseOutline } from '../../server/src/engine';

/** The lines of a document joined with \n, so example texts read line by line. */
export function lines(...text: string[]): string {
  return text.join('\n');
}

export function parse(text: string, options: OutlineOptions = DEFAULT_OPTIONS): Outline {
  return parseOutline(new PlainTextDocument('file:///test.txt', text), options);
}

/** A heading of the compact tree that outlineOf returns. */
export interface OutlineNode {
  name: string;
  style: string;
  line: number;
  endLine: number;
  children: OutlineNode[];
}

function compact(h: Heading): OutlineNode {
  return { name: h.name, style: h.style, line: h.line, endLine: h.endLine, children: h.children.map(compact) };
}

/** The outline as a compact tree: [{ name, style, line, endLine, children }]. */
export function outlineOf(text: string, options?: OutlineOptions): OutlineNode[] {
  return parse(text, options).roots.map(compact);
}

/** The names of all headings in document order. */
export function names(text: string, options?: OutlineOptions): string[] {
  return parse(text, options).headings.map((h) => h.name);
}

/** The outline as indented names, two spaces per level: easy to read in a failing assertion. */
export function tree(text: string, options?: OutlineOptions): string[] {
  return parse(text, options).headings.map((h) => '  '.repeat(h.depth) + h.name);
}

/** The only heading of a document, or undefined when it has none; fails when it has several. */
export function single(text: string): Heading | undefined {
  const { headings } = parse(text);
  if (headings.length > 1) throw new Error(`expected at most one heading, got ${headings.map((h) => h.name).join(' | ')}`);
  return headings[0];
}

/** The first heading of a document (context-free checks of one marker). */
export function first(text: string): Heading | undefined {
  return parse(text).headings[0];
}

/** Every field of every heading, without parent links: for comparing two outlines exactly. */
export interface HeadingSnapshot {
  name: string;
  style: string;
  rank: number;
  number: number;
  marker: string;
  word: string | undefined;
  kind: string | undefined;
  line: number;
  start: number;
  markerEnd: number;
  colonEnd: number;
  titleStart: number;
  titleEnd: number;
  endLine: number;
  endCharacter: number;
  depth: number;
  children: HeadingSnapshot[];
}

function snapshotHeading(h: Heading): HeadingSnapshot {
  return {
    name: h.name,
    style: h.style,
    rank: h.rank,
    number: h.number,
    marker: h.marker,
    word: h.word,
    kind: h.kind,
    line: h.line,
    start: h.start,
    markerEnd: h.markerEnd,
    colonEnd: h.colonEnd,
    titleStart: h.titleStart,
    titleEnd: h.titleEnd,
    endLine: h.endLine,
    endCharacter: h.endCharacter,
    depth: h.depth,
    children: h.children.map(snapshotHeading),
  };
}

export function snapshot(outline: Outline): HeadingSnapshot[] {
  return outline.roots.map(snapshotHeading);
}

/** Splits text into lines the way the spec does: \n, \r\n and a lone \r all end a line. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The whitespace of §1 as a regular-expression class: tab, the Unicode space separators, U+200B–U+200D, U+2060, U+FEFF. */
export const WS = '[\\t \\u00a0\\u1680\\u2000-\\u200d\\u202f\\u205f\\u2060\\u3000\\ufeff]';
/** A run of zero-width characters only: dropped from names rather than folded to a space. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/;

/** Whitespace folded as §5 says: a run with a visible space becomes one space, a zero-width run nothing. */
export function fold(text: string): string {
  return text.replace(new RegExp(`${WS}+`, 'g'), (run) => (Array.from(run).every((c) => INVISIBLE.test(c)) ? '' : ' '));
}

const SPACE = new RegExp(`^${WS}*$`);

/**
 * Checks the structural guarantees of §3 and §5 that hold for every input;
 * returns a description of the first broken one, or undefined.
 */
export function brokenInvariant(text: string, outline: Outline): string | undefined {
  const docLines = splitLines(text);
  const all: Heading[] = [];
  let wrongParent: Heading | undefined;
  // Iterative pre-order walk: the tree may be deep, and the check must not overflow the stack.
  const pending: [Heading, Heading | undefined][] = outline.roots.map((h) => [h, undefined] as [Heading, Heading | undefined]).reverse();
  while (pending.length > 0) {
    const [h, parent] = pending.pop()!;
    all.push(h);
    if (h.parent !== parent) wrongParent ??= h;
    for (let i = h.children.length - 1; i >= 0; i--) pending.push([h.children[i], h]);
  }
  if (wrongParent) return `heading "${wrongParent.name}" has a parent link that does not match the tree`;
  if (all.length !== outline.headings.length || all.some((h, i) => outline.headings[i] !== h)) {
    return 'headings is not the tree in document order';
  }
  for (let i = 0; i < all.length; i++) {
    const h = all[i];
    const where = `heading "${h.name}" on line ${h.line}`;
    if (i > 0 && all[i - 1].line >= h.line) return `${where} is not after the heading before it`;
    if (h.line < 0 || h.endLine >= docLines.length) return `${where} lies outside the document`;
    if (h.endLine < h.line) return `${where} ends before it starts`;
    if (h.endCharacter !== docLines[h.endLine].length) return `${where}: endCharacter is not the length of line ${h.endLine}`;
    if (h.endLine > h.line && SPACE.test(docLines[h.endLine])) return `${where} ends on a blank line`;
    const lineLength = docLines[h.line].length;
    if (!(h.start >= 0 && h.start < h.titleEnd && h.titleEnd <= lineLength)) return `${where}: selection ${h.start}..${h.titleEnd} is not inside its line`;
    if (!(h.start < h.markerEnd && h.markerEnd <= h.titleEnd)) return `${where}: marker end ${h.markerEnd} is not inside its selection ${h.start}..${h.titleEnd}`;
    const written = docLines[h.line].slice(h.start, h.markerEnd);
    const unspaced = (t: string) => t.replace(new RegExp(`${WS}+`, 'g'), '');
    if (unspaced(written) !== unspaced(h.marker)) return `${where}: the text before marker end, "${written}", is not the marker "${h.marker}"`;
    if (h.depth !== (h.parent ? h.parent.depth + 1 : 0)) return `${where}: wrong depth`;
    if (h.parent) {
      const p = h.parent;
      // Equal ranks nest only as points of a list, as the 一、 款 of a law article, or as articles under an 一、 (§3).
      const plain = (x: Heading) => x.style === 'item' && x.kind === undefined;
      const lawAndItem = (p.kind === 'law' && plain(h)) || (plain(p) && h.kind === 'law');
      if (!(p.rank < h.rank || (p.rank === 10 && h.rank === 10) || lawAndItem)) return `${where} has a parent of the same or an inner rank`;
      if (h.line <= p.line || h.endLine > p.endLine) return `${where} does not lie inside its parent`;
    }
    if ((h.list !== undefined) !== h.number > 0) return `${where}: ${h.list ? 'has a list but no number' : 'has a number but no list'}`;
    if (h.list !== undefined && (!h.list.members.includes(h) || h.list.style !== h.style)) return `${where} is not a member of its list of style ${h.list.style}`;
    // Folded: no line break, no whitespace but single ASCII spaces, none in front.
    if (/[\r\n]|^ | {2}/.test(h.name) || new RegExp(WS).test(h.name.replace(/ /g, ''))) return `${where}: name is not folded`;
    if (h.name.length < NAME_CAP && new RegExp(`${WS}$`).test(h.name)) return `${where}: name ends in whitespace`;
  }
  for (const list of outline.lists) {
    if (list.members.length === 0) return `a list of style ${list.style} has no members`;
    for (let k = 1; k < list.members.length; k++) {
      if (list.members[k - 1].line >= list.members[k].line) return `list members "${list.members[k - 1].name}" and "${list.members[k].name}" are out of document order`;
    }
    if (list.members.some((m) => m.list !== list)) return `a member of the list of "${list.members[0].name}" points at another list`;
    if (list.kind !== 'law' && list.members.some((m) => m.parent !== list.parent)) return `the list of "${list.members[0].name}" has members under another parent`;
    if (list.next !== list.members[list.members.length - 1].number + 1) return `the list of "${list.members[0].name}" does not expect the number after its last member`;
  }
  if (outline.lists.reduce((n, list) => n + list.members.length, 0) !== all.filter((h) => h.list).length) return 'a heading is in two lists';
  for (const siblings of [outline.roots, ...all.map((h) => h.children)]) {
    for (let k = 1; k < siblings.length; k++) {
      if (siblings[k - 1].endLine >= siblings[k].line) return `heading "${siblings[k].name}" on line ${siblings[k].line} overlaps its previous sibling`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- structure edits (§8)

/**
 * The document after one structure operation on the section whose name
 * starts with `section` (moveTo: after the one starting with `target`), or
 * `refused: <reason>` when it cannot be done.
 */
export function restructure(text: string, operation: StructureOperation, section: string, target?: string, options: OutlineOptions = DEFAULT_OPTIONS): string {
  const doc = new PlainTextDocument('file:///test.txt', text);
  const outline = parseOutline(doc, options);
  const line = headingLine(outline, section);
  const targetLine = target === undefined ? undefined : headingLine(outline, target);
  const answer = editStructure(doc, outline, { operation, line, targetLine }, { outline: options });
  if (!answer.ok) return `refused: ${answer.reason}`;
  return applyTextEdits(text, answer.edits);
}

/** The line of the first heading whose name starts with `name`; fails when there is none. */
export function headingLine(outline: Outline, name: string): number {
  const h = outline.headings.find((x) => x.name.startsWith(name));
  if (h === undefined) throw new Error(`no heading starts with ${name}: ${outline.headings.map((x) => x.name).join(' | ')}`);
  return h.line;
}

/** Applies non-overlapping engine edits the way an editor does: as LSP ranges on a TextDocument. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = TextDocument.create('file:///test.txt', 'plaintext', 1, text);
  return TextDocument.applyEdits(
    doc,
    edits.map((e) => ({ range: { start: { line: e.line, character: e.start }, end: { line: e.endLine ?? e.line, character: e.end } }, newText: e.newText })),
  );
}

/** The repository's root: the nearest folder above the bundled test with a package.json. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

/** Where the real documents are (../shared/seeds and ../shared/corpus: not ours, read, never copied) and our seeds/. */
export function documentFolders(): string[] {
  const root = repoRoot();
  return [resolve(root, '..', 'shared', 'seeds'), resolve(root, '..', 'shared', 'corpus'), join(root, 'seeds')];
}

/** A document on disk, decoded as the server decodes it (BOM, UTF-8, else GB18030). */
export function readDocument(file: string): string {
  const decoded = decodeText(readFileSync(file));
  if (!('text' in decoded)) throw new Error(`${file} does not decode as text`);
  return decoded.text;
}
