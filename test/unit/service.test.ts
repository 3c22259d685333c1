// The language service in-process (server/src/service.ts), without a
// connection: what each feature answers for a document, as the protocol tests
// check it over the wire.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CancellationTokenSource, DocumentSymbol, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, Settings, normalizeSettings } from '../../server/src/configuration';
import { OutlineCache, StatisticsCache } from '../../server/src/engine';
import { CancelledError, createTigangService } from '../../server/src/service';
import { lines } from './helpers';

const SPEECH = lines('在全市工作会议上的讲话', '', '一、总体要求', '一是加强组织领导。要……', '二是完善经费保障。', '', '二、主要任务', '（一）抓好落实', '正文。');

function serviceWith(settings: Settings = DEFAULT_SETTINGS) {
  return createTigangService({ outlines: new OutlineCache(), statistics: new StatisticsCache(), settings: { get: async () => settings, forget: () => undefined }, log: () => undefined });
}

const doc = (text: string, version = 1) => TextDocument.create('file:///speech.txt', 'plaintext', version, text);
const none = () => new CancellationTokenSource().token;

describe('The service', () => {
  it('gives hierarchical document symbols named as the spec says', async () => {
    const symbols = (await serviceWith().getDocumentSymbols(doc(SPEECH), { hierarchical: true }, none())) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]),
      [
        ['一、总体要求', ['一是加强组织领导', '二是完善经费保障']],
        ['二、主要任务', ['（一）抓好落实']],
      ],
    );
  });

  it('gives flat symbols with container names to clients without hierarchy', async () => {
    const symbols = (await serviceWith().getDocumentSymbols(doc(SPEECH), { hierarchical: false }, none())) as SymbolInformation[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.containerName]),
      [
        ['一、总体要求', undefined],
        ['一是加强组织领导', '一、总体要求'],
        ['二是完善经费保障', '一、总体要求'],
        ['二、主要任务', undefined],
        ['（一）抓好落实', '二、主要任务'],
      ],
    );
  });

  it('gives a 篇 of a speech collection the Module kind, so breadcrumbs do not call it a file', async () => {
    const collection = lines('第一篇：在全市工作会议上的讲话', '一、总体要求', '第二篇：在表彰大会上的讲话');
    const symbols = (await serviceWith().getDocumentSymbols(doc(collection), { hierarchical: true }, none())) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.kind), [SymbolKind.Module, SymbolKind.Module]);
  });

  it('reads the settings of the document: no run-in points, shorter names', async () => {
    const service = serviceWith(normalizeSettings({ enumerations: false, maxNameLength: 10 }));
    const long = lines('一、采取扎实有力措施，打好疫情防控阻击战', '二、短');
    const symbols = (await service.getDocumentSymbols(doc(long), { hierarchical: true }, none())) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['一、采取扎实有力措施…', '二、短']);
    const points = (await service.getDocumentSymbols(doc(SPEECH), { hierarchical: true }, none())) as DocumentSymbol[];
    assert.deepEqual(points[0].children ?? [], []);
  });

  it('folds sections and keeps the outermost under a range limit', async () => {
    const all = await serviceWith().getFoldingRanges(doc(SPEECH), {}, none());
    assert.deepEqual(
      all.map((r) => [r.startLine, r.endLine]),
      [
        [2, 4],
        [6, 8],
        [7, 8],
      ],
    );
    const outer = await serviceWith().getFoldingRanges(doc(SPEECH), { rangeLimit: 2 }, none());
    assert.deepEqual(outer.map((r) => [r.startLine, r.endLine]), [[2, 4], [6, 8]]);
  });

  it('answers tigang/outline with section character counts', async () => {
    const result = await serviceWith().getOutline(doc(SPEECH, 7), {}, none());
    assert.equal(result.version, 7);
    assert.deepEqual(result.items!.map((i) => [i.name, i.characters]), [
      ['一、总体要求', '一、总体要求一是加强组织领导。要……二是完善经费保障。'.length],
      ['二、主要任务', '二、主要任务（一）抓好落实正文。'.length],
    ]);
  });

  it('grows a selection from a heading title to its section and the document', async () => {
    const [range] = await serviceWith().getSelectionRanges(doc(SPEECH), [{ line: 7, character: 2 }], none());
    const chain: string[] = [];
    for (let r: typeof range | undefined = range; r !== undefined; r = r.parent) chain.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
    assert.deepEqual(chain, ['7:0-7:7', '7:0-8:3', '6:0-8:3', '0:0-8:3']);
  });

  it('stops a cancelled request with CancelledError instead of answering nothing', async () => {
    const source = new CancellationTokenSource();
    source.cancel();
    await assert.rejects(serviceWith().getDocumentSymbols(doc(SPEECH), { hierarchical: true }, source.token), CancelledError);
    await assert.rejects(serviceWith().getSelectionRanges(doc(SPEECH), [{ line: 0, character: 0 }], source.token), CancelledError);
  });

  it('answers workspace queries with nothing when it has no workspace', async () => {
    assert.deepEqual(await serviceWith().getWorkspaceSymbols('总体', none()), []);
    assert.deepEqual(await serviceWith().searchSections('总体', undefined, none()), { items: [], indexing: false });
  });
});
