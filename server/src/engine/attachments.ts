// attachment.mismatch (docs/headings.md §7): the 附件说明 (附件：1.…… with
// 2.…… lines after it) against the 附件N headings that follow, in count,
// order and title. Reported once per 附件说明, at the first disagreement; no
// fix (which side is right is the writer's call).

import { OutlineDocument, lineContentEnd, lineStart } from './document';
import type { NumberingDiagnostic } from './numbering';
import { Heading, HeadingList, ListMarker, Outline } from './types';

/** One attachment as the 附件说明 lists it. */
interface Listed {
  readonly marker: ListMarker;
  readonly title: string;
}

/** Titles agree when at least this share of their character pairs agree (附件说明 often shortens them: 质监局 for 质量技术监督局). */
const SIMILAR = 0.5;
/** An attachment heading without a title of its own takes the next line when it is at most this long (§2). */
const NEXT_LINE_TITLE_MAX = 40;

export function checkAttachments(text: string, doc: OutlineDocument, outline: Outline): NumberingDiagnostic[] {
  const out: NumberingDiagnostic[] = [];
  const lineText = (line: number) => text.slice(lineStart(doc, line), lineContentEnd(text, doc, line));
  const headingLines = new Set(outline.headings.map((h) => h.line));
  for (const list of outline.lists) {
    const note = list.parent;
    if (note === undefined || !isAttachmentNote(note, list)) continue;
    const listed = listedAttachments(list, lineText);
    const lastListed = listed[listed.length - 1].marker.line;
    const attachments = outline.headings.filter((h) => h.line > lastListed && h.style === 'named' && h.number > 0 && word(h) === '附件');
    // Attachments kept in files of their own: nothing to compare with.
    if (attachments.length === 0) continue;
    const titles = attachments.map((h) => attachmentTitle(h, lineText, headingLines, doc.lineCount));
    const found = firstDisagreement(listed, attachments, titles);
    if (found !== undefined) out.push(found(note));
  }
  return out;
}

/** An unnumbered 附件 heading whose first list of items is the 附件说明: a lead 附件：1.…… or a list from 1. */
function isAttachmentNote(note: Heading, list: HeadingList): boolean {
  if (note.style !== 'named' || note.number !== 0 || word(note) !== '附件' || list.kind !== 'siblings') return false;
  if (note.children[0] !== list.members[0]) return false;
  return list.lead !== undefined || list.members[0].number === 1;
}

function word(h: Heading): string {
  return h.marker.replace(/\s+/g, '').slice(0, 2);
}

function listedAttachments(list: HeadingList, lineText: (line: number) => string): Listed[] {
  const markers: ListMarker[] = list.lead ? [list.lead, ...list.members] : [...list.members];
  return markers.map((m) => ({ marker: m, title: normalise(lineText(m.line).slice(m.markerEnd)) }));
}

/** The title on the attachment's own line after 附件N：, else the next non-blank line when it reads as a title (§2). */
function attachmentTitle(h: Heading, lineText: (line: number) => string, headingLines: ReadonlySet<number>, lineCount: number): string | undefined {
  const own = normalise(lineText(h.line).slice(h.markerEnd).replace(/^[\s：:]+/, ''));
  if (own !== '') return own;
  for (let line = h.line + 1; line < lineCount; line++) {
    const next = lineText(line).trim();
    if (next === '') continue;
    if (headingLines.has(line) || [...next].length > NEXT_LINE_TITLE_MAX || /[，。！？；]/.test(next)) return undefined;
    return normalise(next);
  }
  return undefined;
}

/** Whitespace and closing punctuation dropped: 联络员登记表； and 联络员登记表 are the same title. */
function normalise(title: string): string {
  return title.replace(/\s+/g, '').replace(/[；;。.，,]+$/, '');
}

type Report = (note: Heading) => NumberingDiagnostic;

function firstDisagreement(listed: readonly Listed[], attachments: readonly Heading[], titles: readonly (string | undefined)[]): Report | undefined {
  const count = Math.max(listed.length, attachments.length);
  for (let i = 0; i < count; i++) {
    if (i >= attachments.length) {
      // Listed but missing: on the 附件： line.
      const missing = listed[i].marker;
      return (note) => ({
        line: note.line,
        start: note.start,
        end: note.markerEnd,
        code: 'attachment.mismatch',
        detail: 'missing',
        severity: 'warning',
        related: [{ line: missing.line, start: missing.start, end: missing.markerEnd }],
        args: [String(listed.length), String(attachments.length)],
      });
    }
    const h = attachments[i];
    const at = { line: h.line, start: h.start, end: h.markerEnd };
    if (i >= listed.length) {
      return (note) => ({ ...at, code: 'attachment.mismatch', detail: 'extra', severity: 'warning', related: [{ line: note.line, start: note.start, end: note.markerEnd }], args: [h.marker, String(listed.length)] });
    }
    const item = listed[i];
    const related = [{ line: item.marker.line, start: item.marker.start, end: item.marker.markerEnd }];
    const title = titles[i];
    if (title !== undefined && !similar(title, item.title)) {
      const elsewhere = listed.findIndex((other, j) => j !== i && similar(title, other.title));
      if (elsewhere >= 0) {
        return () => ({ ...at, code: 'attachment.mismatch', detail: 'order', severity: 'warning', related: [{ line: listed[elsewhere].marker.line, start: listed[elsewhere].marker.start, end: listed[elsewhere].marker.markerEnd }], args: [h.marker, String(elsewhere + 1)] });
      }
      return () => ({ ...at, code: 'attachment.mismatch', detail: 'title', severity: 'warning', related, args: [item.title, title] });
    }
    if (h.number !== item.marker.number) {
      return () => ({ ...at, code: 'attachment.mismatch', detail: 'number', severity: 'warning', related, args: [h.marker, String(item.marker.number)] });
    }
  }
  return undefined;
}

/** One title contains the other, or at least half of their character pairs agree (Dice coefficient). */
export function similar(a: string, b: string): boolean {
  if (a === '' || b === '' || a.includes(b) || b.includes(a)) return true;
  const pairs = (s: string) => {
    const chars = [...s];
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < chars.length; i++) {
      const pair = chars[i] + chars[i + 1];
      out.set(pair, (out.get(pair) ?? 0) + 1);
    }
    return out;
  };
  const pa = pairs(a);
  const pb = pairs(b);
  let shared = 0;
  let total = 0;
  for (const [pair, n] of pa) {
    shared += Math.min(n, pb.get(pair) ?? 0);
    total += n;
  }
  for (const n of pb.values()) total += n;
  return total > 0 && (2 * shared) / total >= SIMILAR;
}
