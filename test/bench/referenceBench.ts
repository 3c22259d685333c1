// The cost of references between articles (server/src/engine/references.ts,
// referenceCache.ts, articles.ts) on a generated 10 MB law: a full scan, a
// keystroke (one character typed, then a line break, then a 100-line paste)
// patched into the cache, and resolving every reference (reference.missing).
// Run alone with `npm run bench -- --references-only`; part of every run.
//
// The law is generated here (seeded); its wording is written for this
// benchmark, not taken from a corpus.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { LawStructure, PlainTextDocument, ReferenceCache, parseOutline, referenceDiagnostics, scanDocumentReferences, writeReferenceNumber } from '../../server/src/engine';
import { L10n } from '../../server/src/l10n';
import { documentLinks } from '../../server/src/providers/references';
import { prng } from './generate';

const SUBJECTS = ['物业服务人', '业主委员会', '建设单位', '主管部门', '街道办事处', '居民委员会', '施工单位', '监理单位'];
const DUTIES = ['应当公示收费项目和标准', '应当建立健全管理制度', '不得擅自改变共用部位的用途', '应当定期报告工作情况', '应当妥善保管有关资料', '应当接受业主的监督'];
const TAILS = ['并书面告知业主', '接受社会监督', '具体办法由市人民政府制定', '情节严重的依法追究责任', '逾期未改正的从重处理'];

export interface GeneratedLaw {
  text: string;
  articles: number;
}

/** A law of about `bytes` UTF-8 bytes: chapters of 50 articles, each of two or three 款, items, and references in about half the lines. */
export function generateLaw(bytes: number, seed = 20260101): GeneratedLaw {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const cn = (n: number) => writeReferenceNumber(n, 'chinese')!;
  const out: string[] = ['某市物业管理条例（基准）', ''];
  let size = 0;
  let n = 0;
  while (size < bytes) {
    n++;
    if (n % 50 === 1) out.push(`第${cn(Math.ceil(n / 50))}章　第${cn(Math.ceil(n / 50))}部分`);
    const cite = () => {
      const r = random();
      const a = 1 + Math.floor(random() * n);
      if (r < 0.3) return `依照本条例第${cn(a)}条的规定，`;
      if (r < 0.45) return `违反本条例第${cn(a)}条第二款规定的，`;
      if (r < 0.55) return `有第${cn(Math.max(1, a - 3))}条至第${cn(a)}条规定情形之一的，`;
      if (r < 0.65) return '有前款规定情形的，';
      if (r < 0.7) return '除前条另有规定外，';
      return '';
    };
    const lines = [
      `第${cn(n)}条　${cite()}${pick(SUBJECTS)}${pick(DUTIES)}，${pick(TAILS)}；${pick(SUBJECTS)}${pick(DUTIES)}，${pick(TAILS)}。`,
      `${cite()}${pick(SUBJECTS)}${pick(DUTIES)}，${pick(TAILS)}，${pick(SUBJECTS)}${pick(DUTIES)}，${pick(TAILS)}。`,
    ];
    if (random() < 0.3) lines.push(`（一）${pick(SUBJECTS)}${pick(DUTIES)}；`, `（二）${cite()}${pick(SUBJECTS)}${pick(DUTIES)}。`);
    for (const l of lines) {
      out.push(l);
      size += Buffer.byteLength(l, 'utf8') + 1;
    }
  }
  return { text: out.join('\n') + '\n', articles: n };
}

interface Figures {
  median: number;
  min: number;
  max: number;
}

