// Checking user-defined rules (server/src/engine/customRules.ts): a bad rule
// is reported by name and left out; the others keep working.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OutlineCache, OutlineOptions, PlainTextDocument, checkNumbering, editStructure, fixAllNumbering, parseOutline } from '../../server/src/engine';
import { compileRules, firstUnits, isNotHeading, literalPrefix, matchRule } from '../../server/src/engine/customRules';
import { applyTextEdits, brokenInvariant, lines, names, parse, readDocument, repoRoot, restructure, snapshot, tree } from './helpers';

/** Every seed document of the repository, as text. */
function seedFiles(): { name: string; text: string }[] {
  const dir = join(repoRoot(), 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((name) => ({ name, text: readDocument(join(dir, name)) }));
}

const problems = (rules: unknown, never: unknown = []) => compileRules(rules, never).errors.map((e) => `${e.setting}[${e.index}] ${e.rule}: ${e.problem}`);

suite('User-defined rules', () => {
  test('A valid rule matches at the start of the line, after indentation', () => {
    const { headings, errors } = compileRules([{ pattern: '第[0-9]{3}章', rank: 3 }], []);
    assert.deepEqual(errors, []);
    const line = '　　第001章 风起';
    assert.equal(matchRule(headings[0], line, 2, line.length), 2 + '第001章'.length);
    assert.equal(matchRule(headings[0], '前文第001章', 0, 8), -1, 'only at the start');
  });

  test('Each kind of bad rule is reported by name, and the good ones are kept', () => {
    const rules = [{ pattern: '第[', rank: 3 }, { pattern: '幕' }, { pattern: '幕', rank: 11 }, { pattern: '(第)?', rank: 2 }, { pattern: '(a+)+$', rank: 2 }, 'oops', { pattern: '第[一二三]幕', rank: 3 }, { pattern: 'x', rank: 2, name: 'all' }];
    assert.deepEqual(problems(rules), [
      'customRules[0] 第[: invalidPattern',
      'customRules[1] 幕: missingRank',
      'customRules[2] 幕: rankOutOfRange',
      'customRules[3] (第)?: matchesEmpty',
      'customRules[4] (a+)+$: backtracks',
      'customRules[5] "oops": notAnObject',
      'customRules[7] x: invalidName',
    ]);
    assert.deepEqual(compileRules(rules, []).headings.map((r) => r.source), ['第[一二三]幕']);
  });

  test('The engine’s own message comes with an invalid pattern', () => {
    const [error] = compileRules([{ pattern: '(', rank: 3 }], []).errors;
    assert.equal(error.problem, 'invalidPattern');
    assert.match(error.detail ?? '', /\(/);
  });

  test('notHeadings patterns mark lines that are never headings; a bad one is reported', () => {
    const rules = compileRules([], ['一是因为', '[']);
    assert.deepEqual(problems([], ['一是因为', '[']), ['notHeadings[1] [: invalidPattern']);
    assert.equal(isNotHeading(rules, '一是因为天气原因。', 0, 9), true);
    assert.equal(isNotHeading(rules, '一是加强领导。', 0, 7), false);
  });

  test('A 1 MB line costs a rule no more than its first 256 characters', () => {
    const { headings } = compileRules([{ pattern: '第.*章', rank: 3 }], []);
    const line = '第' + '字'.repeat(1_000_000) + '章';
    assert.equal(matchRule(headings[0], line, 0, line.length), -1, 'the 章 a megabyte away is out of reach');
  });

  test('Equal rule sets have equal fingerprints; no rules, an empty one', () => {
    const a = compileRules([{ pattern: '第1幕', rank: 3 }], ['x']);
    const b = compileRules([{ pattern: '第1幕', rank: 3, name: 'line' }], ['x']);
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, compileRules([{ pattern: '第1幕', rank: 4 }], ['x']).fingerprint);
    assert.equal(compileRules(undefined, null).fingerprint, '');
  });
});

// ---------------------------------------------------------------- the engine with rules (docs/headings.md §10)

/** Outline options with these user rules. */
function withRules(customRules: unknown, notHeadings: unknown = []): OutlineOptions {
  return { enumerations: true, rules: compileRules(customRules, notHeadings) };
}

const ACTS = withRules([{ pattern: '第[一二三四五六七八九十]+幕', rank: 3 }]);

suite('Headings of user-defined rules', () => {
  test('A rule adds a style the built-in rules do not know, at its rank among them', () => {
    const text = lines('第一卷　上', '第一幕　开场', '一、人物', '第一节　序', '第二幕　冲突');
    assert.deepEqual(tree(text), ['第一卷 上', '  一、人物', '  第一节 序'], 'without the rule 第一幕 is prose');
    assert.deepEqual(tree(text, ACTS), ['第一卷 上', '  第一幕 开场', '    一、人物', '    第一节 序', '  第二幕 冲突']);
    const act = parse(text, ACTS).headings[1];
    assert.equal(act.style, 'custom');
    assert.equal(act.rank, 3);
    assert.equal(act.number, 1);
  });

  test('Equal ranks are siblings: a rule of rank 3 and a chapter', () => {
    assert.deepEqual(tree(lines('第一章　总则', '第一幕　开场', '一、人物'), ACTS), ['第一章 总则', '第一幕 开场', '  一、人物']);
  });

  test('A line a rule matches is the rule’s heading, before the built-in rules: 第001章 at rank 2 holds the 第一节 after it', () => {
    const text = lines('第001章　风起', '第一节　开端', '第002章　云涌');
    const options = withRules([{ pattern: '第[0-9]{3}章', rank: 2 }]);
    assert.deepEqual(parse(text).headings.map((h) => `${h.style} ${h.rank}`), ['chapter 3', 'section 4', 'chapter 3']);
    assert.deepEqual(parse(text, options).headings.map((h) => `${h.style} ${h.rank} ${h.number}`), ['custom 2 1', 'section 4 1', 'custom 2 2']);
  });

  test('The pattern is matched after indentation, and only at the start of the line', () => {
    assert.deepEqual(names(lines('　　第一幕　开场', '前情：第二幕'), ACTS), ['第一幕 开场']);
  });

  test('name "line" names the heading after its line up to a sentence end; "match" after the match alone', () => {
    const text = '第一幕　开场：雨夜。众人上场。';
    assert.deepEqual(names(text, ACTS), ['第一幕 开场：雨夜']);
    assert.deepEqual(names(text, withRules([{ pattern: '第[一二三四五六七八九十]+幕', rank: 3, name: 'match' }])), ['第一幕']);
    const [h] = parse(text, withRules([{ pattern: '第[一二三四五六七八九十]+幕', rank: 3, name: 'match' }])).headings;
    assert.equal(h.titleEnd, '第一幕'.length, 'the selection is the match');
  });

  test('Whitespace and a colon the match ends with are not part of the marker or the name', () => {
    const [salutation] = parse('同志们：', withRules([{ pattern: '同志们：$', rank: 1 }])).headings;
    assert.deepEqual([salutation.name, salutation.marker, salutation.markerEnd, salutation.titleEnd], ['同志们', '同志们', 3, 3]);
    const [act] = parse('第一幕　开场', withRules([{ pattern: '\\S+\\s', rank: 3, name: 'match' }])).headings;
    assert.deepEqual([act.name, act.markerEnd], ['第一幕', 3]);
  });

  test('The first rule that matches decides, in the order of the setting', () => {
    const options = withRules([{ pattern: '第.幕', rank: 4 }, { pattern: '第一幕', rank: 2 }]);
    assert.equal(parse('第一幕　开场', options).headings[0].rank, 4);
  });

  test('A heading without a number is in no list; the first numeral of the match numbers it', () => {
    const options = withRules([{ pattern: '序幕|尾声幕', rank: 3 }, { pattern: 'Act [0-9]+', rank: 3 }]);
    const { headings } = parse(lines('序幕　缘起', 'Act 12 The end'), options);
    assert.deepEqual(headings.map((h) => [h.number, h.list === undefined]), [[0, true], [12, false]]);
  });

  test('A rule of rank 10 is a sibling of the run-in points and leaves their list open', () => {
    const options = withRules([{ pattern: '另外', rank: 10 }]);
    const text = lines('一、工作', '一是抓落实。', '另外，要注意安全。', '二是抓督查。');
    assert.deepEqual(tree(text, options), ['一、工作', '  一是抓落实', '  另外，要注意安全', '  二是抓督查']);
    const points = parse(text, options).headings.filter((h) => h.style === 'enumeration');
    assert.equal(points[0].list, points[1].list, '二是 goes on with 一是’s list');
  });

  test('notHeadings removes a line the built-in rules would take, and a rule’s line too', () => {
    const text = lines('一、工作', '一是因为天气原因，推迟了。', '第一幕　开场', '第二幕　下雨了');
    const options = withRules([{ pattern: '第[一二三四五六七八九十]+幕', rank: 3 }], ['一是因为', '第二幕　下雨']);
    assert.deepEqual(names(text), ['一、工作', '一是因为天气原因，推迟了']);
    assert.deepEqual(names(text, options), ['一、工作', '第一幕 开场']);
  });

  test('A bad rule is left out and the good ones still apply', () => {
    const options = withRules([{ pattern: '第[', rank: 3 }, { pattern: '第[一二三]幕', rank: 3 }, { pattern: '(x)?', rank: 2 }]);
    assert.deepEqual(options.rules?.errors.map((e) => e.problem), ['invalidPattern', 'matchesEmpty']);
    assert.deepEqual(names(lines('第一幕　开场', 'x 不是标题'), options), ['第一幕 开场']);
  });

  test('No rules parse exactly as before', () => {
    const text = lines('第一章　总则', '一、目标', '（一）任务', '一是抓落实。');
    assert.deepEqual(snapshot(parse(text, withRules([], []))), snapshot(parse(text)));
  });
});

suite('Numbering and structure edits with user-defined rules (§7, §8)', () => {
  test('A rule’s headings are a list of their own: a skipped 第三幕 is reported, and the fix renumbers in the list’s own form', () => {
    const text = lines('第一幕　开场', '第二幕　冲突', '第四幕　结局');
    const doc = new PlainTextDocument('file:///acts.txt', text);
    const outline = parseOutline(doc, ACTS);
    const found = checkNumbering(doc, outline).map((d) => `${d.code} ${d.line} ${d.expected}`);
    assert.deepEqual(found, ['numbering.skipped 2 第三幕']);
    const fixed = applyTextEdits(text, fixAllNumbering(doc, outline));
    assert.deepEqual(names(fixed, ACTS), ['第一幕 开场', '第二幕 冲突', '第三幕 结局']);
  });

  test('The inline first item of an 附件说明 is read with the rules too: 附件：1）甲表 then 2）乙表 is a list from 1）', () => {
    const items = withRules([{ pattern: '[0-9]+）', rank: 4 }]);
    const found = (text: string) => {
      const doc = new PlainTextDocument('file:///notice.txt', text);
      return checkNumbering(doc, parseOutline(doc, items)).map((d) => `${d.code} ${d.line} ${d.expected}`);
    };
    assert.deepEqual(found(lines('附件：1）甲表', '　　2）乙表', '　　3）丙表')), []);
    assert.deepEqual(found(lines('附件：1）甲表', '　　3）丙表')), ['numbering.skipped 1 2）']);
  });

  test('Two rules of one rank number two lists, not one', () => {
    const options = withRules([{ pattern: '第[一二三]幕', rank: 3 }, { pattern: '第[一二三]场', rank: 3 }]);
    const outline = parse(lines('第一幕　开场', '第一场　雨夜', '第二幕　冲突', '第二场　天明'), options);
    assert.deepEqual(outline.lists.map((l) => l.members.map((m) => m.name)), [['第一幕 开场', '第二幕 冲突'], ['第一场 雨夜', '第二场 天明']]);
  });

  test('Moving a section of a rule down swaps it with its sibling and renumbers both, parsed again with the same rules', () => {
    const text = lines('第一幕　开场', '正文一。', '第二幕　冲突', '正文二。');
    assert.equal(restructure(text, 'moveDown', '第一幕', undefined, ACTS), lines('第一幕　冲突', '正文二。', '第二幕　开场', '正文一。'));
  });

  test('Inserting a heading after a rule’s heading writes the list’s next marker', () => {
    const doc = new PlainTextDocument('file:///acts.txt', lines('第一幕　开场', '正文一。'));
    const outline = parseOutline(doc, ACTS);
    const answer = editStructure(doc, outline, { operation: 'insertAfter', line: 0 }, { outline: ACTS });
    assert.ok(answer.ok, `refused: ${answer.ok ? '' : answer.reason}`);
    const after = applyTextEdits(doc.getText(), answer.edits);
    assert.deepEqual(parse(after, ACTS).headings.map((h) => h.marker), ['第一幕', '第二幕']);
  });
});

suite('The outline cache with user-defined rules', () => {
  test('Other rules scan the document again; the same rules reuse the markers', () => {
    const cache = new OutlineCache();
    const doc = new PlainTextDocument('file:///acts.txt', lines('第一幕　开场', '一、人物'));
    assert.deepEqual(cache.get(doc, { enumerations: true }).headings.map((h) => h.name), ['一、人物']);
    assert.deepEqual(cache.get(doc, ACTS).headings.map((h) => h.name), ['第一幕 开场', '一、人物']);
    const again = withRules([{ pattern: '第[一二三四五六七八九十]+幕', rank: 3 }]);
    assert.equal(cache.get(doc, again), cache.get(doc, ACTS), 'equal rules: the same outline');
    assert.deepEqual(cache.get(doc, { enumerations: true }).headings.map((h) => h.name), ['一、人物']);
  });

  test('An edit is scanned with the rules the markers were scanned with', () => {
    const cache = new OutlineCache();
    const before = TextDocument.create('file:///acts.txt', 'plaintext', 1, lines('第一幕　开场', '正文。'));
    cache.get(before, ACTS);
    const after = TextDocument.update(before, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, text: '第二幕　冲突' }], 2);
    cache.edited(after, { startLine: 1, endLine: 1, lineCountBefore: 2, versionBefore: 1 });
    assert.deepEqual(cache.get(after, ACTS).headings.map((h) => h.name), ['第一幕 开场', '第二幕 冲突']);
  });
});

