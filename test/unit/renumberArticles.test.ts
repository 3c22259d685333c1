// 重新编号条文 Renumber Articles (server/src/engine/renumbering.ts renumberArticles):
// every article numbered on from the first, inserted articles given numbers of
// their own, every reference to them rewritten in the same edit, nothing else.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { Heading, PlainTextDocument, TextEdit, applyEdits, lawStructure, parseOutline, renumberArticles, scanDocumentReferences, writeNumeral } from '../../server/src/engine';
import { lines } from './helpers';

function renumbered(text: string): string {
  const doc = new PlainTextDocument('file:///law.txt', text);
  return applyEdits(text, renumberArticles(doc, parseOutline(doc)));
}

function editsOf(text: string): TextEdit[] {
  const doc = new PlainTextDocument('file:///law.txt', text);
  return renumberArticles(doc, parseOutline(doc));
}

suite('Renumber Articles (重新编号条文)', () => {
  test('Articles after a gap move down, and the references to them with them, each end of a range on its own', () => {
    const law = lines(
      '第一章　总则',
      '第一条　为了规范管理，制定本办法。',
      '第三条　依照本办法第四条和第五条的规定执行。',
      '第二章　附则',
      '第四条　违反第五条规定的，依照本办法第一条处理。',
      '第五条　本办法第三条至第五条自公布之日起施行。',
    );
    assert.equal(
      renumbered(law),
      lines(
        '第一章　总则',
        '第一条　为了规范管理，制定本办法。',
        '第二条　依照本办法第三条和第四条的规定执行。',
        '第二章　附则',
        '第三条　违反第四条规定的，依照本办法第一条处理。',
        '第四条　本办法第二条至第四条自公布之日起施行。',
      ),
    );
  });

  test('An inserted article takes a number of its own, and 第二条之一 becomes that number where it is cited', () => {
    const law = lines('第一条　总则。', '第二条　甲。', '第二条之一　乙，适用第二条之一第二款。', '款二。', '第三条　依照第二条之一和第三条。');
    assert.equal(renumbered(law), lines('第一条　总则。', '第二条　甲。', '第三条　乙，适用第三条第二款。', '款二。', '第四条　依照第三条和第四条。'));
  });

  test('Each marker and reference keeps its numeral kind: Arabic, full-width, 〇', () => {
    const law = lines('第1条　总则。', '第3条　依照第３条和第3条。', '第4条　见第一百〇五条。');
    assert.equal(renumbered(law), lines('第1条　总则。', '第2条　依照第２条和第2条。', '第3条　见第一百〇五条。'));
  });

  test('References to another law, relative references and the 项 lists are left as they are', () => {
    const law = lines('第一条　总则。', '第三条　有下列情形之一的：', '（一）甲；', '（三）乙。', '第四条　依照前条和《中华人民共和国刑法》第三条、刑法第四条处理。');
    assert.equal(renumbered(law), lines('第一条　总则。', '第二条　有下列情形之一的：', '（一）甲；', '（三）乙。', '第三条　依照前条和《中华人民共和国刑法》第三条、刑法第四条处理。'));
  });

  test('An excerpt starts where it starts (民法典 婚姻家庭编 at 第一千零四十条)', () => {
    const law = lines('第一千零四十条　本编调整因婚姻家庭产生的民事关系。', '第一千零四十二条　依照第一千零四十二条。');
    assert.equal(renumbered(law), lines('第一千零四十条　本编调整因婚姻家庭产生的民事关系。', '第一千零四十一条　依照第一千零四十一条。'));
  });

  test('A law numbered right already, and a document without articles, get no edit', () => {
    assert.deepEqual(editsOf(lines('第一条　甲。', '第二条　依照第一条。')), []);
    assert.deepEqual(editsOf(lines('一、总体要求', '三、重点任务')), []);
  });

  test('A reference to an article two articles carry (a slip) is left alone: which one it means is not known', () => {
    const law = lines('第一条　甲。', '第二条　乙。', '第二条　丙。', '第三条　依照第二条和第三条。');
    assert.equal(renumbered(law), lines('第一条　甲。', '第二条　乙。', '第三条　丙。', '第四条　依照第二条和第四条。'));
  });
});

// ------------------------------------------------------------------ property

interface ArticleSpec {
  gap: number;
  /** An inserted article after the one before (之一), when > 0. */
  inserted: boolean;
  paragraphs: number;
  items: number;
  chapter: boolean;
  cites: { kind: number; a: number; b: number; arabic: boolean }[];
}

const articleArb: fc.Arbitrary<ArticleSpec> = fc.record({
  gap: fc.integer({ min: 1, max: 3 }),
  inserted: fc.boolean(),
  paragraphs: fc.integer({ min: 1, max: 3 }),
  items: fc.integer({ min: 0, max: 3 }),
  chapter: fc.boolean(),
  cites: fc.array(fc.record({ kind: fc.nat(6), a: fc.nat(), b: fc.nat(), arabic: fc.boolean() }), { maxLength: 3 }),
});

const cn = (n: number) => writeNumeral(n, { kind: 'chinese' })!;

