// References between articles (docs/headings.md §9) as LSP features:
// textDocument/definition (the most specific thing a reference names),
// hover (its text), documentLink (every reference clickable), references
// (every place citing an article, 款, 项 or chapter) and the data of the
// reference.missing diagnostic.

import { Diagnostic, DiagnosticSeverity, DocumentLink, Hover, Location, LocationLink, Position, Range } from 'vscode-languageserver';
import {
  DocumentReferences,
  LawStructure,
  Outline,
  OutlineDocument,
  Reference,
  ReferenceDiagnostic,
  ReferenceTarget,
  cites,
  documentTitles,
  lawStructure,
  lineContentEnd,
  lineStart,
  missingLabels,
  referenceAt,
  targetText,
  titleMatches,
} from '../engine';
import { L10n } from '../l10n';

/** A document references are resolved in: an open one, or a file of the workspace index read afresh. */
export interface ReferencedDocument {
  readonly uri: string;
  readonly doc: OutlineDocument;
  readonly outline: Outline;
  readonly references: DocumentReferences;
}

/**
 * What the reference features need of the workspace: the service implements
 * it over the open documents and the workspace index's other files, read
 * through the WorkspaceFs when a reference leads into them (service.ts).
 */
export interface ReferenceWorkspace {
  /**
   * The document a 《title》 or a law's name names: one whose first non-blank
   * line, 《title》 in that line, or file name is the name or ends in it
   * (刑法 names 中华人民共和国刑法; documentTitles, titleMatches); undefined
   * when there is none.
   */
  findDocumentByTitle(title: string): Promise<ReferencedDocument | undefined>;
  /**
   * The documents other than `uri` whose references may name it by one of
   * its `titles` (textDocument/references): every open one, and the files
   * not open that cite one of the titles.
   */
  otherDocuments(uri: string, titles: readonly string[]): Promise<readonly ReferencedDocument[]>;
}

/** Characters of the target's text a hover shows. */
export const HOVER_CHARACTERS = 300;

interface Resolved {
  readonly where: ReferencedDocument;
  readonly structure: LawStructure;
  readonly target: ReferenceTarget;
}

/** Looks each title up once per request (documentLinks resolves every reference). */
class Resolver {
  private readonly byTitle = new Map<string, Promise<ReferencedDocument | undefined>>();
  private readonly titles = new Map<string, string[]>();

  constructor(
    readonly current: ReferencedDocument,
    readonly workspace: ReferenceWorkspace | undefined,
  ) {}

  structure(d: ReferencedDocument): LawStructure {
    return lawStructure(d.doc, d.outline);
  }

  titlesOf(d: ReferencedDocument): string[] {
    let t = this.titles.get(d.uri);
    if (t === undefined) {
      t = documentTitles(d.doc);
      this.titles.set(d.uri, t);
    }
    return t;
  }

  /** The document a reference of `from` names: `from` itself, or the one its title names. */
  async documentOf(ref: Reference, from: ReferencedDocument): Promise<ReferencedDocument | undefined> {
    if (ref.document === undefined) return from;
    if (ref.document === '') return undefined; // 该法第十条: a document named before, not here
    const name = ref.document;
    if (this.titlesOf(from).some((t) => titleMatches(t, name))) return from;
    if (this.workspace === undefined) return undefined;
    let found = this.byTitle.get(name);
    if (found === undefined) {
      found = this.workspace.findDocumentByTitle(name);
      this.byTitle.set(name, found);
    }
    return found;
  }

  async resolve(ref: Reference, line: number, from: ReferencedDocument = this.current): Promise<Resolved | undefined> {
    const where = await this.documentOf(ref, from);
    if (where === undefined) return undefined;
    const structure = this.structure(where);
    const r = structure.resolve(ref, where === from && ref.document === undefined ? line : -1);
    return r.kind === 'target' ? { where, structure, target: r.target } : undefined;
  }
}

