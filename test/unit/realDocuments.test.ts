// Rules checked on real documents read from ../shared/corpus (never copied
// into the repository): what a careful reader sees in them.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suite, test } from 'node:test';
import { PlainTextDocument, parseOutline, sectionCharacters } from '../../server/src/engine';
import { foldingRanges } from '../../server/src/providers/foldingRanges';
import { repoRoot, splitLines } from './helpers';


const corpus = resolve(repoRoot(), '..', 'shared', 'corpus');

/** Non-whitespace characters (code points) of lines from..to. */
function characters(docLines: readonly string[], from: number, to: number): number {
  return Array.from(docLines.slice(from, to + 1).join('').replace(/[\s\u3000\u2002\ufeff]/g, '')).length;
}

suite('个人信息保护法 第十三条: items are paragraphs, the last paragraph is the article’s (§3)', () => {
  const file = join(corpus, 'npc_pipl_2021.txt');

  test('Each of the seven items is its own line; 第十三条 runs to its second 款; 字数 and folding follow', (t) => {
    if (!existsSync(file)) return t.skip(`${file} not found`);
    const text = readFileSync(file, 'utf8');
    const doc = new PlainTextDocument('file:///pipl.txt', text);
    const outline = parseOutline(doc);
    const docLines = splitLines(text);
    const article = outline.headings.find((h) => h.name.startsWith('第十三条'));
    assert.ok(article, 'a 第十三条 heading');
    const items = article.children;
    assert.deepEqual(
      items.map((h) => h.marker),
      ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）'],
    );
    for (const item of items) assert.equal(item.endLine, item.line, `${item.name} is one paragraph`);
    const seventh = items[6];
    const lastParagraph = seventh.line + 1;
    assert.match(docLines[lastParagraph], /^依照本法/, 'the line after （七） is the unmarked second 款');
    assert.equal(article.endLine, lastParagraph, '第十三条 holds its second 款');

    const counts = sectionCharacters(doc, outline);
    assert.equal(counts[seventh.index], characters(docLines, seventh.line, seventh.line), '（七）counts only its own line');
    assert.equal(counts[article.index], characters(docLines, article.line, lastParagraph), '第十三条 counts its heading, items and second 款');

    const folds = foldingRanges(outline);
    assert.ok(folds.some((r) => r.startLine === article.line && r.endLine === lastParagraph), '第十三条 folds over its second 款');
    for (const item of items) assert.ok(!folds.some((r) => r.startLine === item.line), `${item.name} has nothing to fold`);
  });
});
