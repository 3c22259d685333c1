// Renumbering rewrites every reference to a renumbered article, each end of
// a range on its own, in the reference's own numeral kind, and nothing else
// (docs/headings.md §9; renumberReferences in server/src/engine/references.ts).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { LineTextEdit, PlainTextDocument, Reference, parseOutline, renumberReferences, scanDocumentReferences, writeReferenceNumber } from '../../server/src/engine';
import { law } from './referenceHelpers';

/** Applies line edits (none overlapping) to a text whose lines end with \n. */
function apply(text: string, edits: readonly LineTextEdit[]): string {
  const lines = text.split('\n');
  const sorted = [...edits].sort((a, b) => b.line - a.line || b.start - a.start);
  for (const e of sorted) lines[e.line] = lines[e.line].slice(0, e.start) + e.newText + lines[e.line].slice(e.end);
  return lines.join('\n');
}

function scan(text: string): (readonly Reference[])[] {
  return scanDocumentReferences(new PlainTextDocument('file:///law.txt', text));
}

/** Every explicit article number a document's references write, line by line, in order ("3:10" …). */
function citedArticles(text: string): string[] {
  return scan(text).flatMap((list, line) => list.flatMap((r) => (r.document !== undefined ? [] : r.parts.filter((p) => p.unit === 'article' && p.mode === 'number' && !p.inherited).map((p) => `${line}:${p.number}`))));
}

/** The text with every explicit article number of a reference (and of a heading) replaced by #: what renumbering must leave alone. */
function masked(text: string): string {
  const lines = text.split('\n');
  const refs = scan(text);
  return lines
    .map((l, line) => {
      let out = l;
      const parts = refs[line]
        .filter((r) => r.document === undefined)
        .flatMap((r) => r.parts.filter((p) => p.unit === 'article' && p.mode === 'number' && p.numberStart >= 0))
        .sort((a, b) => b.numberStart - a.numberStart);
      for (const p of parts) out = out.slice(0, p.numberStart) + '#' + out.slice(p.numberEnd);
      return out.replace(/^第[一二三四五六七八九十百零]+条/, '第#条');
    })
    .join('\n');
}

suite('Writing article numbers in the reference’s own kind', () => {
  for (const [value, numeral, zero, written] of [
    [1, 'chinese', undefined, '一'],
    [10, 'chinese', undefined, '十'],
    [11, 'chinese', undefined, '十一'],
    [20, 'chinese', undefined, '二十'],
    [105, 'chinese', undefined, '一百零五'],
    [105, 'chinese', '〇', '一百〇五'],
    [110, 'chinese', undefined, '一百一十'],
    [1040, 'chinese', undefined, '一千零四十'],
    [1260, 'chinese', undefined, '一千二百六十'],
    [12, 'financial', undefined, '壹拾贰'],
    [12, 'ascii', undefined, '12'],
    [12, 'fullwidth', undefined, '１２'],
  ] as const) {
    test(`${value} as ${numeral}${zero ? ` with ${zero}` : ''}: ${written}`, () => {
      assert.equal(writeReferenceNumber(value, numeral, zero), written);
    });
  }

  test('Every Chinese number up to 9999 reads back as itself', () => {
    for (let n = 1; n <= 9999; n++) {
      const line = `依照第${writeReferenceNumber(n, 'chinese')}条。`;
      const doc = scan(line);
      assert.equal(doc[0][0]?.parts[0].number, n, line);
    }
  });
});

/** A 50-article law in four chapters whose articles cite each other in every form. */
function fiftyArticles(): string {
  const cn = (n: number) => writeReferenceNumber(n, 'chinese')!;
  const out: string[] = ['某市示例条例', ''];
  const chapters = [1, 11, 26, 41];
  for (let n = 1; n <= 50; n++) {
    const c = chapters.indexOf(n);
    if (c >= 0) out.push(`第${cn(c + 1)}章　第${cn(c + 1)}部分`);
    const a = ((n * 7) % 50) + 1;
    const b = ((n * 13) % 50) + 1;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    out.push(`第${cn(n)}条　依照本条例第${cn(a)}条第二款和第${b}条的规定，前条另有规定的除外。`);
    out.push(`违反第${cn(lo)}条至第${cn(hi)}条规定的，依照《中华人民共和国行政处罚法》第${cn(a)}条处理；本条第一款另有规定的，从其规定。`);
  }
  return out.join('\n') + '\n';
}