function refRange(line: number, ref: Reference): Range {
  return { start: { line, character: ref.start }, end: { line, character: ref.end } };
}

function nameRange(t: ReferenceTarget): Range {
  return { start: { line: t.line, character: t.start }, end: { line: t.line, character: t.end } };
}

function fullRange(doc: OutlineDocument, t: ReferenceTarget): Range {
  const end = lineContentEnd(doc.getText(), doc, t.endLine) - lineStart(doc, t.endLine);
  return { start: { line: t.line, character: 0 }, end: { line: t.endLine, character: end } };
}

/** textDocument/definition: where the reference at the position points, or null. */
export async function definition(current: ReferencedDocument, workspace: ReferenceWorkspace | undefined, position: Position, linkSupport: boolean): Promise<Location | LocationLink[] | null> {
  const ref = referenceAt(current.references, position.line, position.character);
  if (ref === undefined) return null;
  const r = await new Resolver(current, workspace).resolve(ref, position.line);
  if (r === undefined) return null;
  if (!linkSupport) return { uri: r.where.uri, range: nameRange(r.target) };
  return [{ originSelectionRange: refRange(position.line, ref), targetUri: r.where.uri, targetRange: fullRange(r.where.doc, r.target), targetSelectionRange: nameRange(r.target) }];
}

/** textDocument/hover: the referenced text, its first HOVER_CHARACTERS characters, as plain text. */
export async function hover(current: ReferencedDocument, workspace: ReferenceWorkspace | undefined, position: Position): Promise<Hover | null> {
  const ref = referenceAt(current.references, position.line, position.character);
  if (ref === undefined) return null;
  const resolver = new Resolver(current, workspace);
  const r = await resolver.resolve(ref, position.line);
  if (r === undefined) return null;
  const head: string[] = [];
  if (r.where.uri !== current.uri) head.push(`《${resolver.titlesOf(r.where)[0] ?? r.where.uri}》`);
  // An article's or chapter's text starts with its own marker; a 款 or 项 is named first.
  if (r.target.unit === 'paragraph' || r.target.unit === 'item') head.push(r.target.label);
  const body = targetText(r.where.doc, r.target, HOVER_CHARACTERS);
  return { contents: { kind: 'plaintext', value: [...head, body].join('\n') }, range: refRange(position.line, ref) };
}

/** A file URI with a line fragment (#L12,5), which VS Code opens at that line, as the Markdown language service does. */
export function targetUri(uri: string, t: ReferenceTarget): string {
  return `${uri.replace(/#.*$/, '')}#L${t.line + 1},${t.start + 1}`;
}

/** textDocument/documentLink: every reference that points at something, clickable. */
export async function documentLinks(current: ReferencedDocument, workspace: ReferenceWorkspace | undefined, l10n: L10n): Promise<DocumentLink[]> {
  const resolver = new Resolver(current, workspace);
  const zh = l10n.locale === 'zh-cn';
  const links: DocumentLink[] = [];
  const lines = current.references.lines;
  for (let line = 0; line < lines.length; line++) {
    for (const ref of lines[line]) {
      const r = await resolver.resolve(ref, line);
      if (r === undefined) continue;
      const label = zh ? r.target.label : r.target.labelEn;
      links.push({ range: refRange(line, ref), target: targetUri(r.where.uri, r.target), tooltip: l10n.t('reference.link', label) });
    }
  }
  return links;
}

/**
 * textDocument/references: on a reference, every place citing what it
 * names; on a heading (article, chapter, section, book, 项) or a 款's line,
 * every place citing it — explicit (第十条) and relative (前条, 本条, 前款) —
 * in its document and, by 《title》 or a law's name, in the other documents.
 * A range (第八条至第十条) cites the articles inside it too.
 */
