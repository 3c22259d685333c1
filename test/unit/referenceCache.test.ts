// ReferenceCache patched by edits gives exactly the references of a fresh
// scan (server/src/engine/referenceCache.ts), and the real laws of
// ../shared/corpus are read as they are.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { Range, TextDocument } from 'vscode-languageserver-textdocument';
import { PlainTextDocument, ReferenceCache, allReferences, lawStructure, parseOutline, referenceDiagnostics, scanDocumentReferences, scanReferenceLines } from '../../server/src/engine';
import { describe as words, law, repoRoot } from './referenceHelpers';

const URI = 'file:///law.txt';

class Session {
  readonly cache = new ReferenceCache();
  doc: TextDocument;

  constructor(text: string) {
    this.doc = TextDocument.create(URI, 'plaintext', 1, text);
    this.cache.get(this.doc);
  }

  replace(range: Range, text: string): void {
    const lineCountBefore = this.doc.lineCount;
    const versionBefore = this.doc.version;
    this.doc = TextDocument.update(this.doc, [{ range, text }], versionBefore + 1);
    this.cache.edited(this.doc, { startLine: range.start.line, endLine: range.end.line, lineCountBefore, versionBefore });
  }

  /** The cached references as text, line by line. */
  cached(): string[] {
    return describeAll(this.doc.getText(), this.cache.get(this.doc).lines);
  }

  fresh(): string[] {
    return describeAll(this.doc.getText(), scanDocumentReferences(this.doc));
  }
}

function describeAll(text: string, lines: readonly (readonly import('../../server/src/engine').Reference[])[]): string[] {
  const docLines = text.split(/\r\n|\r|\n/);
  return lines.flatMap((list, line) => list.map((r) => `${line}: ${words(docLines[line], r)}`));
}

const LAW = law('第一条　依照本法第三条。', '前款规定的情形。', '第二条　违反第一条至第三条的。', '第三条　完。');

suite('The reference cache after edits', () => {
  test('Typing a reference into a line adds it; the other lines keep theirs', () => {
    const s = new Session(LAW);
    s.replace({ start: { line: 3, character: 7 }, end: { line: 3, character: 7 } }, '依照前条，');
    assert.deepEqual(s.cached(), s.fresh());
    assert.ok(s.cached().includes('3: 前条 = previous article'), s.cached().join('\n'));
  });

  test('Inserting and deleting lines moves the references below', () => {
    const s = new Session(LAW);
    s.replace({ start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, '新增一行，依照第二条。\n另一行。\n');
    assert.deepEqual(s.cached(), s.fresh());
    assert.ok(s.cached().includes('4: 第一条 = article 1'), s.cached().join('\n'));
    s.replace({ start: { line: 0, character: 3 }, end: { line: 3, character: 0 } }, '');
    assert.deepEqual(s.cached(), s.fresh());
  });

  test('Whatever the edits, the patched references are a fresh scan’s', () => {
    const pieces = ['第一条', '第十条', '　', '依照', '本法', '第三条', '第二款', '第（一）项', '至', '、', '前款', '前两款', '本条', '《刑法》', '刑法', '\n', '\r\n', '\r', '第一次', '条', '款', '之一', '。'];
    const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
    const editArb = fc.tuple(fc.nat(), fc.nat(), textArb);
    fc.assert(
      fc.property(textArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (text, edits) => {
        const s = new Session(text);
        for (const [a, b, inserted] of edits) {
          const length = s.doc.getText().length;
          const from = a % (length + 1);
          const to = from + (b % (length - from + 1));
          s.replace({ start: s.doc.positionAt(from), end: s.doc.positionAt(to) }, inserted);
          assert.deepEqual(s.cached(), s.fresh(), JSON.stringify(s.doc.getText()));
        }
      }),
      { numRuns: 300 },
    );
  });
});

const corpus = join(repoRoot(), '..', 'shared', 'corpus');

/** The references of a real law as "line: text", and its reference.missing warnings. */
function readLaw(name: string): { refs: string[]; missing: number } | undefined {
  const path = join(corpus, name);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const doc = new PlainTextDocument(`file:///${name}`, text);
  const lines = scanDocumentReferences(doc);
  const docLines = text.split(/\r\n|\r|\n/);
  const refs = [...allReferences({ version: 1, lines })].map(({ line, reference }) => `${line}: ${docLines[line].slice(reference.start, reference.end)}`);
  const missing = referenceDiagnostics(lawStructure(doc, parseOutline(doc)), { version: 1, lines }).length;
  return { refs, missing };
}

suite('Real laws from ../shared/corpus', () => {
  test('Each line scanned alone, as after a keystroke (a search bounded by the line), has the references the whole scan gives it', (t) => {
    const path = join(corpus, 'npc_pipl_2021.txt');
    if (!existsSync(path)) return t.skip(`${path} not found`);
    const doc = new PlainTextDocument(URI, readFileSync(path, 'utf8'));
    const lines = scanDocumentReferences(doc);
    const whole = describeAll(doc.getText(), lines);
    const alone = describeAll(doc.getText(), Array.from({ length: doc.lineCount }, (_, line) => scanReferenceLines(doc, line, line)[0]));
    assert.ok(whole.length >= 10);
    assert.deepEqual(alone, whole);
    // And a range of lines that ends before the first reference finds none.
    const first = lines.findIndex((l) => l.length > 0);
    assert.deepEqual(scanReferenceLines(doc, 0, first - 1).flat(), []);
  });

  test('个人信息保护法 (npc_pipl_2021.txt): 17 references, none missing', (t) => {
    const found = readLaw('npc_pipl_2021.txt');
    if (found === undefined) return t.skip(`${corpus}/npc_pipl_2021.txt not found`);
    // Counted by hand in the text: every 本法第X条, 前款, 前条第一款, 本节, 本章 … in running text.
    assert.equal(found.refs.length, 17, found.refs.join('\n'));
    assert.deepEqual(found.refs.slice(0, 3), ['52: 前款第二项', '52: 第七项', '63: 前款']);
    assert.ok(found.refs.includes('118: 本法第十八条第一款') && found.refs.includes('118: 第三十五条'), found.refs.join('\n'));
    assert.equal(found.missing, 0);
  });

  test('新余市绿色建筑管理办法 (xinyu_green_building_2012_lfnorm.txt): 1 reference (前四款), none missing', (t) => {
    const found = readLaw('xinyu_green_building_2012_lfnorm.txt');
    if (found === undefined) return t.skip(`${corpus}/xinyu_green_building_2012_lfnorm.txt not found`);
    assert.deepEqual(found.refs, ['25: 前四款']);
    assert.equal(found.missing, 0);
  });

  test('A notice and a novella cite no article: 0 references', (t) => {
    const notice = readLaw('xinjiang_notice_2012_lfnorm.txt');
    const novel = readLaw('lu_xun_a_q_zhengzhuan.txt');
    if (notice === undefined || novel === undefined) return t.skip(`${corpus} not found`);
    assert.deepEqual([notice.refs, novel.refs], [[], []]);
  });
});