suite('What a rule can begin with (the scan’s prefilter)', () => {
  const starts = (pattern: string) => {
    const units = firstUnits(pattern);
    return units === undefined ? undefined : units.map(([a, b]) => (a === b ? String.fromCharCode(a) : `${String.fromCharCode(a)}-${String.fromCharCode(b)}`)).join(' ');
  };

  test('A literal, an escape, a class and the alternatives of a group are read', () => {
    assert.equal(starts('第[0-9]{3}章'), '第');
    assert.equal(starts('^卷'), '卷');
    assert.equal(starts('\\d+、'), '0-9');
    assert.equal(starts('[甲乙]方|(?:Act|Scene) '), '甲 乙 A S');
    assert.equal(starts('\\(第'), '(');
    assert.equal(starts('\\u7B2C'), '第');
  });

  test('A notHeadings pattern’s literal beginning is read up to its first special character, without a character a quantifier makes optional', () => {
    const cases: [string, string][] = [['一是因为', '一是因为'], ['第[一二三]+节课', '第'], ['^卷首语', '卷首语'], ['附件?说明', '附'], ['ab*', 'a'], ['同志们：$', '同志们：'], ['甲|乙', ''], ['.幕', ''], ['\\d+、', ''], ['(第)一', ''], ['𠀀𠀁?', '𠀀']];
    assert.deepEqual(cases.map(([p]) => [p, literalPrefix(p)]), cases);
  });

  test('Anything that may begin anywhere is told so', () => {
    for (const pattern of ['.幕', '\\S+幕', '[^a]幕', '第?幕', '(?=第)第', 'a*b', '\\w', '(a|)b']) assert.equal(starts(pattern), undefined, pattern);
  });

  test('Rules parse alike with and without the prefilter, on every seed document', () => {
    const rules = compileRules(
      [
        { pattern: '第[一二三四五六七八九十]+幕', rank: 3 },
        { pattern: '[0-9]+、', rank: 6 },
        { pattern: '（[甲乙丙]）', rank: 8, name: 'match' },
        { pattern: '附注', rank: 4 },
      ],
      ['一是因为', '[0-9]+、[0-9]'],
    );
    assert.ok(rules.firstUnits !== undefined && rules.notFirstUnits !== undefined);
    const unfiltered = { ...rules, firstUnits: undefined, notFirstUnits: undefined, notPrefixes: [] };
    // A line a notHeadings pattern keeps out, and the same list without it.
    const own = new PlainTextDocument('file:///own.txt', '一、总体要求\n一是因为天气，推迟开工。\n二是加强调度。\n12、13号楼\n');
    const names = (rs: typeof rules) => parseOutline(own, { enumerations: true, rules: rs }).headings.map((h) => h.name);
    assert.deepEqual(names(rules), names(unfiltered));
    assert.ok(!names(rules).some((n) => n.startsWith('一是因为') || n.startsWith('12、')), names(rules).join(' | '));
    assert.ok(names({ ...rules, notHeadings: [] }).some((n) => n.startsWith('12、')), 'without notHeadings the rule [0-9]+、 makes 12、 a heading');
    for (const file of seedFiles()) {
      const doc = new PlainTextDocument(`file:///${file.name}`, file.text);
      assert.deepEqual(snapshot(parseOutline(doc, { enumerations: true, rules })), snapshot(parseOutline(doc, { enumerations: true, rules: unfiltered })), file.name);
    }
  });
});

