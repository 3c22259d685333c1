// The writer's view in-process (server/src/service.ts): semantic tokens for
// headings, inlay hints with section lengths, and the server's l10n tables.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CancellationTokenSource, InlayHint, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, Settings, normalizeSettings } from '../../server/src/configuration';
import { OutlineCache, StatisticsCache, sectionCharacters } from '../../server/src/engine';
import { L10n, MESSAGE_TABLES, pickLocale } from '../../server/src/l10n';
import { SEMANTIC_TOKENS_LEGEND, tokenEdits } from '../../server/src/providers/semanticTokens';
import { applyContentChanges } from '../../server/src/documents';
import { createTigangService } from '../../server/src/service';
import { lines } from './helpers';

function serviceWith(settings: Settings = DEFAULT_SETTINGS, locale?: string, outlines = new OutlineCache()) {
  return createTigangService({
    outlines,
    statistics: new StatisticsCache(),
    settings: { get: async () => settings, forget: () => undefined },
    log: () => undefined,
    l10n: new L10n(locale),
  });
}

const URI = 'file:///speech.txt';
const doc = (text: string, version = 1) => TextDocument.create(URI, 'plaintext', version, text);
const none = () => new CancellationTokenSource().token;

/** A decoded token: the text it covers, where it is, and its type and modifiers by name. */
interface Token {
  text: string;
  line: number;
  start: number;
  length: number;
  type: string;
  modifiers: string[];
}

function decode(text: string, data: readonly number[]): Token[] {
  const docLines = text.split(/\r\n|\r|\n/);
  const tokens: Token[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
    const length = data[i + 2];
    const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => (data[i + 4] & (1 << bit)) !== 0);
    tokens.push({ text: docLines[line].slice(start, start + length), line, start, length, type: SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]], modifiers });
  }
  return tokens;
}

/** The edits of a delta applied to the data they were computed against. */
function applyEdits(data: readonly number[], delta: SemanticTokensDelta): number[] {
  const out = [...data];
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return out;
}

// Seven levels, so the seventh shares level6; a named word with whitespace
// inside (a heading that is all marker); a title after U+3000; a character
// outside the BMP (two UTF-16 units); a run-in title that stops before 。.
const LEVELS = lines('前　言', '第一章　总则', '第一节　一般规定', '一、适用范围', '（一）本市𠀀区域', '1.城区', '（1）老城区', '①东城。正文不着色。');

