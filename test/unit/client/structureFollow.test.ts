// Where the client puts the cursor after a move (client/src/headings.ts
// sectionLineAfter), checked against the engine's edit: after each move,
// promote, demote and move-to at headings of our sample documents, the
// predicted line holds the moved section — its heading's title and every line
// of its body as they were.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import { PlainTextDocument, editStructure, parseOutline, scanLine } from '../../../server/src/engine';
import { outlineItems } from '../../../server/src/providers/outline';
import { MovingOperation, documentHeadings, sectionLineAfter } from '../../../client/src/headings';
import { applyTextEdits, lines, readDocument, repoRoot } from '../helpers';

const OPERATIONS: readonly MovingOperation[] = ['moveUp', 'moveDown', 'promote', 'demote', 'moveTo'];

/** A line without the marker at its start (what a move keeps of a heading line when it renumbers it). */
function withoutMarker(line: string, i: number): string {
  const m = scanLine(line, i, 0, line.length);
  return m === undefined ? line : line.slice(m.markerEnd).trimStart();
}

/** For every moving operation at (a sample of) the headings: how many were done, and the first wrong prediction. */
function check(text: string, maxHeadings = 60): { done: number; wrong?: string } {
  const doc = new PlainTextDocument('file:///test.txt', text);
  const outline = parseOutline(doc);
  const headings = documentHeadings(doc.uri, 1, outlineItems(outline, outline.headings.map(() => 0), 40));
  const before = text.split(/\r\n|\r|\n/);
  const step = Math.max(1, Math.ceil(outline.headings.length / maxHeadings));
  let done = 0;
  for (const h of outline.headings.filter((_, i) => i % step === 0)) {
    const entry = headings.all[h.index];
    const target = outline.headings[(h.index + 2) % outline.headings.length];
    for (const operation of OPERATIONS) {
      const answer = editStructure(doc, outline, { operation, line: h.line, targetLine: target.line });
      if (!answer.ok) continue;
      done++;
      const after = applyTextEdits(text, answer.edits).split(/\r\n|\r|\n/);
      const line = sectionLineAfter(headings, entry, operation, headings.all[target.index]);
      const where = `${operation} ${h.name} (line ${h.line}${operation === 'moveTo' ? ` → ${target.name}` : ''}): predicted line ${line}`;
      if (withoutMarker(after[line] ?? '', line) !== withoutMarker(before[h.line], h.line)) return { done, wrong: `${where} reads ${after[line]}` };
      for (let k = 1; k <= h.endLine - h.line; k++) {
        // Body lines are kept as written, but for the markers of subsections that change level.
        if (withoutMarker(after[line + k] ?? '', line + k) !== withoutMarker(before[h.line + k], h.line + k)) return { done, wrong: `${where}: body line ${k} reads ${after[line + k]}` };
      }
    }
  }
  return { done };
}

suite('The cursor follows the moved section', () => {
  test('A speech: up, down, promote, demote and move-to land where the client expects', () => {
    const text = lines('一、总体要求', '要坚持稳中求进。', '（一）把握形势', '形势文。', '（二）明确目标', '', '二、重点任务', '（一）抓项目', '1.抓开工', '', '三、保障措施', '加强组织领导。');
    const { done, wrong } = check(text);
    assert.equal(wrong, undefined);
    assert.ok(done >= 10, `${done} operations done`);
  });

  for (const file of ['speeches.txt', 'regulation.txt', 'work-report.txt', 'minutes-crlf.txt']) {
    test(`seeds/${file}: every move done lands where the client expects`, () => {
      const { done, wrong } = check(readDocument(join(repoRoot(), 'seeds', file)));
      assert.equal(wrong, undefined);
      assert.ok(done > 0, 'some operation was done');
    });
  }
});
