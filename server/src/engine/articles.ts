// A law's structure as references see it (docs/headings.md §9): its articles
// (第X条 headings), the 款 of each article (its heading line is 第一款, each
// unmarked paragraph after it another), the 项 of each 款 (the article's
// （一） items between that 款 and the next), its chapters, sections and books;
// and what a reference (references.ts) points at in it.

import { OutlineDocument, lineContentEnd, lineStart } from './document';
import { isIndent, isSpace } from './names';
import { readArabic, readCnNumeral } from './numerals';
import { DocumentReferences } from './referenceCache';
import { Reference, ReferencePart, ReferenceUnit, UNIT_RANK, writeReferenceNumber } from './references';
import { firstAtOrAfterLine } from './search';
import { Heading, Outline } from './types';

export interface Paragraph {
  /** 1-based: the article's heading line is 款 1. */
  readonly number: number;
  readonly line: number;
  /** Its last non-blank line (its 项 included). */
  readonly endLine: number;
  /** Its 项: the article's items (（一） …) after its line and before the next 款. */
  readonly items: readonly Heading[];
}

/** What a reference points at. */
export interface ReferenceTarget {
  readonly unit: ReferenceUnit;
  /** The heading of the target (the article, chapter, item …); undefined for a 款. */
  readonly heading: Heading | undefined;
  /** The article the target lies in (the target itself for an article); undefined for a chapter, section or book. */
  readonly article: Heading | undefined;
  /** The 款 of a 款 or 项 target. */
  readonly paragraph: Paragraph | undefined;
  /** The target's text: from `line` to `endLine`. */
  readonly line: number;
  readonly endLine: number;
  /** Columns on `line` of the target's name: the heading's marker and title, or the 款's text. */
  readonly start: number;
  readonly end: number;
  /** As the law writes it: 第十三条第二款, 第二章. */
  readonly label: string;
  /** In English: article 13, paragraph 2. */
  readonly labelEn: string;
}

/** A reference to an article, 款 or 项 the document does not have. */
export interface MissingReference {
  readonly what: 'article' | 'paragraph' | 'item';
  readonly article: number;
  readonly sub: number;
  /** 0 when the reference names no 款 (第十条第三项 in an article of one 款). */
  readonly paragraph: number;
  readonly item: number;
}

export type Resolution =
  | { readonly kind: 'target'; readonly target: ReferenceTarget }
  | { readonly kind: 'missing'; readonly missing: MissingReference }
  /** Nothing to point at, and nothing wrong: another document, beyond the articles this one holds, no article around a 本条. */
  | { readonly kind: 'none' };

const NONE: Resolution = { kind: 'none' };

function isArticle(h: Heading): boolean {
  return h.kind === 'law';
}
function isChapter(h: Heading): boolean {
  return h.style === 'chapter' && h.marker.endsWith('章');
}
function isSection(h: Heading): boolean {
  return h.style === 'section';
}
function isVolume(h: Heading): boolean {
  return h.style === 'volume' && (h.marker.endsWith('编') || h.marker.endsWith('編'));
}

const IS_UNIT: Partial<Record<ReferenceUnit, (h: Heading) => boolean>> = { volume: isVolume, chapter: isChapter, section: isSection, article: isArticle };

export class LawStructure {
  readonly articles: readonly Heading[];
  /** The 之一 of each article (by its index in `articles`), 0 for most. */
  private readonly subs: number[];
  /** Article index by number * 1024 + sub. */
  private readonly byNumber = new Map<number, number>();
  private readonly articleIndex = new Map<Heading, number>();
  /** The smallest and largest article number (base numbers); 0 when the document has no article. */
  readonly first: number;
  readonly last: number;
  private readonly paragraphCache = new Map<Heading, readonly Paragraph[]>();
  private readonly lists: Record<'volume' | 'chapter' | 'section', readonly Heading[]>;

