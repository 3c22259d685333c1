// tigang/outline: the outline with section statistics, for the 提纲 view
// (client/src/outlineView.ts) and the client's navigation commands.
//
// While typing in a paragraph the headings stay the same and only their
// numbers move (where sections end, their character counts, how many
// references cite them), so an answer to a client that holds the previous
// tree carries just those numbers: for a 10 MB document about 200 KB instead
// of the 1.3 MB tree.

import { OUTLINE_NUMBERS, OutlineItem, OutlineResult } from '@tigang/protocol';
import { Heading, LineStatistics, Outline, OutlineDocument, truncateName } from '../engine';

/** What was last sent for one document. */
interface Sent {
  readonly resultId: string;
  readonly outline: Outline;
  /** The headings' names as sent: the outline cache renames headings in place (renamedOutline in engine/outline.ts). */
  readonly names: readonly string[];
  readonly maxNameLength: number;
}

export class OutlineResults {
  private readonly sent = new Map<string, Sent>();
  private counter = 0;

  /**
   * `laws`: how many references cite each heading and how many law articles
   * there are (§9), for documents that have articles; undefined for the others.
   */
  answer(
    doc: OutlineDocument,
    outline: Outline,
    statistics: LineStatistics,
    maxNameLength: number,
    previousResultId: string | undefined,
    laws?: { readonly citations: ReadonlyMap<Heading, number>; readonly articles: number },
  ): OutlineResult {
    const characters = statistics.sectionCharacters(outline);
    const resultId = String(++this.counter);
    const previous = this.sent.get(doc.uri);
    this.sent.set(doc.uri, { resultId, outline, names: outline.headings.map((h) => h.name), maxNameLength });
    const result: OutlineResult = { version: doc.version, resultId };
    if (laws !== undefined && laws.articles > 0) result.articles = laws.articles;
    const citations = laws !== undefined && laws.citations.size > 0 ? laws.citations : undefined;
    if (previous !== undefined && previous.resultId === previousResultId && previous.maxNameLength === maxNameLength && sameHeadings(previous, outline)) {
      result.numbers = headingNumbers(outline, characters);
      // Typing a reference changes a count and no heading: it goes with the numbers.
      if (citations !== undefined) result.citations = outline.headings.map((h) => citations.get(h) ?? 0);
    } else {
      result.items = outlineItems(outline, characters, maxNameLength, citations);
    }
    return result;
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/** The tree as OutlineItems; `citations` where a heading is cited (absent, not 0, where it is not). */
export function outlineItems(outline: Outline, characters: readonly number[], maxNameLength: number, citations?: ReadonlyMap<Heading, number>): OutlineItem[] {
  const toItem = (h: Heading): OutlineItem => {
    const name = truncateName(h.name, maxNameLength);
    const item: OutlineItem = {
      name,
      style: h.style,
      rank: h.rank,
      line: h.line,
      start: h.start,
      titleEnd: h.titleEnd,
      endLine: h.endLine,
      characters: characters[h.index],
      children: h.children.map(toItem),
    };
    if (name !== h.name) item.fullName = h.name;
    const cited = citations?.get(h);
    if (cited !== undefined && cited > 0) item.citations = cited;
    return item;
  };
  return outline.roots.map(toItem);
}

function headingNumbers(outline: Outline, characters: readonly number[]): number[] {
  const numbers = new Array<number>(outline.headings.length * OUTLINE_NUMBERS);
  let i = 0;
  for (const h of outline.headings) {
    numbers[i++] = h.line;
    numbers[i++] = h.start;
    numbers[i++] = h.titleEnd;
    numbers[i++] = h.endLine;
    numbers[i++] = characters[h.index];
  }
  return numbers;
}

/** Whether an outline has the headings sent before: names, styles, ranks (a user rule's may change) and nesting (not lines). */
function sameHeadings(sent: Sent, b: Outline): boolean {
  const a = sent.outline;
  if (a === b) return true; // the cache hands out the same outline only when no heading changed (OutlineCache.edited)
  if (a.headings.length !== b.headings.length) return false;
  for (let i = 0; i < a.headings.length; i++) {
    const x = a.headings[i];
    const y = b.headings[i];
    if (sent.names[i] !== y.name || x.style !== y.style || x.rank !== y.rank || x.parent?.index !== y.parent?.index) return false;
  }
  return true;
}
