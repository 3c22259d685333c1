// Which files the workspace index reads and how: VS Code globs, the folder
// settings, and reading, decoding and parsing large files in slices.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, suite, test } from 'node:test';
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { decodeText, decodeTextSliced } from '../../server/src/decode';
import { PlainTextDocument, parseOutline } from '../../server/src/engine';
import { DEFAULT_FOLDER_CONFIG, folderConfig, sameSelection } from '../../server/src/workspace/config';
import { compileExcludes, compileGlob } from '../../server/src/workspace/glob';
import { nodeFs } from '../../server/src/node/nodeFs';
import { decodeSliced, parseSliced, readPath } from '../../server/src/workspace/reader';
import { TimeSlicer } from '../../server/src/workspace/slices';

function matches(glob: string, ...paths: string[]): boolean[] {
  const m = compileGlob(glob);
  return paths.map((p) => m(p));
}

suite('Workspace files: globs as VS Code writes them', () => {
  test('**/*.txt matches .txt files at any depth and nothing else', () => {
    assert.deepEqual(matches('**/*.txt', 'a.txt', 'x/y/a.txt', 'a.md', 'a.txt/b', 'a.txtx', '.hidden.txt'), [true, true, false, false, false, true]);
  });

  test('* and ? stay within one path segment; ** spans any number of them, none included', () => {
    assert.deepEqual(matches('*.txt', 'a.txt', 'x/a.txt'), [true, false]);
    assert.deepEqual(matches('?.txt', 'a.txt', 'ab.txt', '/.txt'), [true, false, false]);
    assert.deepEqual(matches('a/**/b.txt', 'a/b.txt', 'a/x/y/b.txt', 'ab.txt'), [true, true, false]);
    assert.deepEqual(matches('docs/**', 'docs', 'docs/a', 'docs/a/b', 'docsx'), [true, true, true, false]);
    assert.deepEqual(matches('**', 'a', 'a/b/c'), [true, true]);
  });

  test('Braces give alternatives, nested too; brackets give character classes', () => {
    assert.deepEqual(matches('**/*.{txt,md}', 'a.txt', 'b/a.md', 'a.doc'), [true, true, false]);
    assert.deepEqual(matches('{a,{b,c}}.txt', 'a.txt', 'c.txt', 'd.txt'), [true, true, false]);
    assert.deepEqual(matches('{**/drafts,tmp}', 'drafts', 'x/drafts', 'tmp', 'x/tmp'), [true, true, true, false]);
    assert.deepEqual(matches('[ab].txt', 'a.txt', 'c.txt'), [true, false]);
    assert.deepEqual(matches('[!a].txt', 'a.txt', 'c.txt'), [false, true]);
    assert.deepEqual(matches('[0-9]*.txt', '2024年.txt', '总结.txt'), [true, false]);
  });

  test('Regular-expression characters in a glob are literal, and Chinese names match as written', () => {
    assert.deepEqual(matches('a+b (1).txt', 'a+b (1).txt', 'aab (1).txt'), [true, false]);
    assert.deepEqual(matches('**/讲话稿/*.txt', '2024/讲话稿/一.txt', '2024/报告/一.txt'), [true, false]);
  });

  test('Globs ignore case only where the file system does (WorkspaceFs.ignoresCase)', () => {
    assert.deepEqual([compileGlob('**/*.txt')('A.TXT'), compileGlob('**/*.txt', true)('A.TXT')], [false, true]);
    assert.equal(folderConfig(null, { exclude: { '**/Drafts': true } }, true).excluder.excludes('drafts/a.txt'), true);
    assert.equal(sameSelection(folderConfig(null, null, true), folderConfig(null, null, false)), false);
  });

  test('An excluded folder excludes everything in it; `when` excludes only beside a sibling', () => {
    const ex = compileExcludes([{ glob: '**/node_modules' }, { glob: '**/*.txt', when: '$(basename).md' }]);
    assert.equal(ex.excludes('node_modules/a/b.txt'), true);
    assert.equal(ex.excludes('x/node_modules'), true);
    assert.equal(ex.matches('node_modules/a/b.txt'), false, 'matches() looks at the path itself only');
    assert.equal(ex.excludes('notes.txt', (name) => name === 'notes.md'), true);
    assert.equal(ex.excludes('notes.txt', () => false), false);
    assert.equal(ex.excludes('notes.txt'), false, 'without a way to look at siblings, `when` does not exclude');
  });
});

