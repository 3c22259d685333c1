// Structure edits (docs/headings.md §8) on real documents: every operation at
// every heading of each document in ../shared/seeds, ../shared/corpus (not
// ours; read, never copied) and our seeds/ either says why it cannot be done
// or gives a document that still parses, in which no word is lost or added.

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import { Heading, PlainTextDocument, STRUCTURE_OPERATIONS, STRUCTURE_REFUSALS, editStructure, parseOutline, scanLine } from '../../server/src/engine';
import { applyTextEdits, brokenInvariant, documentFolders, readDocument } from './helpers';


const folders = documentFolders();

const read = readDocument;

/** Every line that is not blank, without a marker at its start (read line by line, as §2 reads markers), sorted: the words of a document. */
function words(text: string, skip?: { first: number; last: number }): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line, i) => {
      if (skip !== undefined && i >= skip.first && i <= skip.last) return '';
      const m = scanLine(line, i, 0, line.length);
      if (m === undefined) return line;
      let end = m.markerEnd;
      while (end < line.length && /[ \t\u3000\u00a0]/.test(line[end])) end++;
      return line.slice(0, m.start) + line.slice(end);
    })
    // Blank as §3 reads it: indentation only (quote marks > included, §1).
    .filter((line) => !/^[ \t\u3000\u00a0>＞]*$/.test(line))
    .sort();
}

/** At most this many headings of one document are edited, spread over it. */
const HEADINGS_PER_DOCUMENT = 40;

for (const folder of folders) {
  suite(`Structure edits on the documents in ${folder}`, () => {
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.txt')).sort() : [];
    if (files.length === 0) {
      test(`${folder} holds documents`, (t) => t.skip(`${folder} not found`));
      return;
    }
    for (const file of files) {
      test(`${file}: every operation is done or refused with a reason, and a done one keeps every word and parses`, () => {
        const text = read(join(folder, file));
        const doc = new PlainTextDocument(`file:///${file}`, text);
        const outline = parseOutline(doc);
        const step = Math.max(1, Math.ceil(outline.headings.length / HEADINGS_PER_DOCUMENT));
        const picked: Heading[] = outline.headings.filter((_, i) => i % step === 0);
        let done = 0;
        for (const h of picked) {
          const target = outline.headings[(h.index + 3) % outline.headings.length];
          for (const operation of STRUCTURE_OPERATIONS) {
            const where = `${operation} ${h.name} (line ${h.line})${operation === 'moveTo' ? ` → ${target.name}` : ''}`;
            const answer = editStructure(doc, outline, { operation, line: h.line, targetLine: target.line });
            if (!answer.ok) {
              assert.ok(answer.reason in STRUCTURE_REFUSALS, `${where}: ${answer.reason}`);
              continue;
            }
            done++;
            const after = applyTextEdits(text, answer.edits);
            const broken = brokenInvariant(after, parseOutline(new PlainTextDocument(`file:///${file}`, after)));
            assert.equal(broken, undefined, `${where}: ${broken}`);
            const deleted = operation === 'delete' ? { first: h.line, last: h.endLine } : undefined;
            assert.deepEqual(words(after), words(text, deleted), `${where}: words lost or added`);
          }
        }
        assert.ok(done > 0, `no operation was done on ${file}`);
      });
    }
  });
}
