// The client's settings within package.json's schema (client/src/settingSchema.ts).

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { checkedValue, settingSchema } from '../../../client/src/settingSchema';
import { readRepoFile, readRepoJson } from './helpers';

const schema = settingSchema(readRepoJson('package.json'));

suite('Settings', () => {
  test('A reading pace out of the schema\'s range is brought within it; one of the wrong type gives the default', () => {
    assert.equal(checkedValue(schema, 'tigang.charactersPerMinute', 1), 60);
    assert.equal(checkedValue(schema, 'tigang.charactersPerMinute', 5000), 1000);
    assert.equal(checkedValue(schema, 'tigang.charactersPerMinute', 180.5), 180.5);
    assert.equal(checkedValue(schema, 'tigang.charactersPerMinute', 'fast'), 220);
    assert.equal(checkedValue(schema, 'tigang.charactersPerMinute', Number.NaN), 220);
  });

  test('Integers are rounded down, enums and booleans keep only their values, arrays their items\' type', () => {
    assert.equal(checkedValue(schema, 'tigang.outline.initialExpandDepth', 2.7), 2);
    assert.equal(checkedValue(schema, 'tigang.outline.initialExpandDepth', -3), 0);
    assert.equal(checkedValue(schema, 'tigang.outlineFormat', 'html'), 'text');
    assert.equal(checkedValue(schema, 'tigang.outlineFormat', 'markdown'), 'markdown');
    assert.equal(checkedValue(schema, 'tigang.reopenGbkFiles', 'yes'), true);
    assert.deepEqual(checkedValue(schema, 'tigang.languages', ['plaintext', 3, 'markdown']), ['plaintext', 'markdown']);
  });

  test('An unset setting is the schema\'s default', () => {
    assert.equal(checkedValue(schema, 'tigang.charactersPerMinute', undefined), 220);
    assert.deepEqual(checkedValue(schema, 'tigang.languages', undefined), ['plaintext']);
  });

  test('Every setting the client reads is in the schema, and the client writes no default of its own', () => {
    const source = readRepoFile('client/src/config.ts');
    const read = [...source.matchAll(/this\.get(?:<[^>]*>)?\('([\w.]+)'/g)].map((m) => m[1]);
    assert.ok(read.length >= 6, `found ${read.length} settings`);
    for (const name of read) assert.ok(schema.has(`tigang.${name}`), `tigang.${name} is in package.json`);
    assert.doesNotMatch(source, /getConfiguration\([^)]*\)\.get(?:<[^>]*>)?\([^)]*,/, 'no default passed to WorkspaceConfiguration.get');
    assert.match(source, /getConfiguration\([^)]*\)\.get\(name\)/, 'settings are read in one place');
  });

  test('A key that is not in the schema is a programming error', () => {
    assert.throws(() => checkedValue(schema, 'tigang.nothing', 1), /not in package\.json/);
  });
});