suite('Workspace files: folder settings', () => {
  test('Defaults: **/*.txt, node_modules and .git excluded, 20 MB', () => {
    const c = DEFAULT_FOLDER_CONFIG;
    assert.deepEqual(c.include, ['**/*.txt']);
    assert.equal(c.excluder.excludes('node_modules/a.txt'), true);
    assert.equal(c.excluder.excludes('sub/.git/a.txt'), true);
    assert.equal(c.maxBytes, 20 * 1048576);
    assert.equal(c.enumerations, true);
  });

  test('include may be a glob or a list; exclude a list or an object like files.exclude; files.exclude adds to it', () => {
    const c = folderConfig({ files: { include: '**/*.md', exclude: { '**/drafts': true, '**/node_modules': false } } }, { exclude: { '**/.svn': true } });
    assert.deepEqual(c.include, ['**/*.md']);
    assert.equal(c.excluder.excludes('drafts/a.md'), true);
    assert.equal(c.excluder.excludes('node_modules/a.md'), false, 'false turns a pattern off');
    assert.equal(c.excluder.excludes('.svn/a.md'), true);
    const listed = folderConfig({ files: { include: ['**/*.txt', '**/*.text'], exclude: ['**/old'] } }, null);
    assert.equal(listed.isIncluded('a.text'), true);
    assert.equal(listed.excluder.excludes('old/a.txt'), true);
  });

  test('Malformed values fall back to the defaults; maxFileSizeMB may be a fraction', () => {
    const c = folderConfig({ files: { include: 3, exclude: 'x', maxFileSizeMB: -1 }, enumerations: 'yes' }, 'nonsense');
    assert.deepEqual(c.include, ['**/*.txt']);
    assert.equal(c.maxBytes, 20 * 1048576);
    assert.equal(c.enumerations, true);
    assert.equal(folderConfig({ files: { maxFileSizeMB: 0.5 } }, null).maxBytes, 524288);
  });

  test('Only changes to what is read, and how, make a folder be read again', () => {
    const base = folderConfig({ maxNameLength: 40 }, null);
    assert.equal(sameSelection(base, folderConfig({ maxNameLength: 20 }, null)), true);
    assert.equal(sameSelection(base, folderConfig({ enumerations: false }, null)), false);
    assert.equal(sameSelection(base, folderConfig({ files: { include: '**/*.md' } }, null)), false);
  });
});

