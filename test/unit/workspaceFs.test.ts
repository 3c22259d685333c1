// The file-system seam of the server (server/src/workspace/fs.ts): URIs as
// the index spells them (uris.ts), the Node adapter (server/src/node/nodeFs.ts)
// on a temporary folder, and that nothing else on the server reaches for Node.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, suite, test } from 'node:test';
import fc from 'fast-check';
import { nodeFs } from '../../server/src/node/nodeFs';
import { FsError } from '../../server/src/workspace/fs';
import { decodeSegment, displayUri, encodeSegment, isUnder, joinUri, normalizeUri, parentUri, relativePath, uriName } from '../../server/src/workspace/uris';
import { repoRoot } from '../protocol/lspClient';

/** A name of a file: any characters but / and NUL (lone surrogates aside: a disk name is valid Unicode). */
const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => !s.includes('/') && !s.includes('\0') && s !== '.' && s !== '..');

suite('Workspace URIs: one spelling per file', () => {
  test("A path's URI is spelled as Node's pathToFileURL spells it, and normalizing changes nothing more", () => {
    // pathToFileURL drops control characters and spaces that end a name: names here end in a letter.
    fc.assert(
      fc.property(fc.array(name.map((n) => `${n}x`), { minLength: 1, maxLength: 4 }), (names) => {
        const href = pathToFileURL('/' + names.join('/')).href;
        const built = names.reduce(joinUri, 'file:///');
        assert.equal(built, href);
        assert.equal(normalizeUri(href), href);
      }),
    );
  });

  test('Escapes are decoded and written again one way: VS Code’s file:///c%3A/… and file:///C:/… are one drive', () => {
    assert.equal(normalizeUri('file:///c%3A/Users/%E8%AE%B2%E8%AF%9D.txt'), 'file:///c:/Users/%E8%AE%B2%E8%AF%9D.txt');
    assert.equal(normalizeUri('file:///C:/Users/讲话.txt'), 'file:///c:/Users/%E8%AE%B2%E8%AF%9D.txt');
    assert.equal(normalizeUri('FILE:///tmp/a%20b/'), 'file:///tmp/a%20b', 'scheme lower-cased, no trailing slash');
    assert.equal(normalizeUri('file:///tmp/%7e%21'), 'file:///tmp/%7E!', 'one case of hex, and only what must be escaped');
    assert.equal(normalizeUri('file:///tmp/a%2Fb'), 'file:///tmp/a%2Fb', 'an escaped / stays inside its segment');
    assert.equal(normalizeUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  });

  test('Escapes that are not UTF-8 survive decoding as they are', () => {
    assert.equal(decodeSegment('a%FFb%E8%AE%B2'), 'a%FFb讲');
    assert.equal(encodeSegment(decodeSegment('100%')), '100%25');
  });

  test('Joining a name, taking the parent, the name and the relative path undo each other', () => {
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (names) => {
        const folder = 'file:///ws';
        const uri = names.reduce(joinUri, folder);
        assert.equal(relativePath(folder, uri), names.join('/'));
        assert.equal(uriName(uri), names.at(-1));
        assert.equal(parentUri(uri), names.slice(0, -1).reduce(joinUri, folder));
        assert.ok(isUnder(uri, folder));
        assert.ok(!isUnder(folder, uri));
      }),
    );
    assert.equal(parentUri('file:///ws'), 'file:///');
    assert.equal(parentUri('file:///'), undefined);
    assert.equal(isUnder('file:///wsx/a', 'file:///ws'), false, 'a sibling that starts with the same letters');
  });

  test('A document outside the workspace folders is shown by its path', () => {
    assert.equal(displayUri('file:///tmp/%E8%AE%B2.txt'), '/tmp/讲.txt');
    assert.equal(displayUri('file:///c:/a/b.txt'), 'c:/a/b.txt');
    assert.equal(displayUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  });
});