suite('Renumbering after an article is inserted', () => {
  test('An article inserted after the last of chapter 1: every later article and every reference to it moves by one, ranges end by end, nothing else', () => {
    const before = fiftyArticles();
    const lines = before.split('\n');
    const chapter2 = lines.indexOf('第二章　第二部分');
    // The drafter writes the new article as 第十一条 right before chapter 2; the old 第十一条… are now one behind.
    const inserted = [...lines.slice(0, chapter2), '第十一条　新增的条文。', ...lines.slice(chapter2)].join('\n');
    const mapping = new Map<number, number>();
    for (let n = 11; n <= 50; n++) mapping.set(n, n + 1);

    // The headings after the new one, as the numbering fix renumbers them (not references: §7).
    const doc = new PlainTextDocument('file:///law.txt', inserted);
    const headingEdits: LineTextEdit[] = parseOutline(doc)
      .headings.filter((h) => h.kind === 'law' && h.line > chapter2)
      .map((h) => ({ line: h.line, start: h.start + 1, end: h.start + h.marker.length - 1, newText: writeReferenceNumber(h.number + 1, 'chinese')! }));
    const referenceEdits = renumberReferences(scan(inserted), mapping);
    const after = apply(inserted, [...headingEdits, ...referenceEdits]);

    const articles = parseOutline(new PlainTextDocument('file:///law.txt', after)).headings.filter((h) => h.kind === 'law');
    assert.deepEqual(articles.map((h) => h.number), Array.from({ length: 51 }, (_, i) => i + 1));
    // Every reference of this law moved with its article: k ≤ 10 stays, k ≥ 11 becomes k + 1.
    const was = citedArticles(inserted);
    const now = citedArticles(after);
    assert.equal(now.length, was.length);
    assert.deepEqual(
      now,
      was.map((s) => {
        const [line, n] = s.split(':').map(Number);
        return `${line}:${n >= 11 ? n + 1 : n}`;
      }),
    );
    // Ranges: each end moves on its own (第四条至第十一条 → 第四条至第十二条).
    const rangePairs = (text: string) =>
      scan(text).flatMap((list) => list.flatMap((r, i) => (r.rangeEnd ? [[list[i - 1].parts[0].number, r.parts[0].number]] : [])));
    const move = (n: number) => (n >= 11 ? n + 1 : n);
    const straddling = rangePairs(inserted).filter(([a, b]) => a <= 10 && b >= 11);
    assert.ok(straddling.length > 0, 'the law has a range with one end on each side of the new article');
    assert.deepEqual(rangePairs(after), rangePairs(inserted).map(([a, b]) => [move(a), move(b)]));
    assert.equal(rangePairs(after).length, 50);
    // 《行政处罚法》第X条 is another law's article: unchanged, as is everything but the numbers.
    const other = (text: string) => scan(text).flatMap((list) => list.filter((r) => r.document !== undefined).map((r) => r.parts[0].number));
    assert.deepEqual(other(after), other(inserted));
    assert.equal(masked(after), masked(inserted));
  });

  test('A range of which one end moves: 第三条至第五条 becomes 第三条至第六条', () => {
    const text = law('第一条　违反第三条至第五条规定的。', '第二条　甲。');
    const edits = renumberReferences(scan(text), new Map([[4, 5], [5, 6]]));
    assert.equal(apply(text, edits), law('第一条　违反第三条至第六条规定的。', '第二条　甲。'));
  });

  test('A reference to a deleted article is left alone (it becomes reference.missing)', () => {
    const text = law('第一条　依照第三条、第四条。');
    const edits = renumberReferences(scan(text), new Map<number, number | null>([[3, null], [4, 3]]));
    assert.equal(apply(text, edits), law('第一条　依照第三条、第三条。'));
  });

  test('Arabic references stay Arabic; relative ones and another law’s are not touched', () => {
    const text = law('第一条　依照第12条、第１２条、第十二条、前条和刑法第十二条。');
    const edits = renumberReferences(scan(text), new Map([[12, 13]]));
    assert.equal(apply(text, edits), law('第一条　依照第13条、第１３条、第十三条、前条和刑法第十二条。'));
  });
});