suite('Workspace files: reading, decoding and parsing in slices', () => {
  let dir: string;
  const slicer = new TimeSlicer(1);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tigang-reader-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A text of ~2.5 MB whose multi-byte characters straddle every 1 MB slice boundary somewhere. */
  const big = Array.from({ length: 80000 }, (_, i) => (i % 7 === 0 ? `${(i % 9) + 1}. 第${i}项要求𠀀` : `　　正文内容，共计${i}个字。`)).join('\n');

  test('Gives the same text as decodeText for large UTF-8, UTF-8 with BOM, UTF-16 LE/BE and GB18030 files', async () => {
    const gb = gb18030(big);
    const inputs: [string, Uint8Array][] = [
      ['utf-8', Buffer.from(big, 'utf8')],
      ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(big, 'utf8')])],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(big, 'utf16le')])],
      ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(big, 'utf16le').swap16()])],
      ['gb18030', gb],
    ];
    for (const [encoding, bytes] of inputs) {
      assert.ok(bytes.length > 2 * 1048576, `${encoding} input is large enough to be sliced`);
      const sliced = await decodeSliced(bytes, slicer);
      assert.deepEqual(sliced, decodeText(bytes), encoding);
      assert.equal('text' in sliced && sliced.encoding, encoding);
    }
  });

  test('Without a BOM or NUL, bytes are UTF-8 exactly when they are valid UTF-8, else GB18030 if they decode as it, else binary', () => {
    // Random bytes, and UTF-8 text with a byte changed here and there.
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })), { maxLength: 2 })).map(([text, edits]) => {
        const b = Buffer.from(text, 'utf8');
        for (const [at, value] of edits) if (b.length > 0) b[at % b.length] = value;
        return b;
      }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        fc.pre(!b.includes(0) && !(b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) && !(b[0] === 0xff && b[1] === 0xfe) && !(b[0] === 0xfe && b[1] === 0xff));
        const decoded = decodeText(b);
        if (isUtf8(b)) assert.deepEqual(decoded, { text: Buffer.from(b).toString('utf8'), encoding: 'utf-8' });
        else {
          let gb: string | undefined;
          try {
            gb = new TextDecoder('gb18030', { fatal: true }).decode(b);
          } catch {
            gb = undefined;
          }
          assert.deepEqual(decoded, gb === undefined ? { binary: true } : { text: gb, encoding: 'gb18030' });
        }
      }),
    );
  });

  test('Decoding in slices of a few bytes gives what decoding at once gives, for any bytes', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((t) => Buffer.from(t, 'utf8')),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.integer({ min: 1, max: 7 }), async (b, slice) => {
        assert.deepEqual(await decodeTextSliced(b, async () => undefined, slice), decodeText(b));
      }),
    );
  });

  test('Finds large binary files binary, as decodeText does', async () => {
    const withNul = Buffer.alloc(3 * 1048576, 0x41);
    withNul[100] = 0;
    assert.deepEqual(await decodeSliced(withNul, slicer), { binary: true });
    const invalid = Buffer.alloc(3 * 1048576, 0x41);
    invalid[2 * 1048576] = 0xff; // not UTF-8, and 0xFF starts no GB18030 sequence
    assert.deepEqual(await decodeSliced(invalid, slicer), decodeText(invalid));
    assert.deepEqual(await decodeSliced(invalid, slicer), { binary: true });
  });

  test('Parses in slices to the same outline as parseOutline', async () => {
    const doc = new PlainTextDocument('file:///big.txt', `一、总体要求\n${big}\n二、保障措施\n（一）加强领导`);
    const whole = parseOutline(doc);
    const sliced = await parseSliced(doc, { enumerations: true }, slicer);
    const flat = (o: typeof whole) => o.headings.map((h) => [h.name, h.line, h.parent?.line, h.endLine]);
    assert.deepEqual(flat(sliced), flat(whole));
    assert.ok(whole.headings.length > 4000);
  });

  test('Reads a regular file on disk, and says what else a path is: missing, a folder, too large, unchanged, a FIFO', async () => {
    const file = join(dir, 'a.txt');
    const at = (path: string) => pathToFileURL(path).href;
    writeFileSync(file, '一、标题\n');
    const read = await readPath(nodeFs, at(file), 1000);
    assert.equal(read.kind, 'file');
    const { mtimeMs, size } = statSync(file);
    assert.deepEqual(await readPath(nodeFs, at(file), 1000, { mtimeMs, size }), { kind: 'unchanged' });
    assert.equal((await readPath(nodeFs, at(file), 3)).kind, 'skipped');
    assert.deepEqual(await readPath(nodeFs, at(join(dir, 'none.txt')), 1000), { kind: 'missing' });
    assert.deepEqual(await readPath(nodeFs, at(join(file, 'under-a-file.txt')), 1000), { kind: 'missing' });
    mkdirSync(join(dir, 'sub'));
    assert.deepEqual(await readPath(nodeFs, at(join(dir, 'sub')), 1000), { kind: 'directory' });
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    assert.deepEqual(await readPath(nodeFs, at(join(dir, 'pipe.txt')), 1000), { kind: 'skipped', reason: 'not a regular file' });
  });
});

/** GB18030 bytes of a text, from a table built by decoding every two-byte sequence. */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      try {
        const ch = decoder.decode(Uint8Array.from([a, b]));
        if (!table.has(ch)) table.set(ch, [a, b]);
      } catch {
        // not a two-byte sequence
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (table.has(ch)) out.push(...table.get(ch)!);
    else out.push(0x3f); // outside the two-byte range (𠀀): a ? will do here
  }
  return Buffer.from(out);
}