suite('The Node file system', () => {
  let dir: string;
  const at = (rel: string) => pathToFileURL(join(dir, rel)).href;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tigang-nodefs-'));
    mkdirSync(join(dir, '讲话稿'));
    writeFileSync(join(dir, '讲话稿', '一 稿#1.txt'), '一、标题\n');
    symlinkSync(join(dir, '讲话稿'), join(dir, 'link'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('Lists a folder with what each entry is, a link not followed', async () => {
    const entries = await nodeFs.readDirectory(pathToFileURL(dir).href);
    assert.deepEqual(
      entries.map((e) => `${e.name} ${e.type}`).sort(),
      ['link symlink', 'pipe.txt other', '讲话稿 directory'],
    );
    assert.equal((await nodeFs.stat(at('link'))).type, 'directory', 'stat follows the link');
  });

  test('Resolves a link to the canonical URI of its target, so joined names meet it', async () => {
    const real = await nodeFs.realpath(at('link/一 稿#1.txt'));
    assert.equal(real, joinUri(joinUri(pathToFileURL(realpathSync(dir)).href, '讲话稿'), '一 稿#1.txt'));
    assert.equal(real, normalizeUri(real));
  });

  test('Reads a file only when asked to, and opens a FIFO without waiting on it', async () => {
    const declined = await nodeFs.readFile(at('讲话稿/一 稿#1.txt'), () => false);
    assert.equal(declined.bytes, undefined);
    assert.equal(declined.stat.size, Buffer.byteLength('一、标题\n'));
    const read = nodeFs.readFileSync(at('讲话稿/一 稿#1.txt'), () => true);
    assert.equal(new TextDecoder().decode(read.bytes), '一、标题\n');
    const fifo = await nodeFs.readFile(at('pipe.txt'), (s) => s.type === 'file');
    assert.deepEqual([fifo.stat.type, fifo.bytes], ['other', undefined]);
  });

  test('Says what a failure is: missing (also through a file), or a loop', async () => {
    const kind = (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => (e instanceof FsError ? e.kind : `not an FsError: ${String(e)}`));
    assert.equal(await kind(nodeFs.stat(at('none.txt'))), 'missing');
    assert.equal(await kind(nodeFs.readFile(at('讲话稿/一 稿#1.txt/x.txt'), () => true)), 'missing');
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
    assert.equal(await kind(nodeFs.stat(at('loop'))), 'loop');
  });

  test('Watches a folder and names what changed in it by URI', async () => {
    const seen: string[] = [];
    const watch = nodeFs.watch(pathToFileURL(join(dir, '讲话稿')).href, { recursive: false }, (uri) => seen.push(uri), () => undefined);
    try {
      writeFileSync(join(dir, '讲话稿', '二稿.txt'), 'x');
      const deadline = Date.now() + 5000;
      while (!seen.includes(at('讲话稿/二稿.txt')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.ok(seen.includes(at('讲话稿/二稿.txt')), JSON.stringify(seen));
    } finally {
      watch.dispose();
    }
  });
});

suite('The server reaches the disk and the platform only through server/src/node', () => {
  test('No server module outside server/src/node, server/src/cli and serverMain.ts imports a Node built-in or asks for process.platform', () => {
    const server = join(repoRoot(), 'server', 'src');
    const allowed = (rel: string) => rel.startsWith('node/') || rel.startsWith('cli/') || rel === 'serverMain.ts';
    const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? files(join(d, n)) : n.endsWith('.ts') ? [join(d, n)] : []));
    const builtins = /from '(node:[a-z_/]+|fs|fs\/promises|path|os|url|buffer|child_process|worker_threads)'|require\(|process\.platform/;
    const offenders = files(server)
      .map((f) => relative(server, f).split('\\').join('/'))
      .filter((rel) => !allowed(rel) && builtins.test(readFileSync(join(server, rel), 'utf8')));
    assert.deepEqual(offenders, []);
    assert.ok(builtins.test(readFileSync(join(server, 'node', 'nodeFs.ts'), 'utf8')), 'the pattern finds the Node adapter’s own imports');
  });
});