  constructor(
    readonly doc: OutlineDocument,
    readonly outline: Outline,
  ) {
    const text = doc.getText();
    const articles: Heading[] = [];
    const volumes: Heading[] = [];
    const chapters: Heading[] = [];
    const sections: Heading[] = [];
    for (const h of outline.headings) {
      if (isArticle(h)) articles.push(h);
      else if (isChapter(h)) chapters.push(h);
      else if (isSection(h)) sections.push(h);
      else if (isVolume(h)) volumes.push(h);
    }
    this.articles = articles;
    this.lists = { volume: volumes, chapter: chapters, section: sections };
    this.subs = articles.map((h) => articleSub(text, doc, h));
    let first = 0;
    let last = 0;
    articles.forEach((h, i) => {
      const key = h.number * 1024 + this.subs[i];
      if (!this.byNumber.has(key)) this.byNumber.set(key, i);
      this.articleIndex.set(h, i);
      if (first === 0 || h.number < first) first = h.number;
      if (h.number > last) last = h.number;
    });
    this.first = first;
    this.last = last;
  }

  /** The 之一 of an article heading (第十条之一 → 1), 0 for none. */
  subOf(article: Heading): number {
    const i = this.articleIndex.get(article);
    return i === undefined ? 0 : this.subs[i];
  }

  article(number: number, sub: number): Heading | undefined {
    const i = this.byNumber.get(number * 1024 + sub);
    return i === undefined ? undefined : this.articles[i];
  }

  /** The innermost heading whose section holds the line. */
  headingAt(line: number): Heading | undefined {
    const headings = this.outline.headings;
    const lo = firstAtOrAfterLine(headings, line + 1);
    for (let h: Heading | undefined = headings[lo - 1]; h !== undefined; h = h.parent) if (line <= h.endLine) return h;
    return undefined;
  }

  /** The heading of a unit (article, chapter, section, book) whose section holds the line. */
  enclosing(line: number, unit: ReferenceUnit): Heading | undefined {
    const test = IS_UNIT[unit];
    if (test === undefined || line < 0) return undefined;
    for (let h = this.headingAt(line); h !== undefined; h = h.parent) if (test(h)) return h;
    return undefined;
  }

  /** The position of an article among the document's articles, -1 for another heading. */
  indexOf(article: Heading): number {
    return this.articleIndex.get(article) ?? -1;
  }

  /**
   * What Shift+F12 on this line asks about: the heading on it (an article, a
   * 项, a chapter, section or book), or the 款 whose line it is.
   */
  targetAt(line: number): ReferenceTarget | undefined {
    const h = this.headingAt(line);
    if (h === undefined) return undefined;
    if (h.line === line) {
      if (isArticle(h)) return this.target('article', undefined, h, undefined, undefined);
      if (isVolume(h)) return this.target('volume', h, undefined, undefined, undefined);
      if (isChapter(h)) return this.target('chapter', h, undefined, undefined, undefined);
      if (isSection(h)) return this.target('section', h, undefined, undefined, undefined);
      if (h.parent !== undefined && isArticle(h.parent)) return this.target('item', undefined, h.parent, this.paragraphAt(h.parent, line), h);
      return undefined;
    }
    const article = this.enclosing(line, 'article');
    if (article === undefined) return undefined;
    const p = this.paragraphAt(article, line);
    return p !== undefined && p.line === line ? this.target('paragraph', undefined, article, p, undefined) : undefined;
  }

  /** The paragraphs (款) of an article, with their items (项). */
  paragraphs(article: Heading): readonly Paragraph[] {
    let cached = this.paragraphCache.get(article);
    if (cached === undefined) {
      cached = computeParagraphs(this.doc, this.outline, article);
      this.paragraphCache.set(article, cached);
    }
    return cached;
  }

  /** The 款 of the article that holds the line. */
  paragraphAt(article: Heading, line: number): Paragraph | undefined {
    let found: Paragraph | undefined;
    for (const p of this.paragraphs(article)) {
      if (p.line > line) break;
      found = p;
    }
    return found;
  }

