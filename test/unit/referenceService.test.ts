// The reference features of the language service in-process (service.ts →
// providers/references.ts): what the protocol tests cannot ask of the test
// client — LocationLinks, the Chinese UI — and the open documents, then the
// workspace index's other files (on the in-memory file system), as the
// workspace that 《title》 references are found in.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CancellationTokenSource, LocationLink } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../server/src/configuration';
import { OutlineCache, ReferenceCache, StatisticsCache } from '../../server/src/engine';
import { L10n } from '../../server/src/l10n';
import { WorkspaceDocuments, createTigangService } from '../../server/src/service';
import { DEFAULT_FOLDER_CONFIG } from '../../server/src/workspace/config';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { InMemoryFs } from './inMemoryFs';
import { seed } from './referenceHelpers';

const REGULATION = seed('references.txt');
const LINES = REGULATION.split('\n');
const none = () => new CancellationTokenSource().token;

function serviceWith(...docs: TextDocument[]) {
  return serviceIn('en', ...docs);
}

function serviceIn(locale: string, ...docs: TextDocument[]) {
  return serviceOver(locale, undefined, ...docs);
}

function serviceOver(locale: string, workspaceDocuments: WorkspaceDocuments | undefined, ...docs: TextDocument[]) {
  return createTigangService({
    workspaceDocuments,
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

describe('References into the workspace index’s files that are not open', () => {
  async function indexed(files: Record<string, string>): Promise<{ fs: InMemoryFs; index: WorkspaceIndex; documents: WorkspaceDocuments }> {
    const fs = new InMemoryFs();
    for (const [name, text] of Object.entries(files)) fs.write(`file:///ws/${name}`, text);
    const index = new WorkspaceIndex({ log: () => undefined, openDocument: () => undefined }, fs, { watch: false });
    index.addFolder({ uri: 'file:///ws', name: 'ws', config: DEFAULT_FOLDER_CONFIG });
    await index.whenIdle();
    const documents: WorkspaceDocuments = {
      documentsTitled: (name) => index.documentsTitled(name),
      documentsCiting: (titles) => index.documentsCiting(titles),
      readDocument: (uri) => index.readForReferences(uri),
    };
    return { fs, index, documents };
  }

  it('hovers and goes to a 《title》’s article in a file read through the file system, an open document of that title first', async () => {
    const { fs, index, documents } = await indexed({ 'code.txt': '中华人民共和国民法典（示例）\n第九百三十七条　物业服务合同是……的合同。' });
    const at = LINES[45].indexOf('第九百三十七条');
    const service = serviceOver('en', documents, regulation);
    const hover = await service.getHover(regulation, { line: 45, character: at }, none());
    assert.deepEqual(hover?.contents, { kind: 'plaintext', value: '《中华人民共和国民法典》\n第九百三十七条　物业服务合同是……的合同。' });
    assert.equal(fs.reads.get('file:///ws/code.txt'), 2, 'read once to index it, once for the hover');
    await service.getHover(regulation, { line: 45, character: at }, none());
    assert.equal(fs.reads.get('file:///ws/code.txt'), 2, 'unchanged: not read again');
    const open = TextDocument.create('file:///open-code.txt', 'plaintext', 1, '中华人民共和国民法典\n第九百三十七条　打开的文本。');
    const fromOpen = await serviceOver('en', documents, regulation, open).getDefinition(regulation, { line: 45, character: at }, { linkSupport: false }, none());
    assert.equal((fromOpen as { uri: string }).uri, open.uri);
    index.dispose();
  });

  it('Find All References on an open article lists a closed file’s 《title》 reference to it; files that cite other titles are not read', async () => {
    const { fs, index, documents } = await indexed({
      'rules.txt': '某区物业服务实施细则\n第一条　依照《某市物业服务条例》第六条制定。',
      'other.txt': '某县规定\n第一条　依照《中华人民共和国民法典》第一条。',
    });
    const article6 = LINES.findIndex((l) => l.startsWith('第六条'));
    const found = await serviceOver('en', documents, regulation).getReferences(regulation, { line: article6, character: 1 }, { includeDeclaration: false }, none());
    assert.deepEqual(found.filter((l) => l.uri !== regulation.uri).map((l) => [l.uri, l.range.start.line]), [['file:///ws/rules.txt', 1]]);
    assert.equal(fs.reads.get('file:///ws/other.txt'), 1, 'read only when indexed');
    index.dispose();
  });
});
