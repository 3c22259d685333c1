// The settings pipeline (server/src/configuration.ts): one table of defaults
// and bounds that must say what package.json says, one normalisation, one
// cache per scope.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigurationManager, DEFAULT_SETTINGS, SETTINGS, normalizeSettings, parsingFingerprint } from '../../server/src/configuration';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Record<string, unknown>> } };
};
const declared = manifest.contributes.configuration.properties;

describe('The settings table', () => {
  for (const [key, spec] of Object.entries(SETTINGS)) {
    it(`tigang.${key} has package.json's type, default, minimum and maximum`, () => {
      const schema = declared[`tigang.${key}`];
      assert.ok(schema, `package.json declares tigang.${key}`);
      assert.equal(schema.type, spec.type);
      assert.deepEqual(schema.default, spec.default);
      for (const bound of ['minimum', 'maximum', 'exclusiveMinimum'] as const) {
        assert.equal(schema[bound], (spec as Record<string, unknown>)[bound], `${bound} of tigang.${key}`);
      }
    });
  }
});

describe('Normalising what a client sends', () => {
  it('gives the defaults for nothing, null or nonsense', () => {
    for (const raw of [undefined, null, 'nonsense', 3, []]) assert.deepEqual(normalizeSettings(raw, raw), DEFAULT_SETTINGS);
  });

  it('clamps numbers to the schema bounds and keeps booleans', () => {
    const s = normalizeSettings({ enumerations: false, maxNameLength: 5, charactersPerMinute: 1 });
    assert.equal(s.enumerations, false);
    assert.equal(s.maxNameLength, SETTINGS.maxNameLength.minimum);
    assert.equal(s.charactersPerMinute, SETTINGS.charactersPerMinute.minimum);
    assert.equal(normalizeSettings({ maxNameLength: 10_000 }).maxNameLength, SETTINGS.maxNameLength.maximum);
  });

  it('takes the default for a file size at or below its exclusive minimum', () => {
    assert.equal(normalizeSettings({ files: { maxFileSizeMB: 0 } }).files.maxFileSizeMB, 20);
    assert.equal(normalizeSettings({ files: { maxFileSizeMB: 0.5 } }).files.maxFileSizeMB, 0.5);
  });

  it("adds VS Code's files.exclude after tigang.files.exclude", () => {
    const s = normalizeSettings({ files: { exclude: { '**/drafts': true, '**/old': false } } }, { exclude: { '**/.svn': true } });
    assert.deepEqual(s.files.exclude, [{ glob: '**/drafts' }, { glob: '**/.svn' }]);
  });
});

describe('User-defined rules in the settings (docs/headings.md §10)', () => {
  it('are compiled when read, their errors kept, and change the parsing fingerprint', () => {
    const none = normalizeSettings({});
    const acts = normalizeSettings({ customRules: [{ pattern: '第[一二三]幕', rank: 3 }, { pattern: '(', rank: 3 }], notHeadings: ['一是因为'] });
    assert.deepEqual(acts.rules.headings.map((r) => r.source), ['第[一二三]幕']);
    assert.deepEqual(acts.rules.errors.map((e) => `${e.setting}[${e.index}] ${e.problem}`), ['customRules[1] invalidPattern']);
    assert.notEqual(parsingFingerprint(acts), parsingFingerprint(none));
    assert.equal(parsingFingerprint(normalizeSettings({ customRules: [{ pattern: '第[一二三]幕', rank: 3 }, { pattern: '(', rank: 3 }], notHeadings: ['一是因为'], maxNameLength: 12 })), parsingFingerprint(acts), 'names do not change how a document parses');
    assert.equal(normalizeSettings({ customRules: 'nonsense' }).rules.fingerprint, '');
  });

  it('are compiled once for every scope that reads the same rules', () => {
    const raw = { customRules: [{ pattern: '第[一二三]场', rank: 4 }] };
    assert.equal(normalizeSettings(raw).rules, normalizeSettings(JSON.parse(JSON.stringify(raw))).rules);
  });

  it('are told to the listeners of every read, pulled or pushed', async () => {
    const manager = new ConfigurationManager({ pull: async () => [{ customRules: [{ pattern: '幕' }] }, null] });
    const read: string[] = [];
    manager.onDidRead((s) => read.push(...s.rules.errors.map((e) => e.problem)));
    manager.initialize({ pull: true });
    await manager.get('file:///a.txt');
    manager.initialize({ pull: false });
    manager.changed({ tigang: { customRules: [{ pattern: '幕', rank: 0 }] } });
    assert.deepEqual(read, ['missingRank', 'rankOutOfRange']);
  });
});

describe('ConfigurationManager', () => {
  function pulling() {
    const asked: (string | undefined)[] = [];
    let answer: [unknown, unknown] = [{ maxNameLength: 20 }, null];
    const manager = new ConfigurationManager({
      pull: async (scope) => {
        asked.push(scope);
        return answer;
      },
    });
    manager.initialize({ pull: true });
    return { manager, asked, answer: (next: [unknown, unknown]) => (answer = next) };
  }

  it('asks once per scope and caches the answer until the client says settings changed', async () => {
    const { manager, asked, answer } = pulling();
    assert.equal((await manager.get('file:///a.txt')).maxNameLength, 20);
    await manager.get('file:///a.txt');
    await manager.get('file:///b.txt');
    assert.deepEqual(asked, ['file:///a.txt', 'file:///b.txt']);
    answer([{ maxNameLength: 30 }, null]);
    let changes = 0;
    manager.onDidChange(() => changes++);
    manager.changed(null);
    assert.equal(changes, 1, 'one change event');
    assert.equal((await manager.get('file:///a.txt')).maxNameLength, 30);
  });

  it('never asks a client that cannot answer, and reads what it pushes', async () => {
    const manager = new ConfigurationManager({ pull: () => assert.fail('asked a client that cannot answer') });
    manager.initialize({ pull: false });
    assert.deepEqual(await manager.get('file:///a.txt'), DEFAULT_SETTINGS);
    manager.changed({ tigang: { enumerations: false } });
    assert.equal((await manager.get('file:///a.txt')).enumerations, false);
    manager.changed({ files: { exclude: { '**/x': true } } });
    const s = await manager.get(undefined);
    assert.equal(s.enumerations, false, 'a push of one section keeps the other');
    assert.deepEqual(s.files.exclude.at(-1), { glob: '**/x' });
  });

  it('falls back to the pushed settings when the client fails to answer', async () => {
    const logs: string[] = [];
    const manager = new ConfigurationManager({ pull: () => Promise.reject(new Error('no')) }, (m) => logs.push(m));
    manager.initialize({ pull: true });
    assert.deepEqual(await manager.get('file:///a.txt'), DEFAULT_SETTINGS);
    assert.equal(logs.length, 1);
  });
});
