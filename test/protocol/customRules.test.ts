// User-defined rules (docs/headings.md §10) over the real protocol: settings
// pulled with workspace/configuration, a change re-parsing the open document
// and the workspace index, a bad rule told once — in the log and in one
// notification — while the other rules apply and the server keeps serving.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { OutlineResult, RuleProblemsParams } from '@tigang/protocol';
import { LspClient, outlineText, within } from './lspClient';
import { WorkspaceClient } from './workspaceClient';

const ACTS = [{ pattern: '第[一二三四五六七八九十]+幕', rank: 3 }];
const PLAY = '第一幕　开场\n一、人物\n正文。\n第二幕　冲突\n一是因为下雨，推迟了。\n正文。\n';

/** Resolves once `check` holds, asking again as messages arrive; the test's own timeout bounds it. */
async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  return within(
    (async () => {
      for (;;) {
        const value = check();
        if (value !== undefined) return value;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })(),
    what,
  );
}

describe('tigang.customRules and tigang.notHeadings, pulled with workspace/configuration', () => {
  let client: LspClient;
  const uri = 'file:///play.txt';
  before(async () => {
    client = await LspClient.start({ initializationOptions: { ruleProblems: true } });
    await client.open(uri, PLAY);
  });
  after(() => client.shutdown());

  it('a change of the rules re-parses the open document, in symbols and folding, without a change to it', async () => {
    assert.equal(outlineText(await client.documentSymbols(uri)), '一、人物\n  一是因为下雨，推迟了\n', 'no rules: 第一幕 is prose');
    client.settings = { customRules: ACTS };
    await client.configurationChanged();
    assert.equal(outlineText(await client.documentSymbols(uri)), '第一幕 开场\n  一、人物\n第二幕 冲突\n  一是因为下雨，推迟了\n');
    const folding = await client.folding(uri);
    assert.ok(folding.some((r) => r.startLine === 0 && r.endLine === 2), `第一幕 folds over its section: ${JSON.stringify(folding)}`);

    client.settings = { customRules: ACTS, notHeadings: ['一是因为'] };
    await client.configurationChanged();
    assert.equal(outlineText(await client.documentSymbols(uri)), '第一幕 开场\n  一、人物\n第二幕 冲突\n');
    assert.equal(client.shown.length, 0, 'good rules are not reported');
  });

  it('tigang/outline answers the whole tree again when only a rule’s rank changed', async () => {
    const acts = 'file:///acts.txt';
    await client.open(acts, '第一幕　开场\n正文。\n第二幕　冲突\n');
    client.settings = { customRules: ACTS };
    await client.configurationChanged();
    const first = await client.request<OutlineResult>('tigang/outline', { textDocument: { uri: acts } });
    assert.deepEqual(first.items?.map((i) => [i.name, i.style, i.rank]), [['第一幕 开场', 'custom', 3], ['第二幕 冲突', 'custom', 3]]);
    client.settings = { customRules: [{ ...ACTS[0], rank: 2 }] };
    await client.configurationChanged();
    const second = await client.request<OutlineResult>('tigang/outline', { textDocument: { uri: acts }, previousResultId: first.resultId });
    assert.deepEqual(second.items?.map((i) => i.rank), [2, 2], 'not only the numbers: the ranks changed');
    client.settings = {};
    await client.configurationChanged();
  });

  it('rules are read per scope, as VS Code answers per folder in a multi-root workspace', async () => {
    const a = 'file:///folder-a/play.txt';
    const b = 'file:///folder-b/play.txt';
    client.settingsFor.set(a, { customRules: ACTS });
    client.settingsFor.set(b, {});
    await client.open(a, '第一幕　开场\n一、人物\n');
    await client.open(b, '第一幕　开场\n一、人物\n');
    assert.equal(outlineText(await client.documentSymbols(a)), '第一幕 开场\n  一、人物\n');
    assert.equal(outlineText(await client.documentSymbols(b)), '一、人物\n');
  });

  it('a bad rule is told once, by name, in the log and one notification naming the setting; the other rules apply and the server keeps serving', async () => {
    client.settings = { customRules: [{ pattern: '第[', rank: 3 }, ...ACTS, { pattern: '(a+)+$', rank: 2 }] };
    await client.configurationChanged();
    assert.equal(outlineText(await client.documentSymbols(uri)), '第一幕 开场\n  一、人物\n第二幕 冲突\n  一是因为下雨，推迟了\n', 'the good rule applies');
    const [notice] = await until(() => (client.shown.length > 0 ? client.shown : undefined), 'tigang/ruleProblems');
    assert.equal(notice.method, 'tigang/ruleProblems');
    const params = notice.params as RuleProblemsParams;
    assert.equal(params.setting, 'tigang.customRules');
    assert.match(params.message, /2 user-defined rule/);
    assert.equal(params.problems.length, 2);
    assert.match(params.problems[0], /^tigang\.customRules, rule 1 \(第\[\): not a valid regular expression \(.+\)\. It is left out; the other rules apply\.$/);
    assert.match(params.problems[1], /rule 3 \(\(a\+\)\+\$\): it backtracks catastrophically/);
    for (const problem of params.problems) assert.ok(client.logs.some((l) => l.type === 2 && l.message === problem), `logged as a warning: ${problem}`);

    // Read again (another change, another document): not told again.
    await client.configurationChanged();
    await client.open('file:///other.txt', '第三幕　结局\n');
    assert.equal(outlineText(await client.documentSymbols('file:///other.txt')), '第三幕 结局\n');
    assert.equal(client.shown.length, 1, 'told once');
  });
});

describe('a client that does not take tigang/ruleProblems', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ locale: 'zh-cn', settings: { customRules: [{ pattern: '幕' }, { pattern: '(第)?', rank: 3 }], notHeadings: ['['] } });
  });
  after(() => client.shutdown());

  it('gets window/showMessage, a warning in the UI language', async () => {
    await client.open('file:///zh.txt', '一、总体要求\n');
    assert.equal(outlineText(await client.documentSymbols('file:///zh.txt')), '一、总体要求\n');
    const [notice] = await until(() => (client.shown.length > 0 ? client.shown : undefined), 'window/showMessage');
    assert.equal(notice.method, 'window/showMessage');
    const { type, message } = notice.params as { type: number; message: string };
    assert.equal(type, 2);
    assert.match(message, /^Tigang：3 条自定义规则无法使用，已略去。tigang\.customRules 第 1 条规则（幕）：缺少 "rank"/);
    assert.ok(client.logs.some((l) => l.message.startsWith('tigang.customRules 第 2 条规则（(第)?）：能匹配空字符串')));
    assert.ok(client.logs.some((l) => l.message.startsWith('tigang.notHeadings 第 1 条规则（[）：不是有效的正则表达式')));
  });
});

describe('the workspace index parses closed files with the rules', () => {
  let root: string;
  let client: WorkspaceClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'tigang-rules-'));
    writeFileSync(join(root, 'play.txt'), PLAY);
    client = await WorkspaceClient.start({ folders: [{ uri: pathToFileURL(root).href, name: 'ws' }], settings: { tigang: {} } });
    await client.idle();
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('finds a rule’s heading in a file that is not open once the rules are set, and loses it when they go', async () => {
    assert.deepEqual((await client.symbols('幕')).map((s) => s.name), [], 'no rules: no 第一幕');
    client.settings = { tigang: { customRules: ACTS } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const found = await client.symbolsWhere('幕', 'the acts indexed', (names) => names.length === 2);
    assert.deepEqual(found.map((s) => [s.name, s.kind]), [['第一幕 开场', 11], ['第二幕 冲突', 11]]);
    const items = (await client.search('人物')).items;
    assert.equal(items[0]?.containerName, '第一幕 开场', 'the acts hold the headings under them');

    client.settings = { tigang: { customRules: ACTS, notHeadings: ['第二幕'] } };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.symbolsWhere('幕', 'only 第一幕 left', (names) => names.length === 1 && names[0] === '第一幕 开场');
  });
});