suite('Properties of user-defined rules', () => {
  const ruleArb = fc.record({
    pattern: fc.constantFrom('第[一二三四五六七八九十]+幕', '[0-9]+、', '（[甲乙丙]）', '附注', '.{1,3}：', '\\S+\\s', '甲'),
    rank: fc.integer({ min: 1, max: 10 }),
    name: fc.constantFrom('line', 'match', undefined),
  });
  const lineArb = fc.constantFrom('第一幕　开场', '第二幕', '1、目标', '一、总体要求', '（一）任务', '（甲）其一', '附注：说明', '一是抓落实。', '二是抓督查。', '正文。', '', '　　', '甲乙双方', '第一章　总则', '“引文', '引文完”');

  test('Rules never throw on arbitrary text; the outline’s invariants hold, and an edited cache equals a fresh parse', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 4 }), fc.array(fc.oneof(lineArb, fc.string({ maxLength: 12 })), { maxLength: 30 }), fc.nat(), fc.oneof(lineArb, fc.string({ maxLength: 8 })), (rules, docLines, at, insert) => {
        const options: OutlineOptions = { enumerations: true, rules: compileRules(rules, ['正文']) };
        const text = docLines.join('\n');
        const outline = parse(text, options);
        assert.equal(brokenInvariant(text, outline), undefined);
        for (const h of outline.headings) if (h.style === 'custom') assert.equal(h.rank, options.rules!.headings[h.rule!].rank);
        // The cache patched by one edit parses as the edited text from scratch.
        const cache = new OutlineCache();
        const before = TextDocument.create('file:///p.txt', 'plaintext', 1, text);
        cache.get(before, options);
        const lineCountBefore = before.lineCount;
        const line = at % lineCountBefore;
        const after = TextDocument.update(before, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: insert + '\n' }], 2); // updates `before` in place
        cache.edited(after, { startLine: line, endLine: line, lineCountBefore, versionBefore: 1 });
        assert.deepEqual(snapshot(cache.get(after, options)), snapshot(parse(after.getText(), options)));
      }),
      { numRuns: 300 },
    );
  });
});
