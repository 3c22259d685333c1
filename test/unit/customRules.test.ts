// Checking user-defined rules (server/src/engine/customRules.ts): a bad rule
// is reported by name and left out; the others keep working.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { compileRules, isNotHeading, matchRule } from '../../server/src/engine/customRules';

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