describe('Semantic tokens', () => {
  it('mark the marker and the title of each heading by level, in UTF-16 columns', async () => {
    const { data } = await serviceWith().getSemanticTokens(doc(LEVELS), none());
    assert.deepEqual(
      decode(LEVELS, data).map((t) => [t.text, t.line, t.start, t.length, t.type, t.modifiers.join(' ')]),
      [
        ['前　言', 0, 0, 3, 'heading', 'level1'],
        ['第一章', 1, 0, 3, 'heading', 'level1 marker'],
        ['总则', 1, 4, 2, 'heading', 'level1'],
        ['第一节', 2, 0, 3, 'heading', 'level2 marker'],
        ['一般规定', 2, 4, 4, 'heading', 'level2'],
        ['一、', 3, 0, 2, 'heading', 'level3 marker'],
        ['适用范围', 3, 2, 4, 'heading', 'level3'],
        ['（一）', 4, 0, 3, 'heading', 'level4 marker'],
        ['本市𠀀区域', 4, 3, 6, 'heading', 'level4'],
        ['1.', 5, 0, 2, 'heading', 'level5 marker'],
        ['城区', 5, 2, 2, 'heading', 'level5'],
        ['（1）', 6, 0, 3, 'heading', 'level6 marker'],
        ['老城区', 6, 3, 3, 'heading', 'level6'],
        ['①', 7, 0, 1, 'heading', 'level6 marker'],
        ['东城', 7, 1, 2, 'heading', 'level6'],
      ],
    );
  });

  it('encode each position relative to the token before, as LSP says', async () => {
    const text = lines('一、总体', '', '　　二、要求');
    const { data } = await serviceWith().getSemanticTokens(doc(text), none());
    const level1 = 1 << SEMANTIC_TOKENS_LEGEND.tokenModifiers.indexOf('level1');
    const marker = 1 << SEMANTIC_TOKENS_LEGEND.tokenModifiers.indexOf('marker');
    assert.deepEqual(data, [0, 0, 2, 0, level1 | marker, 0, 2, 2, 0, level1, 2, 2, 2, 0, level1 | marker, 0, 2, 2, 0, level1]);
  });

  it('leave out indentation, body text, prose lines and a run-in point’s sentence', async () => {
    const text = lines('在全市工作会议上的讲话', '', '> 一、总体要求', '　　一是加强组织领导。要……', '一方面，十分重要。');
    const tokens = decode(text, (await serviceWith().getSemanticTokens(doc(text), none())).data);
    assert.deepEqual(tokens.map((t) => t.text), ['一、', '总体要求', '一是', '加强组织领导']);
    assert.deepEqual(tokens.map((t) => [t.line, t.start]), [[2, 2], [2, 4], [3, 2], [3, 4]]);
  });

  it('put the colon between a marker and its title with the marker', async () => {
    const text = lines('第一篇：在大会上的讲话', '附件 2：名单', '附件3：');
    const tokens = decode(text, (await serviceWith().getSemanticTokens(doc(text), none())).data);
    assert.deepEqual(tokens.map((t) => [t.text, t.modifiers.includes('marker')]), [
      ['第一篇：', true],
      ['在大会上的讲话', false],
      ['附件 2：', true],
      ['名单', false],
      ['附件3', false],
    ]);
  });

  it('follow the list rules: 第二， is a heading only in its list', async () => {
    const text = lines('一、总体要求', '第一，提高站位。', '第二，压实责任。', '二、保障措施', '第二，这句不是列表。');
    const tokens = decode(text, (await serviceWith().getSemanticTokens(doc(text), none())).data);
    assert.deepEqual([...new Set(tokens.map((t) => t.line))], [0, 1, 2, 3]);
  });

  it('follow tigang.enumerations: without run-in points 一是 is not marked', async () => {
    const text = lines('一、总体要求', '一是加强组织领导。');
    const tokens = decode(text, (await serviceWith(normalizeSettings({ enumerations: false })).getSemanticTokens(doc(text), none())).data);
    assert.deepEqual(tokens.map((t) => t.text), ['一、', '总体要求']);
  });

  it('are empty when tigang.semanticHighlighting is off, for full and delta requests', async () => {
    const service = serviceWith(normalizeSettings({ semanticHighlighting: false }));
    assert.deepEqual(await service.getSemanticTokens(doc(LEVELS), none()), { data: [] });
    assert.deepEqual(await service.getSemanticTokensDelta(doc(LEVELS), '1', none()), { data: [] });
  });
});

