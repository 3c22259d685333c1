// Small helpers for the reference tests (server/src/engine/references.ts, articles.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlainTextDocument, Reference, ReferencePart, lawStructure, parseOutline, scanDocumentReferences, scanLineReferences } from '../../server/src/engine';
import { repoRoot } from './helpers';

export { repoRoot };

const UNIT_WORD: Record<ReferencePart['unit'], string> = { volume: 'book', chapter: 'chapter', section: 'section', article: 'article', paragraph: 'paragraph', item: 'item' };

/** One part as words: "article 10", "article 10-1", "this article", "previous paragraph", "2 previous paragraphs"; ^ marks an inherited part. */
export function partWords(p: ReferencePart): string {
  const unit = UNIT_WORD[p.unit];
  const mark = p.inherited ? '^' : '';
  if (p.mode === 'this') return `this ${unit}${mark}`;
  if (p.mode === 'previous') return `${p.number === 1 ? '' : `${p.number} `}previous ${unit}${p.number === 1 ? '' : 's'}${mark}`;
  return `${unit} ${p.number}${p.sub > 0 ? `-${p.sub}` : ''}${mark}`;
}

/** A reference as a sentence: "本法第十条第一款 = article 10 > paragraph 1", "in 刑法: article 17", "… (range end)". */
export function describe(line: string, r: Reference): string {
  const where = r.document === undefined ? '' : r.document === '' ? 'in another document: ' : `in ${r.document}: `;
  return `${line.slice(r.start, r.end)} = ${where}${r.parts.map(partWords).join(' > ')}${r.rangeEnd ? ' (range end)' : ''}`;
}

/** The references of one line, described. */
export function refs(line: string): string[] {
  return scanLineReferences(line, 0, line.length).map((r) => describe(line, r));
}

/** The references of a document, each as "line: description". */
export function documentRefs(text: string): string[] {
  const doc = new PlainTextDocument('file:///law.txt', text);
  const lines = text.split(/\r\n|\r|\n/);
  return scanDocumentReferences(doc).flatMap((list, line) => list.map((r) => `${line}: ${describe(lines[line], r)}`));
}

/** What each reference of a document points at: "line: 本条例第十条 → 第十条 (line 12)", "→ missing article 101", "→ nothing". */
export function resolutions(text: string, uri = 'file:///law.txt'): string[] {
  const doc = new PlainTextDocument(uri, text);
  const outline = parseOutline(doc);
  const structure = lawStructure(doc, outline);
  const lines = text.split(/\r\n|\r|\n/);
  return scanDocumentReferences(doc).flatMap((list, line) =>
    list.map((r) => {
      if (r.document !== undefined) return `${line}: ${lines[line].slice(r.start, r.end)} → another document`;
      const res = structure.resolve(r, line);
      const what =
        res.kind === 'target'
          ? `${res.target.label} (line ${res.target.line})`
          : res.kind === 'missing'
            ? `missing ${res.missing.what} ${[res.missing.article, res.missing.paragraph, res.missing.item].filter((n) => n > 0).join('/')}`
            : 'nothing';
      return `${line}: ${lines[line].slice(r.start, r.end)} → ${what}`;
    }),
  );
}

/** Lines joined with \n. */
export function law(...lines: string[]): string {
  return lines.join('\n');
}

/** The repository's root (the folder with package.json above this bundled file). */

/** A document of seeds/ (ours). */
export function seed(name: string): string {
  return readFileSync(join(repoRoot(), 'seeds', name), 'utf8');
}