  /**
   * What a reference on `line` points at (line -1: the reference is in
   * another document, so nothing is relative to a line here).
   */
  resolve(ref: Reference, line: number): Resolution {
    let container: Heading | undefined; // the last volume, chapter or section named
    let article: Heading | undefined;
    let paragraph: Paragraph | undefined;
    let item: Heading | undefined;
    let unit: ReferenceUnit | undefined;
    let articleWritten = false;
    for (let k = 0; k < ref.parts.length; k++) {
      const part = ref.parts[k];
      switch (part.unit) {
        case 'volume':
        case 'chapter':
        case 'section': {
          const found = this.container(part, container, line, k === 0);
          if (found === undefined) return NONE;
          container = found;
          break;
        }
        case 'article': {
          if (part.mode === 'number') {
            article = this.article(part.number, part.sub);
            articleWritten = true;
            if (article === undefined) return this.missingArticle(ref, part);
          } else {
            const here = this.enclosing(line, 'article');
            if (here === undefined) return NONE;
            if (part.mode === 'this') article = here;
            else article = this.articles[this.articleIndex.get(here)! - part.number];
            if (article === undefined) return NONE;
          }
          break;
        }
        case 'paragraph': {
          const here = article === undefined;
          article ??= this.enclosing(line, 'article');
          if (article === undefined) return NONE;
          const paragraphs = this.paragraphs(article);
          if (part.mode === 'number') {
            paragraph = paragraphs[part.number - 1];
            if (paragraph === undefined) return missing('paragraph', article, this.subOf(article), part.number, 0);
          } else {
            const at = here ? this.paragraphAt(article, line) : undefined;
            if (at === undefined) return NONE;
            paragraph = part.mode === 'this' ? at : paragraphs[at.number - 1 - part.number];
            if (paragraph === undefined) return NONE;
          }
          break;
        }
        case 'item': {
          const found = this.item(part, article, paragraph, line, articleWritten);
          if (found.kind !== 'item') return found.resolution;
          article = found.article;
          paragraph = found.paragraph;
          item = found.item;
          break;
        }
      }
      unit = part.unit;
    }
    if (unit === undefined) return NONE;
    return { kind: 'target', target: this.target(unit, container, article, paragraph, item) };
  }

  private missingArticle(ref: Reference, part: ReferencePart): Resolution {
    // Only inside the range of articles this document holds: a book of a code
    // citing another book's articles cites what is not here, rightly.
    if (ref.document !== undefined || this.last === 0 || part.number < this.first || part.number > this.last) return NONE;
    return missing('article', undefined, part.sub, 0, 0, part.number);
  }

  private container(part: ReferencePart, above: Heading | undefined, line: number, first: boolean): Heading | undefined {
    const unit = part.unit as 'volume' | 'chapter' | 'section';
    if (part.mode === 'this') return this.enclosing(line, unit);
    const list = this.lists[unit];
    if (part.mode === 'previous') {
      const here = this.enclosing(line, unit);
      const i = here === undefined ? -1 : list.indexOf(here);
      return i < 0 ? undefined : list[i - part.number];
    }
    // 第二章 in a book of a code is that book's chapter; 第一节 that chapter's section.
    const outer = unit === 'section' ? 'chapter' : unit === 'chapter' ? 'volume' : undefined;
    const scope = above ?? (first && outer !== undefined ? this.enclosing(line, outer) : undefined);
    const inScope = (h: Heading) => scope === undefined || (h.line > scope.line && h.line <= scope.endLine);
    return list.find((h) => h.number === part.number && inScope(h)) ?? (above === undefined ? list.find((h) => h.number === part.number) : undefined);
  }