describe('Semantic token deltas', () => {
  it('are one small edit against the previous result after a keystroke, and nothing when nothing changed', async () => {
    const service = serviceWith();
    const before = doc(LEVELS, 1);
    const full = await service.getSemanticTokens(before, none());
    const same = (await service.getSemanticTokensDelta(before, full.resultId!, none())) as SemanticTokensDelta;
    assert.deepEqual(same.edits, []);
    assert.notEqual(same.resultId, full.resultId);
    // '新' typed into the title on line 3: only the title's length changes.
    const typed = TextDocument.update(doc(LEVELS, 1), [{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 4 } }, text: '新' }], 2);
    const delta = (await service.getSemanticTokensDelta(typed, same.resultId!, none())) as SemanticTokensDelta;
    assert.deepEqual(delta.edits, [{ start: 6 * 5 + 2, deleteCount: 1, data: [5] }]);
    assert.deepEqual(applyEdits(full.data, delta), (await serviceWith().getSemanticTokens(typed, none())).data);
  });

  it('answer in full when the result named is not the last one sent, or the document was closed', async () => {
    const service = serviceWith();
    const first = await service.getSemanticTokens(doc(LEVELS), none());
    const second = await service.getSemanticTokens(doc(LEVELS), none());
    const stale = (await service.getSemanticTokensDelta(doc(LEVELS), first.resultId!, none())) as SemanticTokens;
    assert.deepEqual(stale.data, first.data, 'a full result');
    assert.equal('edits' in stale, false);
    const current = await service.getSemanticTokensDelta(doc(LEVELS), stale.resultId!, none());
    assert.ok('edits' in current, `the newest result gets edits (second was ${second.resultId})`);
    service.documentClosed(URI);
    const reopened = await service.getSemanticTokensDelta(doc(LEVELS), current.resultId!, none());
    assert.equal('edits' in reopened, false, 'closing dropped the previous result');
  });

  it('after keystrokes in titles and paragraphs, turn the data sent last into the tokens of a fresh parse (property)', async () => {
    // The outline cache renames a heading in place after a keystroke in its title, and the tokens
    // are then computed again for the renamed headings only, also when some versions got no request.
    const TYPED = ['新', '　', '：', '。', ' ', '\u200b', '甲', '\n', ''];
    const keystroke = fc.record({ line: fc.nat(), at: fc.nat(), remove: fc.nat({ max: 2 }), text: fc.constantFrom(...TYPED), ask: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(keystroke, { minLength: 1, maxLength: 12 }), async (keystrokes) => {
        const outlines = new OutlineCache();
        const service = serviceWith(DEFAULT_SETTINGS, undefined, outlines);
        const typed = doc(LEVELS, 1);
        let last = await service.getSemanticTokens(typed, none());
        for (const k of keystrokes) {
          const line = k.line % typed.lineCount;
          const length = typed.getText().split(/\r\n|\r|\n/)[line].length;
          const character = Math.min(k.at, length);
          const range = { start: { line, character }, end: { line, character: Math.min(length, character + k.remove) } };
          applyContentChanges(typed, [{ range, text: k.text }], typed.version + 1, [outlines]);
          if (!k.ask) continue;
          const delta = (await service.getSemanticTokensDelta(typed, last.resultId!, none())) as SemanticTokensDelta;
          const fresh = await serviceWith().getSemanticTokens(doc(typed.getText(), typed.version), none());
          const data = applyEdits(last.data, delta);
          assert.deepEqual(data, fresh.data, `text now ${JSON.stringify(typed.getText())}`);
          last = { resultId: delta.resultId, data };
        }
      }),
      { numRuns: 200 },
    );
  });

  it('turn any previous data into the next when applied (property)', () => {
    // Few distinct values, so that prefixes and suffixes overlap; the next data
    // is either unrelated or the previous with one stretch replaced, as after an edit.
    const tokenArray = fc.array(fc.nat(2), { maxLength: 30 });
    const edited = fc
      .tuple(tokenArray, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(4), tokenArray)
      .map(([previous, at, remove, insert]): [number[], number[]] => {
        const next = [...previous];
        next.splice(Math.floor(at * (previous.length + 1)), remove, ...insert.slice(0, 6));
        return [previous, next];
      });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(tokenArray, tokenArray), edited), ([previous, next]) => {
        const edits = tokenEdits(previous, next);
        assert.deepEqual(applyEdits(previous, { edits }), next);
        assert.ok(edits.length <= 1);
        if (edits.length === 1) assert.ok(edits[0].deleteCount + (edits[0].data?.length ?? 0) > 0, 'no empty edit');
      }),
    );
  });
});

describe('Inlay hints', () => {
  const SPEECH = lines('在全市工作会议上的讲话', '', '一、总体要求', '一是加强组织领导。要……', '二是完善经费保障。', '', '二、主要任务', '（一）抓好落实', '正文。');
  const on = normalizeSettings({ inlayHints: true });
  const everything = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

  it('show each section’s characters and speaking time at the end of its heading line, in Chinese', async () => {
    const hints = await serviceWith(on, 'zh-cn').getInlayHints(doc(SPEECH), everything, none());
    // The sections' non-whitespace characters, as the 提纲 view counts them.
    const counts = ['一、总体要求一是加强组织领导。要……二是完善经费保障。', '一是加强组织领导。要……', '二是完善经费保障。', '二、主要任务（一）抓好落实正文。', '（一）抓好落实正文。'].map((s) => s.length);
    assert.deepEqual(counts, sectionCharacters(doc(SPEECH), (await serviceWith().getModel(doc(SPEECH), none())).outline));
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [2, '一、总体要求'.length, `${counts[0]} 字 · 0′07″`], // 27 characters at 220 a minute: 7.4 s
        [3, '一是加强组织领导。要……'.length, `${counts[1]} 字 · 0′03″`],
        [4, '二是完善经费保障。'.length, `${counts[2]} 字 · 0′02″`],
        [6, '二、主要任务'.length, `${counts[3]} 字 · 0′04″`],
        [7, '（一）抓好落实'.length, `${counts[4]} 字 · 0′03″`],
      ],
    );
    assert.equal(hints[0].tooltip, `本节 ${counts[0]} 字，按每分钟 220 字计，讲完约需 0′07″`);
    assert.equal(hints[0].paddingLeft, true);
  });

  it('speak English to an English client, and follow tigang.charactersPerMinute', async () => {
    const slow = normalizeSettings({ inlayHints: true, charactersPerMinute: 60 });
    const hints = await serviceWith(slow, 'en').getInlayHints(doc(SPEECH), everything, none());
    // At 60 characters a minute a section takes as many seconds as it has characters.
    assert.deepEqual(hints.map((h) => h.label), ['27 chars · 0′27″', '12 chars · 0′12″', '9 chars · 0′09″', '16 chars · 0′16″', '10 chars · 0′10″']);
    assert.equal(hints[0].tooltip, 'This section: 27 characters, about 0′27″ to speak at 60 characters a minute');
  });

  it('show minutes and group thousands in a long section', async () => {
    const long = lines('一、长的一节', '字'.repeat(12_345));
    const [hint] = await serviceWith(on, 'zh-cn').getInlayHints(doc(long), everything, none());
    // 12,351 characters at 220 a minute: 3368.45… s, rounded to 3368 s = 56′08″.
    assert.equal(hint.label, '12,351 字 · 56′08″');
    assert.equal(hint.tooltip, '本节 12,351 字，按每分钟 220 字计，讲完约需 56′08″');
  });

  it('are given only for heading lines whose end lies in the range asked', async () => {
    const service = serviceWith(on, 'en');
    const at = async (startLine: number, startCharacter: number, endLine: number, endCharacter: number) =>
      (await service.getInlayHints(doc(SPEECH), { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } }, none())).map(
        (h: InlayHint) => h.position.line,
      );
    assert.deepEqual(await at(3, 0, 6, 6), [3, 4, 6]);
    assert.deepEqual(await at(3, 0, 6, 5), [3, 4], 'line 6 ends at column 6, after the range');
    assert.deepEqual(await at(3, 13, 4, 9), [4], 'line 3 ends at column 12, before the range');
    assert.deepEqual(await at(8, 0, 8, 3), []);
  });

  it('are off by default (tigang.inlayHints)', async () => {
    assert.deepEqual(await serviceWith().getInlayHints(doc(SPEECH), everything, none()), []);
  });
});