export async function references(
  current: ReferencedDocument,
  workspace: ReferenceWorkspace | undefined,
  position: Position,
  includeDeclaration: boolean,
): Promise<Location[]> {
  const resolver = new Resolver(current, workspace);
  let subject: Resolved | undefined;
  const ref = referenceAt(current.references, position.line, position.character);
  if (ref !== undefined) subject = await resolver.resolve(ref, position.line);
  else {
    const structure = resolver.structure(current);
    const target = structure.targetAt(position.line);
    if (target !== undefined) subject = { where: current, structure, target };
  }
  if (subject === undefined) return [];
  const { where, structure, target } = subject;
  const out: Location[] = [];
  if (includeDeclaration) out.push({ uri: where.uri, range: nameRange(target) });
  await collect(resolver, where, where, structure, target, out);
  if (workspace !== undefined) {
    const titles = resolver.titlesOf(where);
    for (const other of await workspace.otherDocuments(where.uri, titles)) {
      await collect(resolver, other, where, structure, target, out);
    }
  }
  return out;
}

/**
 * The references of `from` that cite the subject in `where`. Only those that
 * can land in `where` are resolved: unnamed ones in `where` itself, named
 * ones when the name is one of `where`'s titles — a law citing forty others
 * would otherwise read and parse each of them to find they are not `where`.
 */
async function collect(resolver: Resolver, from: ReferencedDocument, where: ReferencedDocument, structure: LawStructure, subject: ReferenceTarget, out: Location[]): Promise<void> {
  const lines = from.references.lines;
  const subjectIndex = subject.unit === 'article' ? structure.indexOf(subject.article!) : -1;
  const titles = resolver.titlesOf(where);
  const mayLandInWhere = (ref: Reference) => {
    const name = ref.document;
    if (name === undefined) return from.uri === where.uri;
    return name !== '' && titles.some((t) => titleMatches(t, name));
  };
  for (let line = 0; line < lines.length; line++) {
    const list = lines[line];
    for (let i = 0; i < list.length; i++) {
      const ref = list[i];
      if (!mayLandInWhere(ref)) continue;
      const r = await resolver.resolve(ref, line, from);
      if (r === undefined || r.where.uri !== where.uri) continue;
      if (cites(r.target, subject)) {
        out.push({ uri: from.uri, range: refRange(line, ref) });
        continue;
      }
      // Inside a range: 第八条至第十条 cites 第九条.
      if (ref.rangeEnd && i > 0 && subjectIndex >= 0 && r.target.unit === 'article') {
        const start = await resolver.resolve(list[i - 1], line, from);
        if (start === undefined || start.where.uri !== where.uri || start.target.unit !== 'article') continue;
        const a = structure.indexOf(start.target.article!);
        const b = structure.indexOf(r.target.article!);
        if (a < subjectIndex && subjectIndex < b) out.push({ uri: from.uri, range: { start: { line, character: list[i - 1].start }, end: { line, character: ref.end } } });
      }
    }
  }
}

/** The message of a reference.missing diagnostic in the UI language. */
export function referenceMessage(d: ReferenceDiagnostic, l10n: L10n): string {
  const labels = missingLabels(d.args, l10n.locale);
  switch (d.args.what) {
    case 'article':
      return l10n.t('reference.missing.article', labels.self, labels.article);
    case 'paragraph':
      return l10n.t('reference.missing.paragraph', labels.article, labels.paragraph);
    case 'item':
      return l10n.t('reference.missing.item', labels.articleParagraph, labels.item);
  }
}

/** reference.missing data as LSP diagnostics, in the UI language. */
export function referenceDiagnosticsToLsp(data: readonly ReferenceDiagnostic[], l10n: L10n): Diagnostic[] {
  return data.map((d) => ({
    range: { start: { line: d.line, character: d.start }, end: { line: d.line, character: d.end } },
    severity: DiagnosticSeverity.Warning,
    code: d.code,
    source: 'tigang',
    message: referenceMessage(d, l10n),
  }));
}