function figures(samples: number[]): Figures {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** Prints the scanner's figures and returns them. */
export async function runReferenceBench(quick: boolean): Promise<Record<string, unknown>> {
  const runs = quick ? 5 : 15;
  const { text, articles } = generateLaw(10_000_000);
  const bytes = Buffer.byteLength(text, 'utf8');
  const uri = 'file:///bench/law.txt';

  // Full scan, as a document's first request pays it.
  const full: number[] = [];
  let count = 0;
  for (let i = 0; i < runs + 2; i++) {
    const doc = new PlainTextDocument(uri, text);
    const t = performance.now();
    const lines = scanDocumentReferences(doc);
    const elapsed = performance.now() - t;
    if (i >= 2) full.push(elapsed);
    count = lines.reduce((sum, l) => sum + l.length, 0);
  }
  const scan = figures(full);

  // Keystrokes in the middle of the law, patched into the cache.
  let doc = TextDocument.create(uri, 'plaintext', 1, text);
  const cache = new ReferenceCache();
  cache.get(doc);
  const middle = Math.floor(doc.lineCount / 2);
  const edit = (range: { start: { line: number; character: number }; end: { line: number; character: number } }, inserted: string): number => {
    const lineCountBefore = doc.lineCount;
    const versionBefore = doc.version;
    doc = TextDocument.update(doc, [{ range, text: inserted }], versionBefore + 1);
    const t = performance.now();
    cache.edited(doc, { startLine: range.start.line, endLine: range.end.line, lineCountBefore, versionBefore });
    cache.get(doc);
    return performance.now() - t;
  };
  const typed: number[] = [];
  const enter: number[] = [];
  const paste: number[] = [];
  const pasted = text.split('\n').slice(1000, 1100).join('\n') + '\n';
  for (let i = 0; i < runs * 4; i++) {
    const at = { line: middle, character: 10 };
    typed.push(edit({ start: at, end: at }, '新'));
    enter.push(edit({ start: at, end: at }, '\n'));
    paste.push(edit({ start: at, end: at }, pasted));
  }
  const patched = scanDocumentReferences(doc).reduce((sum, l) => sum + l.length, 0) === cache.get(doc).lines.reduce((sum, l) => sum + l.length, 0);

  // Resolving every reference: the structure (款 of every article) and reference.missing.
  const plain = new PlainTextDocument(uri, text);
  const outline = parseOutline(plain);
  const refs = { version: 1, lines: scanDocumentReferences(plain) };
  const resolve: number[] = [];
  let warnings = 0;
  for (let i = 0; i < Math.max(3, Math.floor(runs / 3)); i++) {
    const t = performance.now();
    // A fresh structure each time: its 款 tables are what a new version pays.
    const structure = new LawStructure(plain, outline);
    warnings = referenceDiagnostics(structure, refs).length;
    resolve.push(performance.now() - t);
  }
  const all = figures(resolve);

  // textDocument/documentLink: every reference resolved and written out; the answer's JSON size.
  const linkTimes: number[] = [];
  let linkBytes = 0;
  let linkCount = 0;
  for (let i = 0; i < Math.max(3, Math.floor(runs / 3)); i++) {
    const current = { uri, doc: plain, outline, references: refs };
    const t = performance.now();
    const links = await documentLinks(current, undefined, new L10n('en'));
    linkTimes.push(performance.now() - t);
    linkCount = links.length;
    linkBytes = Buffer.byteLength(JSON.stringify(links), 'utf8');
  }
  const linkFigures = figures(linkTimes);

  console.log(`document: ${(bytes / 1e6).toFixed(2)} MB law, ${doc.lineCount} lines, ${articles} articles, ${count} references`);
  console.log(`  full scan: median ${ms(scan.median)} ms (${(bytes / 1e6 / (scan.median / 1000)).toFixed(0)} MB/s), best ${ms(scan.min)} ms, ${full.length} runs`);
  console.log(`  per edit (cache.edited + get): one character ${ms(figures(typed).median)} ms (max ${ms(figures(typed).max)}), a line break ${ms(figures(enter).median)} ms (max ${ms(figures(enter).max)}), a 100-line paste ${ms(figures(paste).median)} ms (max ${ms(figures(paste).max)}); ${typed.length} of each`);
  console.log(`  patched cache equals a full scan after the edits: ${patched}`);
  console.log(`  resolve every reference (款 tables + reference.missing): median ${ms(all.median)} ms, ${warnings} warnings`);
  console.log(`  documentLink answer: ${linkCount} links, ${(linkBytes / 1e6).toFixed(2)} MB of JSON, computed in ${ms(linkFigures.median)} ms (median)`);
  return { bytes, lines: doc.lineCount, articles, references: count, fullScan: scan, typed: figures(typed), lineBreak: figures(enter), paste: figures(paste), resolveAll: all, warnings, patched, documentLinks: { count: linkCount, bytes: linkBytes, ...linkFigures } };
}