  private item(
    part: ReferencePart,
    article: Heading | undefined,
    paragraph: Paragraph | undefined,
    line: number,
    articleWritten: boolean,
  ): { kind: 'item'; article: Heading; paragraph: Paragraph; item: Heading } | { kind: 'done'; resolution: Resolution } {
    const done = (resolution: Resolution) => ({ kind: 'done' as const, resolution });
    const fromContext = article === undefined;
    article ??= this.enclosing(line, 'article');
    if (article === undefined) return done(NONE);
    const paragraphs = this.paragraphs(article);
    if (part.mode !== 'number') {
      // 本项, 前项: the item the line is in, within its 款.
      const at = this.paragraphAt(article, line);
      if (!fromContext || paragraph !== undefined || at === undefined) return done(NONE);
      let index = -1;
      for (let j = 0; j < at.items.length; j++) if (at.items[j].line <= line) index = j;
      if (index < 0) return done(NONE);
      const found = at.items[part.mode === 'this' ? index : index - part.number];
      return found === undefined ? done(NONE) : { kind: 'item', article, paragraph: at, item: found };
    }
    const sub = this.subOf(article);
    if (paragraph !== undefined) {
      const found = paragraph.items.find((h) => h.number === part.number);
      return found !== undefined ? { kind: 'item', article, paragraph, item: found } : done(missing('item', article, sub, paragraph.number, part.number));
    }
    if (!fromContext) {
      // 第十条第三项: the article's first 款 with that item.
      for (const p of paragraphs) {
        const found = p.items.find((h) => h.number === part.number);
        if (found !== undefined) return { kind: 'item', article, paragraph: p, item: found };
      }
      return articleWritten && paragraphs.some((p) => p.items.length > 0) ? done(missing('item', article, sub, 0, part.number)) : done(NONE);
    }
    // A bare 第三项: the 款 the line is in when it has items, else the nearest one before it that has.
    const at = this.paragraphAt(article, line);
    if (at === undefined) return done(NONE);
    for (let i = at.number - 1; i >= 0; i--) {
      const p = paragraphs[i];
      if (p.items.length === 0) continue;
      const found = p.items.find((h) => h.number === part.number);
      return found !== undefined ? { kind: 'item', article, paragraph: p, item: found } : done(NONE);
    }
    return done(NONE);
  }

  private target(unit: ReferenceUnit, container: Heading | undefined, article: Heading | undefined, paragraph: Paragraph | undefined, item: Heading | undefined): ReferenceTarget {
    if (unit === 'item' && item !== undefined && article !== undefined && paragraph !== undefined) {
      return new Target(this, unit, item, article, paragraph, item.line, Math.min(item.endLine, paragraph.endLine), item.start, item.titleEnd);
    }
    if (unit === 'paragraph' && paragraph !== undefined && article !== undefined) {
      const text = this.doc.getText();
      const start = lineStart(this.doc, paragraph.line);
      let s = start;
      const e = lineContentEnd(text, this.doc, paragraph.line);
      while (s < e && isIndent(text.charCodeAt(s))) s++;
      return new Target(this, unit, undefined, article, paragraph, paragraph.line, paragraph.endLine, s - start, e - start);
    }
    if (unit === 'article' && article !== undefined) return new Target(this, unit, article, article, undefined, article.line, article.endLine, article.start, article.titleEnd);
    const h = container!;
    return new Target(this, unit, h, undefined, undefined, h.line, h.endLine, h.start, h.titleEnd);
  }

  articleLabel(article: Heading): string {
    const sub = this.subOf(article);
    return `第${cn(article.number)}条${sub > 0 ? `之${cn(sub)}` : ''}`;
  }

  articleLabelEn(article: Heading): string {
    const sub = this.subOf(article);
    return `article ${article.number}${sub > 0 ? `-${sub}` : ''}`;
  }
}

