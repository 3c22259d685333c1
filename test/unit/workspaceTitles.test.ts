// The files of the workspace index by title and by the names they cite
// (server/src/workspace/titles.ts), kept as files are indexed, changed,
// deleted and renamed: checked against the walk over every file that these
// maps replace (titleMatches on each title), and against a fresh index.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { PlainTextDocument, parseOutline, titleMatches } from '../../server/src/engine';
import { DEFAULT_FOLDER_CONFIG } from '../../server/src/workspace/config';
import { Named, TitleIndex } from '../../server/src/workspace/titles';
import { encodeSegment } from '../../server/src/workspace/uris';
import { OpenDocument, WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { InMemoryFs } from './inMemoryFs';

// ------------------------------------------------------------ the maps alone

/** The files in the maps, as a walk over all of them finds those a name matches: its very title first, then a title ending in it. */
function walkTitled(files: Iterable<Named>, name: string): { exact: string[]; ending: string[] } {
  const exact: string[] = [];
  const ending: string[] = [];
  for (const f of files) {
    const titles = f.titles ?? [];
    if (titles.includes(name)) exact.push(f.key);
    else if (titles.some((t) => titleMatches(t, name))) ending.push(f.key);
  }
  return { exact: exact.sort(), ending: ending.sort() };
}

/** The files a walk over all of them finds citing one of these titles. */
function walkCiting(files: Iterable<Named>, titles: readonly string[]): string[] {
  return [...files].filter((f) => f.cites?.some((name) => titles.some((t) => titleMatches(t, name)))).map((f) => f.key).sort();
}

/** What the maps answer for a name, in the walk's terms (the exact ones apart from those ending in it). */
function mapTitled(index: TitleIndex, name: string): { exact: string[]; ending: string[] } {
  const exact = [...index.titled(name)];
  return { exact: exact.sort(), ending: [...index.titledEnding(name)].filter((k) => !exact.includes(k)).sort() };
}

const mapCiting = (index: TitleIndex, titles: readonly string[]) => [...index.citing(titles)].sort();

/** A TitleIndex holding these files, added one after another. */
function indexOf(...files: Named[]): TitleIndex {
  const index = new TitleIndex();
  for (const f of files) index.add(f);
  return index;
}

const CRIMINAL: Named = { key: 'a', titles: ['中华人民共和国刑法', 'criminal'] };
const SHORT: Named = { key: 'b', titles: ['刑法'] };
const RULES: Named = { key: 'c', titles: ['某市实施办法', 'rules'], cites: ['刑法', '《某市公共数据管理条例》'] };

suite('Titles of the workspace index: the maps', () => {
  test('A name finds the file of that very title, and the files whose title ends in it', () => {
    const index = indexOf(CRIMINAL, SHORT, RULES);
    assert.deepEqual([...index.titled('刑法')], ['b']);
    assert.deepEqual([...index.titledEnding('刑法')].sort(), ['a', 'b']);
    assert.deepEqual([...index.titledEnding('中华人民共和国刑法')], ['a'], 'nine characters: looked up under its last eight');
    assert.deepEqual([...index.titledEnding('人民共和国刑法')], ['a'], 'seven: under its last four');
    assert.deepEqual([...index.titledEnding('和国刑法')], ['a']);
    assert.deepEqual([...index.titledEnding('《中华人民共和国 刑法（2020年修正）》')], ['a'], 'normalised as titleMatches does');
    assert.deepEqual([...index.titledEnding('法')], [], 'one character names no document');
    assert.deepEqual([...index.titledEnding('民法')], []);
  });

  test('A file citing a name is found by every title ending in that name', () => {
    const index = indexOf(CRIMINAL, SHORT, RULES);
    assert.deepEqual([...index.citing(['中华人民共和国刑法'])], ['c']);
    assert.deepEqual([...index.citing(['刑法'])], ['c']);
    assert.deepEqual([...index.citing(['某市公共数据管理条例'])], ['c'], 'the cited 《title》 normalised');
    assert.deepEqual([...index.citing(['公共数据管理条例'])], [], 'a title shorter than the name cited is not that document');
    assert.deepEqual([...index.citing(['某市实施办法'])], []);
  });

  test('A changed file is filed under its new names only; a deleted one under none, and the maps empty again', () => {
    const index = indexOf(CRIMINAL, RULES);
    const renamed: Named = { key: 'a', titles: ['中华人民共和国民法典', 'civil'], cites: ['刑法'] };
    index.remove(CRIMINAL);
    index.add(renamed);
    assert.deepEqual([...index.titledEnding('刑法')], []);
    assert.deepEqual([...index.titledEnding('民法典')], ['a']);
    assert.deepEqual([...index.citing(['中华人民共和国刑法'])].sort(), ['a', 'c']);
    index.remove(renamed);
    index.remove(RULES);
    assert.deepEqual(index.sizes, { titles: 0, endings: 0, cited: 0 });
  });

  test('Two files of the same title are both filed under it, and the second stays when the first goes', () => {
    const copy: Named = { key: 'z', titles: ['中华人民共和国刑法', 'copy'] };
    const index = indexOf(CRIMINAL, copy);
    assert.deepEqual([...index.titled('中华人民共和国刑法')].sort(), ['a', 'z']);
    assert.deepEqual([...index.titledEnding('刑法')].sort(), ['a', 'z']);
    index.remove(CRIMINAL);
    assert.deepEqual([...index.titled('中华人民共和国刑法')], ['z']);
    assert.deepEqual([...index.titledEnding('刑法')], ['z'], 'the title is still filed under its endings');
  });

  test('A file whose first line is its file name goes by that title once', () => {
    const index = indexOf({ key: 'a', titles: ['刑法', '刑法'] });
    index.remove({ key: 'a', titles: ['刑法', '刑法'] });
    assert.deepEqual(index.sizes, { titles: 0, endings: 0, cited: 0 });
  });

  const title = fc.array(fc.constantFrom('中华', '人民', '共和国', '刑法', '民法典', '某市', '条例', '法', 'x'), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
  const named = fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd', 'e'), titles: fc.array(title, { maxLength: 3 }), cites: fc.option(fc.array(title, { minLength: 1, maxLength: 3 }), { nil: undefined }) });

  test('After any sequence of files set and deleted, the maps answer what a walk over the files answers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(named, fc.boolean()), { maxLength: 30 }), fc.array(title, { minLength: 1, maxLength: 6 }), (steps, queries) => {
        const index = new TitleIndex();
        const files = new Map<string, Named>();
        for (const [file, deleting] of steps) {
          // As FileTable.set and delete do: the entry a key held goes before the new one comes.
          const old = files.get(file.key);
          if (old !== undefined) index.remove(old);
          if (deleting) files.delete(file.key);
          else {
            files.set(file.key, file);
            index.add(file);
          }
        }
        for (const q of queries) {
          assert.deepEqual(mapTitled(index, q), walkTitled(files.values(), q), `titled ${q}`);
          assert.deepEqual(mapCiting(index, [q]), walkCiting(files.values(), [q]), `citing ${q}`);
        }
        assert.deepEqual(mapCiting(index, queries), walkCiting(files.values(), queries));
        if (files.size === 0) assert.deepEqual(index.sizes, { titles: 0, endings: 0, cited: 0 });
      }),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------ in the index

const ROOT = 'file:///ws';
const at = (rel: string) => `${ROOT}/${rel.split('/').map(encodeSegment).join('/')}`;
const file = (uri: string) => decodeURIComponent(uri.slice(ROOT.length + 1));

async function indexed(fs: InMemoryFs): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex({ log: () => undefined, openDocument: () => undefined }, fs, { watch: false });
  index.addFolder({ uri: ROOT, name: 'ws', config: DEFAULT_FOLDER_CONFIG });
  await index.whenIdle();
  return index;
}

/** What the index answers for a few names and titles. */
function answers(index: WorkspaceIndex): Record<string, string[]> {
  return {
    刑法: index.documentsTitled('刑法').map(file),
    中华人民共和国刑法: index.documentsTitled('中华人民共和国刑法').map(file),
    数据条例: index.documentsTitled('某市公共数据管理条例').map(file),
    'citing 刑法': index.documentsCiting(['中华人民共和国刑法']).map(file),
    'citing 条例': index.documentsCiting(['某市公共数据管理条例']).map(file),
  };
}

async function freshAnswers(fs: InMemoryFs): Promise<Record<string, string[]>> {
  const fresh = await indexed(fs);
  const found = answers(fresh);
  fresh.dispose();
  return found;
}

function workspace(): InMemoryFs {
  return new InMemoryFs()
    .write(at('laws/criminal.txt'), '中华人民共和国刑法\n第十七条　已满十六周岁的人犯罪，应当负刑事责任。\n')
    .write(at('laws/data.txt'), '某市公共数据管理条例\n第二条　本条例所称公共数据。\n')
    .write(at('rules/a.txt'), '某市实施办法\n第一条　依照刑法第十七条和《某市公共数据管理条例》第二条制定。\n')
    .write(at('rules/b.txt'), '某区细则\n第一条　依照《某市公共数据管理条例》第二条制定。\n');
}

suite('Titles of the workspace index: files indexed, changed, deleted and renamed', () => {
  test('Each change is in the answers as soon as the index has read it again, and they are a fresh index’s', async () => {
    const fs = workspace();
    const index = await indexed(fs);
    assert.deepEqual(answers(index), {
      刑法: ['laws/criminal.txt'],
      中华人民共和国刑法: ['laws/criminal.txt'],
      数据条例: ['laws/data.txt'],
      'citing 刑法': ['rules/a.txt'],
      'citing 条例': ['rules/a.txt', 'rules/b.txt'],
    });
    const steps: [string, () => string[]][] = [
      ['a first line changed', () => (fs.write(at('laws/data.txt'), '某市数据条例\n第二条　数据。\n'), ['laws/data.txt'])],
      ['a citation dropped', () => (fs.write(at('rules/a.txt'), '某市实施办法\n第一条　依照刑法第十七条制定。\n'), ['rules/a.txt'])],
      ['a file named 刑法 added', () => (fs.write(at('刑法.txt'), '第一条　示例。\n'), ['刑法.txt'])],
      ['a file deleted', () => (fs.remove(at('rules/b.txt')), ['rules/b.txt'])],
      ['a folder renamed', () => (fs.rename(at('laws'), at('old laws')), ['laws', 'old laws'])],
      ['a file renamed to the title it is cited by', () => (fs.rename(at('刑法.txt'), at('rules/某市公共数据管理条例.txt')), ['刑法.txt', 'rules/某市公共数据管理条例.txt'])],
    ];
    for (const [what, change] of steps) {
      const before = JSON.stringify(answers(index));
      for (const rel of change()) index.changed(at(rel), 'unknown');
      await index.whenIdle();
      const expected = await freshAnswers(fs);
      assert.notEqual(JSON.stringify(expected), before, `${what} changes the answers`);
      assert.deepEqual(answers(index), expected, what);
    }
    assert.deepEqual(answers(index).数据条例, ['rules/某市公共数据管理条例.txt']);
    index.dispose();
  });

  test('A file deleted, then made again with another title, is found by its new title only', async () => {
    const fs = workspace();
    const index = await indexed(fs);
    fs.remove(at('laws/criminal.txt'));
    index.changed(at('laws/criminal.txt'), 'unknown');
    await index.whenIdle();
    assert.deepEqual(index.documentsTitled('刑法'), []);
    fs.write(at('laws/criminal.txt'), '中华人民共和国民法典\n第一条　示例。\n');
    index.changed(at('laws/criminal.txt'), 'created');
    await index.whenIdle();
    assert.deepEqual(index.documentsTitled('刑法'), []);
    assert.deepEqual(index.documentsTitled('民法典').map(file), ['laws/criminal.txt']);
    assert.deepEqual(answers(index), await freshAnswers(fs));
    index.dispose();
  });

  test('An open document stands in for its file: the file is not named while it is open, and is again once it closes', async () => {
    const fs = workspace();
    const open = new Map<string, OpenDocument>();
    const index = new WorkspaceIndex({ log: () => undefined, openDocument: (key) => open.get(key) }, fs, { watch: false });
    index.addFolder({ uri: ROOT, name: 'ws', config: DEFAULT_FOLDER_CONFIG });
    await index.whenIdle();
    const uri = at('rules/a.txt');
    open.set(uri, { uri, outline: (options) => parseOutline(new PlainTextDocument(uri, '某市实施办法\n'), options) });
    index.documentChanged(uri);
    assert.deepEqual(index.documentsCiting(['中华人民共和国刑法']), [], 'before any query took its text');
    index.search('', 10); // takes the open document's text
    assert.deepEqual(index.documentsCiting(['中华人民共和国刑法']), []);
    assert.deepEqual(index.documentsTitled('某市实施办法'), []);
    open.delete(uri);
    index.documentClosed(uri);
    await index.whenIdle();
    assert.deepEqual(index.documentsCiting(['中华人民共和国刑法']).map(file), ['rules/a.txt']);
    assert.deepEqual(answers(index), await freshAnswers(fs));
    index.dispose();
  });

  test('Two files of the same title are both named, in workspace order, and the one left answers alone when the first is deleted', async () => {
    // §9 names "the document of that title"; with two, the server takes the first in workspace order it can read (service.ts findDocumentByTitle).
    const fs = workspace().write(at('copies/criminal.txt'), '中华人民共和国刑法\n第十七条　另一份。\n');
    const index = await indexed(fs);
    assert.deepEqual(index.documentsTitled('中华人民共和国刑法').map(file), ['copies/criminal.txt', 'laws/criminal.txt']);
    fs.remove(at('copies/criminal.txt'));
    index.deleted(at('copies/criminal.txt'));
    assert.deepEqual(index.documentsTitled('中华人民共和国刑法').map(file), ['laws/criminal.txt']);
    index.dispose();
  });
});
