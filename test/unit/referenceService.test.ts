// The reference features of the language service in-process (service.ts →
// providers/references.ts): what the protocol tests cannot ask of the test
// client — LocationLinks, the Chinese UI — and the open documents as the
// workspace that 《title》 references are found in.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CancellationTokenSource, LocationLink } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../server/src/configuration';
import { OutlineCache, ReferenceCache, StatisticsCache } from '../../server/src/engine';
import { L10n } from '../../server/src/l10n';
import { createTigangService } from '../../server/src/service';
import { seed } from './referenceHelpers';

const REGULATION = seed('references.txt');
const LINES = REGULATION.split('\n');
const none = () => new CancellationTokenSource().token;

function serviceWith(...docs: TextDocument[]) {
  return serviceIn('en', ...docs);
}

function serviceIn(locale: string, ...docs: TextDocument[]) {
  return createTigangService({
    outlines: new OutlineCache(),
    statistics: new StatisticsCache(),
    l10n: new L10n(locale),
    settings: { get: async () => DEFAULT_SETTINGS, forget: () => undefined },
    log: () => undefined,
    references: new ReferenceCache(),
    openDocuments: { all: () => docs },
  });
}

const regulation = TextDocument.create('file:///regulation.txt', 'plaintext', 1, REGULATION);

describe('References in the service', () => {
  it('gives a LocationLink whose origin is the whole reference and whose target is the whole 款', async () => {
    const at = LINES[15].indexOf('第十条');
    const links = (await serviceWith(regulation).getDefinition(regulation, { line: 15, character: at }, { linkSupport: true }, none())) as LocationLink[];
    assert.equal(links.length, 1);
    const [link] = links;
    assert.equal(LINES[15].slice(link.originSelectionRange!.start.character, link.originSelectionRange!.end.character), '本条例第十条第二款');
    assert.deepEqual(link.targetRange, { start: { line: 37, character: 0 }, end: { line: 37, character: LINES[37].length } });
    assert.deepEqual(link.targetSelectionRange, link.targetRange);
    assert.equal(link.targetUri, regulation.uri);
  });

  it('an article’s LocationLink selects its heading and spans its section', async () => {
    const at = LINES[31].indexOf('前条');
    const [link] = (await serviceWith(regulation).getDefinition(regulation, { line: 31, character: at }, { linkSupport: true }, none())) as LocationLink[];
    assert.deepEqual([link.targetRange.start.line, link.targetRange.end.line], [27, 30]);
    assert.equal(LINES[27].slice(link.targetSelectionRange.start.character, link.targetSelectionRange.end.character), '第六条　物业服务人不得有下列行为');
  });

  it('writes link tooltips and reference.missing in Chinese for a Chinese UI', async () => {
    const service = serviceIn('zh-cn', regulation);
    const links = await service.getDocumentLinks(regulation, none());
    assert.equal(links[0].tooltip, '转到第十条第二款');
    const broken = TextDocument.create('file:///broken.txt', 'plaintext', 1, '第一条　依照本法第二条。\n第三条　完。');
    const diagnostics = await service.getDiagnostics(broken, none());
    assert.deepEqual(diagnostics.map((d) => d.message), ['本法没有第二条', '序号不连续：应为 第二条']);
  });

  it('finds a 《title》’s document among the open documents, and hovers show where the text comes from', async () => {
    const code = TextDocument.create('file:///code.txt', 'plaintext', 1, '中华人民共和国民法典\n第九百三十七条　物业服务合同是……的合同。');
    const at = LINES[45].indexOf('第九百三十七条');
    const hover = await serviceWith(regulation, code).getHover(regulation, { line: 45, character: at }, none());
    assert.deepEqual(hover?.contents, { kind: 'plaintext', value: '《中华人民共和国民法典》\n第九百三十七条　物业服务合同是……的合同。' });
    assert.equal(await serviceWith(regulation).getHover(regulation, { line: 45, character: at }, none()), null);
  });
});