/** A resolved target; its labels are written only when asked (diagnostics resolve every reference, and need none). */
class Target implements ReferenceTarget {
  constructor(
    private readonly structure: LawStructure,
    readonly unit: ReferenceUnit,
    readonly heading: Heading | undefined,
    readonly article: Heading | undefined,
    readonly paragraph: Paragraph | undefined,
    readonly line: number,
    readonly endLine: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get label(): string {
    const { structure: st, article, paragraph, heading } = this;
    if (article === undefined) return heading!.marker.replace(/\s+/g, '');
    const base = st.articleLabel(article);
    if (this.unit === 'article') return base;
    const p = paragraphs1(st.paragraphs(article)) && this.unit === 'item' ? '' : `第${cn(paragraph!.number)}款`;
    return this.unit === 'paragraph' ? `${base}${p}` : `${base}${p}第（${cn(heading!.number)}）项`;
  }

  get labelEn(): string {
    const { structure: st, article, paragraph, heading } = this;
    if (article === undefined) return `${{ volume: 'book', chapter: 'chapter', section: 'section' }[this.unit as 'volume' | 'chapter' | 'section'] ?? this.unit} ${heading!.number}`;
    const base = st.articleLabelEn(article);
    if (this.unit === 'article') return base;
    if (this.unit === 'paragraph') return `paragraph ${paragraph!.number} of ${base}`;
    return `item ${heading!.number} of ${paragraphs1(st.paragraphs(article)) ? '' : `paragraph ${paragraph!.number} of `}${base}`;
  }
}

/** An article of one 款 is cited without it: 第十条第（三）项. */
function paragraphs1(paragraphs: readonly Paragraph[]): boolean {
  return paragraphs.length === 1;
}

function cn(value: number): string {
  return writeReferenceNumber(value, 'chinese') ?? String(value);
}

function missing(what: MissingReference['what'], article: Heading | undefined, sub: number, paragraph: number, item: number, number = article?.number ?? 0): Resolution {
  return { kind: 'missing', missing: { what, article: number, sub, paragraph, item } };
}

/** 之一 after 第X条 on an article's heading line (第一百二十条之一), 0 for none. */
function articleSub(text: string, doc: OutlineDocument, h: Heading): number {
  const own = (h as { sub?: number }).sub;
  if (typeof own === 'number') return own;
  const start = lineStart(doc, h.line) + h.start;
  const end = lineContentEnd(text, doc, h.line);
  let i = start + 1;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  const num = readArabic(text, i, end) ?? readCnNumeral(text, i, end);
  if (num === undefined) return 0;
  i = num.end;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  if (text[i] !== '条' && text[i] !== '條') return 0;
  if (text[i + 1] !== '之') return 0;
  const sub = readCnNumeral(text, i + 2, end) ?? readArabic(text, i + 2, end);
  return sub?.value ?? 0;
}

function isBlank(text: string, doc: OutlineDocument, line: number): boolean {
  const end = lineContentEnd(text, doc, line);
  for (let i = lineStart(doc, line); i < end; i++) if (!isIndent(text.charCodeAt(i))) return false;
  return true;
}

/**
 * 款 of an article: its heading line, then every non-blank line in its
 * section that is not a heading (an item's nested 目 belong to the item).
 * 项: the article's own items, each in the 款 before it.
 */
function computeParagraphs(doc: OutlineDocument, outline: Outline, article: Heading): Paragraph[] {
  const text = doc.getText();
  const headings = outline.headings;
  const out: { number: number; line: number; endLine: number; items: Heading[] }[] = [];
  let current = { number: 1, line: article.line, endLine: article.line, items: [] as Heading[] };
  out.push(current);
  let k = article.index + 1;
  for (let line = article.line + 1; line <= article.endLine; line++) {
    while (k < headings.length && headings[k].line < line) k++;
    const h = k < headings.length && headings[k].line === line ? headings[k] : undefined;
    if (h !== undefined) {
      if (h.parent === article) current.items.push(h);
      current.endLine = line;
      continue;
    }
    if (isBlank(text, doc, line)) continue;
    // An unmarked line right under an item's nested headings still opens a new 款 (§3).
    current = { number: current.number + 1, line, endLine: line, items: [] };
    out.push(current);
  }
  return out;
}

const structures = new WeakMap<Outline, { version: number; uri: string; structure: LawStructure }>();

/** The law structure of this version of a document and its outline, computed once. */
export function lawStructure(doc: OutlineDocument, outline: Outline): LawStructure {
  const cached = structures.get(outline);
  if (cached !== undefined && cached.version === doc.version && cached.uri === doc.uri) return cached.structure;
  const structure = new LawStructure(doc, outline);
  structures.set(outline, { version: doc.version, uri: doc.uri, structure });
  return structure;
}

/**
 * Whether a reference's target cites the subject (what Shift+F12 was asked
 * about): an article is cited by references to it and to its 款 and 项, a 款
 * by references to it and its 项, anything else by references to itself.
 */
export function cites(target: ReferenceTarget, subject: ReferenceTarget): boolean {
  if (subject.unit === 'article') return target.article === subject.article;
  if (subject.unit === 'paragraph') return target.article === subject.article && target.paragraph?.number === subject.paragraph?.number;
  return target.unit === subject.unit && target.heading === subject.heading;
}

/**
 * How many references of this document cite each heading (for the 提纲 view's
 * tooltip): an article counts the references to it and to its 款 and 项, any
 * other heading (chapter, section, book, 项) those to itself.
 */
export function citationCounts(structure: LawStructure, refs: DocumentReferences): ReadonlyMap<Heading, number> {
  return resolveAll(structure, refs).citations;
}

/** What resolving every reference of one version gives: the citation counts and the references that land nowhere. */
interface Resolved {
  readonly citations: Map<Heading, number>;
  readonly missing: { readonly line: number; readonly ref: Reference; readonly missing: MissingReference }[];
}

const resolvedOf = new WeakMap<LawStructure, { version: number; lines: DocumentReferences['lines']; resolved: Resolved }>();

/**
 * Every reference of this document resolved once per version: the 提纲 view's
 * counts (tigang/outline) and reference.missing both read it, so a keystroke
 * in a long law resolves its references once, not twice.
 */
function resolveAll(structure: LawStructure, refs: DocumentReferences): Resolved {
  const cached = resolvedOf.get(structure);
  if (cached !== undefined && cached.version === refs.version && cached.lines === refs.lines) return cached.resolved;
  const resolved: Resolved = { citations: new Map(), missing: [] };
  const counts = resolved.citations;
  const add = (h: Heading | undefined) => {
    if (h !== undefined) counts.set(h, (counts.get(h) ?? 0) + 1);
  };
  for (let line = 0; line < refs.lines.length; line++) {
    for (const ref of refs.lines[line]) {
      if (ref.document !== undefined) continue;
      const r = structure.resolve(ref, line);
      if (r.kind === 'missing') resolved.missing.push({ line, ref, missing: r.missing });
      if (r.kind !== 'target') continue;
      add(r.target.article);
      if (r.target.heading !== r.target.article) add(r.target.heading);
    }
  }
  resolvedOf.set(structure, { version: refs.version, lines: refs.lines, resolved });
  return resolved;
}

/** The target's text as plain lines, indentation dropped, at most `max` characters (… when cut). */
export function targetText(doc: OutlineDocument, target: ReferenceTarget, max: number): string {
  const text = doc.getText();
  const lines: string[] = [];
  let length = 0;
  for (let line = target.line; line <= target.endLine && length < max; line++) {
    let s = lineStart(doc, line);
    const e = lineContentEnd(text, doc, line);
    while (s < e && isIndent(text.charCodeAt(s))) s++;
    if (s === e) continue;
    const piece = text.slice(s, e);
    lines.push(piece);
    length += piece.length + 1;
  }
  const joined = lines.join('\n');
  if (joined.length <= max) return joined;
  let cut = max;
  if (cut > 0 && joined.charCodeAt(cut - 1) >= 0xd800 && joined.charCodeAt(cut - 1) <= 0xdbff) cut--;
  return `${joined.slice(0, cut)}…`;
}

// --------------------------------------------------------------- titles

/**
 * The names a document goes by, for 《title》 and law-name references: its
 * first non-blank line, a 《title》 inside that line (a 通知 that publishes
 * 《…办法》), and its file name without the extension.
 */
export function documentTitles(doc: OutlineDocument): string[] {
  const text = doc.getText();
  const titles: string[] = [];
  for (let line = 0; line < doc.lineCount && line < 50; line++) {
    const s = lineStart(doc, line);
    const e = lineContentEnd(text, doc, line);
    const raw = text.slice(s, e).trim();
    if (raw === '') continue;
    const title = normaliseTitle(raw);
    if (title !== '') titles.push(title);
    const inner = /《([^《》]+)》/.exec(raw);
    if (inner !== null) titles.push(normaliseTitle(inner[1]));
    break;
  }
  const file = fileTitle(doc.uri);
  if (file !== '') titles.push(file);
  return titles;
}

function fileTitle(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  let name = path.slice(path.lastIndexOf('/') + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // keep it as written
  }
  return normaliseTitle(name.replace(/\.[^.]*$/, ''));
}

/** Without whitespace, 《》 and a trailing (2021年修正) or (示例). */
export function normaliseTitle(title: string): string {
  let t = title.replace(/[\s\u3000\ufeff]+/g, '').replace(/^《|》$/g, '');
  for (;;) {
    const next = t.replace(/[（(][^（）()]*[）)]$/, '');
    if (next === t || next === '') break;
    t = next;
  }
  return t;
}

/**
 * Whether a document of this title is the one a reference names: the same
 * title, or one ending in the name (刑法 names 中华人民共和国刑法).
 */
export function titleMatches(title: string, name: string): boolean {
  const n = normaliseTitle(name);
  return n.length >= 2 && (title === n || title.endsWith(n));
}

// ---------------------------------------------------------- diagnostics

/** A problem with a reference, as data; the diagnostics provider writes the message (server/src/l10n.ts, with missingLabels). */
export interface ReferenceDiagnostic {
  readonly code: 'reference.missing';
  readonly severity: 'warning';
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly args: {
    readonly what: MissingReference['what'];
    /** How the document calls itself: 法, 条例, 办法 … */
    readonly self: string;
    readonly article: number;
    readonly sub: number;
    readonly paragraph: number;
    readonly item: number;
  };
}

/** The English for how a document calls itself (本法 → law, as in "this law"). */
const SELF_EN: Readonly<Record<string, string>> = {
  法: 'law', 法典: 'code', 条例: 'regulation', 办法: 'measures', 规定: 'provisions', 细则: 'rules', 决定: 'decision', 规范: 'code', 规则: 'rules', 章程: 'charter', 准则: 'code', 解释: 'interpretation', 标准: 'standard',
};

/** What a reference.missing diagnostic names, written in one language: the messages (server/src/l10n.ts) put them together. */
export interface MissingLabels {
  /** 法 / law: the document as it calls itself. */
  readonly self: string;
  /** 第一百零一条 / article 101. */
  readonly article: string;
  /** 第三款 / paragraph 3 ('' when the reference named no 款). */
  readonly paragraph: string;
  /** 第一条第三款 / paragraph 3 of article 1: the 款 within its article (the article when no 款 was named). */
  readonly articleParagraph: string;
  /** 第（三）项 / item 3. */
  readonly item: string;
}

export function missingLabels(args: ReferenceDiagnostic['args'], language: 'zh-cn' | 'en'): MissingLabels {
  const named = args.paragraph > 0;
  if (language === 'zh-cn') {
    const article = `第${cn(args.article)}条${args.sub > 0 ? `之${cn(args.sub)}` : ''}`;
    const paragraph = named ? `第${cn(args.paragraph)}款` : '';
    return { self: args.self, article, paragraph, articleParagraph: article + paragraph, item: `第（${cn(args.item)}）项` };
  }
  const article = `article ${args.article}${args.sub > 0 ? `-${args.sub}` : ''}`;
  const paragraph = named ? `paragraph ${args.paragraph}` : '';
  return { self: SELF_EN[args.self] ?? 'document', article, paragraph, articleParagraph: named ? `${paragraph} of ${article}` : article, item: `item ${args.item}` };
}

/** reference.missing for every reference of this document to an article, 款 or 项 it lacks, inside the range of its articles. */
export function referenceDiagnostics(structure: LawStructure, refs: DocumentReferences): ReferenceDiagnostic[] {
  const out: ReferenceDiagnostic[] = [];
  if (structure.articles.length === 0) return out;
  const self = documentSelfWord(refs);
  for (const { line, ref, missing } of resolveAll(structure, refs).missing) {
    out.push({ code: 'reference.missing', severity: 'warning', line, start: ref.start, end: ref.end, args: { ...missing, self: ref.self ?? self } });
  }
  return out;
}

/** The word the document uses most after 本 (本条例 …), 法 when it uses none. */
function documentSelfWord(refs: DocumentReferences): string {
  const counts = new Map<string, number>();
  for (const list of refs.lines) for (const r of list) if (r.self !== undefined) counts.set(r.self, (counts.get(r.self) ?? 0) + 1);
  let best = '法';
  let n = 0;
  for (const [word, count] of counts) if (count > n) [best, n] = [word, count];
  return best;
}

/** Whether a reference's parts rank strictly outermost first (a scanner invariant the tests check). */
export function partsInOrder(ref: Reference): boolean {
  return ref.parts.every((p, i) => i === 0 || UNIT_RANK[ref.parts[i - 1].unit] < UNIT_RANK[p.unit]);
}
