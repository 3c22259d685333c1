// Real documents numbered correctly get no Warning (docs/headings.md §7):
// every document in ../shared/seeds, ../shared/corpus (not ours; read, never
// copied) and our seeds/. Where a real document really has a slip, the test
// names it.

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { suite, test } from 'node:test';
import { PlainTextDocument, applyEdits, checkNumbering, fixAllNumbering, parseOutline } from '../../server/src/engine';
import { documentFolders, readDocument, repoRoot } from './helpers';


const root = repoRoot();
const folders = documentFolders();

/**
 * The slips real documents have, as [code, 1-based line, marker]. 001 is a
 * scraped excerpt of a speech whose list resumes at 13、 (items 1–12 were cut).
 */
const KNOWN_SLIPS: Readonly<Record<string, readonly [string, number, string][]>> = {
  '001_6928108845239a7f.txt': [['numbering.start', 26, '13、']],
  // Ours, written with one of each slip for the README and the VS Code suite.
  'numbering-slips.txt': [
    ['docnumber.form', 3, '县政发[2024]3号'],
    ['toc.mismatch', 10, '目录'],
    ['toc.mismatch', 13, '三、保障措施'],
    ['numbering.order', 15, '一、'],
    ['numbering.form', 22, '(三)'],
    ['numbering.form', 28, '2、'],
    ['numbering.skipped', 34, '四是'],
    ['numbering.skipped', 36, '四、'],
    ['numbering.repeated', 41, '（二）'],
    ['numbering.start', 43, '2.'],
    ['attachment.mismatch', 57, '附件3'],
    ['date.form', 60, '2024年03月05日'],
  ],
};

/** Codes without a quick fix (§7): what fix-all may leave. */
const UNFIXABLE = new Set(['numbering.order', 'attachment.mismatch']);

const read = readDocument;

for (const folder of folders) {
  suite(`Numbering checks on the documents in ${folder}`, () => {
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.txt')).sort() : [];
    if (files.length === 0) {
      test(`${folder} holds documents`, (t) => t.skip(`${folder} not found`));
      return;
    }
    const label = folder.startsWith(root) ? 'seeds' : `shared/${basename(folder)}`;
    for (const name of files) {
      const file = join(folder, name);
      const slips = KNOWN_SLIPS[name] ?? [];
      const what = slips.length === 0 ? 'gets no Warning' : `gets exactly its real slips: ${slips.map(([code, line, marker]) => `${code} on ${marker} (line ${line})`).join(', ')}`;
      test(`${label}/${name} ${what}`, () => {
        const text = read(file);
        const doc = new PlainTextDocument(`file://${file}`, text);
        const diagnostics = checkNumbering(doc, parseOutline(doc));
        const lines = text.split(/\r\n|\r|\n/);
        const warnings = diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.code, d.line + 1, lines[d.line].slice(d.start, d.end)]);
        assert.deepEqual(warnings, slips);
        // Information is advice on a list written another way than GB/T 9704, nothing else.
        assert.deepEqual(diagnostics.filter((d) => d.severity === 'information' && d.code !== 'numbering.gbt9704'), []);
      });

      test(`${label}/${name}: fix all keeps the outline and leaves no Warning that has a fix`, () => {
        const text = read(file);
        const doc = new PlainTextDocument(`file://${file}`, text);
        const before = parseOutline(doc);
        const fixed = applyEdits(text, fixAllNumbering(doc, before));
        const after = parseOutline(new PlainTextDocument(`file://${file}`, fixed));
        assert.deepEqual(
          after.headings.map((h) => [h.style, h.depth, h.parent?.index ?? -1]),
          before.headings.map((h) => [h.style, h.depth, h.parent?.index ?? -1]),
        );
        const left = checkNumbering(new PlainTextDocument(`file://${file}`, fixed), after).filter((d) => d.severity === 'warning' && !UNFIXABLE.has(d.code));
        assert.deepEqual(left, []);
      });
    }
  });
}