describe('The server’s l10n', () => {
  it('reads Simplified Chinese for zh-cn and its kin and English for anything else', () => {
    assert.deepEqual(['zh-cn', 'zh-CN', 'zh', 'zh-Hans', 'zh_CN', 'zh-Hans-CN', 'zh-sg'].map(pickLocale), Array(7).fill('zh-cn'));
    assert.deepEqual(['en', 'en-US', 'de', 'zh-tw', undefined, ''].map(pickLocale), Array(6).fill('en'));
  });

  it('replaces placeholders, formats numbers for the locale and leaves a missing argument visible', () => {
    assert.equal(new L10n('zh-cn').t('section.stats', 12345, '3′42″'), '12,345 字 · 3′42″');
    assert.equal(new L10n('en').t('section.stats', 812), '812 chars · {1}');
    const switched = new L10n('en');
    switched.setLocale('zh-cn');
    assert.equal(switched.t('section.stats', 812, '3′42″'), '812 字 · 3′42″');
  });

  it('has the same keys and placeholders in both tables', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    const [en, zh] = [MESSAGE_TABLES.en, MESSAGE_TABLES['zh-cn']];
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) assert.deepEqual(placeholders(zh[key]), placeholders(en[key]), key);
  });
});

describe('package.json', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: {
      semanticTokenTypes: { id: string }[];
      semanticTokenModifiers: { id: string }[];
      semanticTokenScopes: { language?: string; scopes: Record<string, string[]> }[];
    };
  };
  const c = manifest.contributes;

  it('declares every token type and modifier of the legend', () => {
    assert.deepEqual(c.semanticTokenTypes.map((t) => t.id), SEMANTIC_TOKENS_LEGEND.tokenTypes);
    assert.deepEqual(c.semanticTokenModifiers.map((m) => m.id), SEMANTIC_TOKENS_LEGEND.tokenModifiers);
  });

  it('maps the marker and the title of every level to that level’s Markdown heading scopes, falling back to markup.heading', () => {
    const scopes = c.semanticTokenScopes.flatMap((s) => Object.entries(s.scopes));
    const mapped = new Map(scopes);
    for (let level = 1; level <= 6; level++) {
      const title = mapped.get(`heading.level${level}`);
      const marker = mapped.get(`heading.marker.level${level}`);
      assert.equal(title?.[0], `heading.${level}.markdown entity.name.section.markdown`);
      assert.equal(marker?.[0], `heading.${level}.markdown punctuation.definition.heading.markdown`);
      assert.equal(title.at(-1), 'markup.heading.markdown');
      assert.equal(marker.at(-1), 'markup.heading.markdown');
    }
    assert.equal(c.semanticTokenScopes.some((s) => s.language !== undefined), false, 'every language Tigang serves (tigang.languages)');
  });
});