/** A law from the specs: 第一条 first, gaps and inserted articles after, chapters, 款 and 项, and references of every kind. */
function lawOf(specs: readonly ArticleSpec[]): string {
  const numbers: { n: number; sub: number }[] = [];
  for (const [i, s] of specs.entries()) {
    const last = numbers[numbers.length - 1];
    if (i === 0) numbers.push({ n: 1, sub: 0 });
    else if (s.inserted && last.sub < 3) numbers.push({ n: last.n, sub: last.sub + 1 });
    else numbers.push({ n: last.n + s.gap, sub: 0 });
  }
  const written = (k: number, arabic: boolean) => {
    const { n, sub } = numbers[k % numbers.length];
    return `第${arabic ? String(n) : cn(n)}条${sub > 0 ? `之${cn(sub)}` : ''}`;
  };
  const out: string[] = [];
  let chapters = 0;
  specs.forEach((s, i) => {
    if (i === 0 || s.chapter) out.push(`第${cn(++chapters)}章　分则${chapters}`);
    const refs = s.cites.map((c) => {
      const last = numbers[numbers.length - 1].n;
      switch (c.kind) {
        case 0:
          return `依照本法${written(c.a, c.arabic)}的规定`;
        case 1:
          return `违反${written(c.a, c.arabic)}第一款`;
        case 2: {
          const [a, b] = [c.a % numbers.length, c.b % numbers.length].sort((x, y) => x - y);
          return `${written(a, c.arabic)}至${written(b, c.arabic)}`;
        }
        case 3:
          return `${written(c.a, false)}、${written(c.b, c.arabic)}`;
        case 4:
          return `依照前条`;
        case 5:
          return `不同于第${cn(last + numbers.length + 5)}条`; // beyond the articles before and after: names nothing here
        default:
          return `参照《中华人民共和国民法典》${written(c.a, c.arabic)}`;
      }
    });
    out.push(`${written(i, false)}　条文${i}${refs.length > 0 ? `，${refs.join('，')}` : ''}。`);
    for (let p = 2; p <= s.paragraphs; p++) out.push(`另行规定${p}。`);
    for (let k = 1; k <= s.items; k++) out.push(`（${cn(k)}）事项${k}；`);
  });
  return out.join('\n');
}

/** What each reference of this document names: the article's position among the articles, or its own text when it names no article here. */
function citations(text: string): string[] {
  const doc = new PlainTextDocument('file:///p.txt', text);
  const structure = lawStructure(doc, parseOutline(doc));
  const rows = text.split('\n');
  return scanDocumentReferences(doc).flatMap((list, line) =>
    list.map((ref) => {
      const r = ref.document === undefined ? structure.resolve(ref, line) : undefined;
      const article = r?.kind === 'target' ? r.target.article : undefined;
      return article !== undefined ? `${line}: article #${structure.indexOf(article)} ${r!.kind === 'target' ? r!.target.unit : ''}` : `${line}: ${rows[line].slice(ref.start, ref.end)}`;
    }),
  );
}

/** The text with every article marker's number and every article number of a reference taken out (之一 too): what must not change. */
function skeleton(text: string): string {
  const doc = new PlainTextDocument('file:///s.txt', text);
  const outline = parseOutline(doc);
  const rows = text.split('\n');
  const cuts = rows.map(() => [] as { start: number; end: number; put: string }[]);
  for (const h of outline.headings.filter((x: Heading) => x.kind === 'law')) cuts[h.line].push({ start: h.start, end: h.markerEnd, put: '#' });
  scanDocumentReferences(doc).forEach((list, line) => {
    for (const ref of list) {
      for (const part of ref.parts) {
        if (part.unit !== 'article' || part.numberStart < 0 || ref.document !== undefined) continue;
        cuts[line].push({ start: part.numberStart, end: part.numberEnd, put: '#' });
        const zhi = rows[line].indexOf('之', part.numberEnd);
        if (part.sub > 0) cuts[line].push({ start: zhi, end: zhi + 2, put: '' }); // the property's laws write 之一 … 之三
      }
    }
  });
  return rows
    .map((row, line) => {
      let out = row;
      for (const c of cuts[line].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.put + out.slice(c.end);
      return out;
    })
    .join('\n');
}

suite('Renumber Articles: property', () => {
  test('After it every article is numbered 1..n in order, every reference names the article it named before, and nothing else changed', () => {
    fc.assert(
      fc.property(fc.array(articleArb, { minLength: 2, maxLength: 14 }), (specs) => {
        const text = lawOf(specs);
        const doc = new PlainTextDocument('file:///p.txt', text);
        const outline = parseOutline(doc);
        const edits = renumberArticles(doc, outline);
        const after = applyEdits(text, edits);
        const reparsed = parseOutline(new PlainTextDocument('file:///p.txt', after));
        const articles = reparsed.headings.filter((h) => h.kind === 'law');
        assert.equal(articles.length, outline.headings.filter((h) => h.kind === 'law').length, 'as many articles');
        articles.forEach((h, i) => {
          assert.equal(h.number, i + 1, `article ${i + 1}: ${h.name}`);
          assert.equal(h.sub, undefined, `no 之一 left: ${h.name}`);
        });
        assert.deepEqual(citations(after), citations(text));
        assert.equal(skeleton(after), skeleton(text));
        assert.deepEqual(
          reparsed.headings.map((h) => [h.style, h.depth, h.parent?.index]),
          outline.headings.map((h) => [h.style, h.depth, h.parent?.index]),
          'the same tree',
        );
        // Renumbered once, there is nothing left to do.
        assert.deepEqual(renumberArticles(new PlainTextDocument('file:///p.txt', after, 2), reparsed), []);
      }),
      { numRuns: 150 },
    );
  });
});