// ------------------------------------------------------------------ property

const numeralArb = fc.constantFrom('chinese', 'ascii');
const refArb = (articles: number) =>
  fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: articles + 3 }), numeralArb).map(([n, k]) => `第${writeReferenceNumber(n, k)}条`),
    fc.tuple(fc.integer({ min: 1, max: articles }), fc.integer({ min: 1, max: 3 })).map(([n, p]) => `本法第${writeReferenceNumber(n, 'chinese')}条第${writeReferenceNumber(p, 'chinese')}款`),
    fc.tuple(fc.integer({ min: 1, max: articles }), fc.integer({ min: 1, max: articles }), numeralArb).map(([a, b, k]) => `第${writeReferenceNumber(a, k)}条至第${writeReferenceNumber(b, k)}条`),
    fc.tuple(fc.integer({ min: 1, max: articles }), fc.integer({ min: 1, max: articles })).map(([a, b]) => `第${writeReferenceNumber(a, 'chinese')}条、第${writeReferenceNumber(b, 'chinese')}条`),
    fc.integer({ min: 1, max: articles }).map((n) => `《某法》第${writeReferenceNumber(n, 'chinese')}条`),
    fc.constantFrom('前条', '本条', '前款', '第一次', '第三方'),
  );

const lawArb = fc.integer({ min: 2, max: 25 }).chain((articles) =>
  fc.tuple(
    fc.constant(articles),
    fc.array(fc.array(refArb(articles), { maxLength: 3 }), { minLength: articles, maxLength: articles }),
    fc.oneof(
      fc.integer({ min: 1, max: articles }).map((at) => ({ kind: 'insert' as const, at })),
      fc.integer({ min: 1, max: articles }).map((at) => ({ kind: 'delete' as const, at })),
      fc.tuple(fc.integer({ min: 1, max: articles }), fc.integer({ min: 1, max: articles })).map(([a, b]) => ({ kind: 'swap' as const, a, b })),
    ),
  ),
);

suite('Renumbering, for any law and any change of numbers', () => {
  test('Apply, re-scan: every reference points at its article’s new number, a deleted one’s stays; nothing outside the numbers changes', () => {
    fc.assert(
      fc.property(lawArb, ([articles, citations, change]) => {
        const text = citations.map((refs, i) => `第${writeReferenceNumber(i + 1, 'chinese')}条　依照${refs.join('和')}的规定处理。`).join('\n');
        const mapping = new Map<number, number | null>();
        if (change.kind === 'insert') for (let n = change.at; n <= articles; n++) mapping.set(n, n + 1);
        else if (change.kind === 'delete') {
          mapping.set(change.at, null);
          for (let n = change.at + 1; n <= articles; n++) mapping.set(n, n - 1);
        } else {
          mapping.set(change.a, change.b);
          mapping.set(change.b, change.a);
        }
        const before = scan(text);
        const after = apply(text, renumberReferences(before, mapping));
        const rescanned = scan(after);
        assert.equal(rescanned.flat().length, before.flat().length, after);
        before.forEach((list, line) =>
          list.forEach((ref, i) => {
            const now = rescanned[line][i];
            assert.equal(now.document, ref.document);
            assert.equal(now.parts.length, ref.parts.length);
            ref.parts.forEach((p, k) => {
              const q = now.parts[k];
              const moved = ref.document === undefined && p.unit === 'article' && p.mode === 'number' ? mapping.get(p.number) : undefined;
              assert.equal(q.number, moved ?? p.number, `${text.split('\n')[line]} → ${after.split('\n')[line]}`);
              assert.deepEqual([q.unit, q.mode, q.sub, q.inherited, q.numeral], [p.unit, p.mode, p.sub, p.inherited, p.numeral]);
            });
          }),
        );
        assert.equal(masked(after), masked(text));
      }),
      { numRuns: 300 },
    );
  });
});
