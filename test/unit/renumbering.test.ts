// Renumbering follows through (server/src/engine/renumbering.ts): a fix that
// renumbers law articles rewrites the references to them in the same edit.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { PlainTextDocument, applyEdits, checkNumbering, fixAllNumbering, numberingFixes, parseOutline, withReferencesFollowing } from '../../server/src/engine';
import { lines } from './helpers';

function fixed(text: string): string {
  const doc = new PlainTextDocument('file:///law.txt', text);
  const outline = parseOutline(doc);
  const [slip] = checkNumbering(doc, outline).filter((d) => d.code === 'numbering.skipped');
  const [fix] = numberingFixes(doc, outline, slip);
  return applyEdits(text, withReferencesFollowing(doc, outline, fix.edits));
}

suite('Renumbering articles', () => {
  test('Renumbering a skipped article moves the references to it and to those after it, each end of a range on its own', () => {
    const law = lines('第一条　为了规范管理，制定本办法。', '第二条　依照本办法第四条和第五条的规定执行。', '第四条　违反第五条规定的，依照本办法第一条处理。', '第五条　本办法第四条至第五条自公布之日起施行。');
    assert.equal(
      fixed(law),
      lines('第一条　为了规范管理，制定本办法。', '第二条　依照本办法第三条和第四条的规定执行。', '第三条　违反第四条规定的，依照本办法第一条处理。', '第四条　本办法第三条至第四条自公布之日起施行。'),
    );
  });

  test('References written in Arabic numerals keep their kind; references to another law are left alone', () => {
    const law = lines('第一条　总则。', '第三条　依照第3条和《中华人民共和国刑法》第三条处理。');
    assert.equal(fixed(law), lines('第一条　总则。', '第二条　依照第2条和《中华人民共和国刑法》第三条处理。'));
  });

  test('Edits that renumber no article add nothing', () => {
    const text = lines('一、总体要求', '二、重点任务', '四、保障措施');
    const doc = new PlainTextDocument('file:///a.txt', text);
    const outline = parseOutline(doc);
    const edits = fixAllNumbering(doc, outline);
    assert.deepEqual(withReferencesFollowing(doc, outline, edits), edits);
  });

  test('After fix-all every reference names the article it named before (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (gaps, picks) => {
        // Articles from 第1条 on, numbered with gaps (a law excerpt starting later is never renumbered);
        // each cites a random article by its written number.
        const numbers = [1];
        for (const gap of gaps) numbers.push(numbers[numbers.length - 1] + gap);
        const cited = numbers.map((_, i) => picks[i % picks.length] % numbers.length);
        const text = numbers.map((n, i) => `第${n}条　依照本法第${numbers[cited[i]]}条执行。`).join('\n');
        const doc = new PlainTextDocument('file:///p.txt', text);
        const outline = parseOutline(doc);
        const after = applyEdits(text, withReferencesFollowing(doc, outline, fixAllNumbering(doc, outline)));
        const rows = after.split('\n');
        rows.forEach((row, i) => {
          assert.equal(row, `第${i + 1}条　依照本法第${cited[i] + 1}条执行。`);
        });
      }),
      { numRuns: 100 },
    );
  });
});
