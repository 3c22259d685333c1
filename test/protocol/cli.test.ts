// The `tigang outline` command, run as a user would: node dist/cli.js.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TIMEOUT_MS, repoRoot } from './lspClient';

const CLI = join(repoRoot(), 'dist', 'cli.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …args`, feeding `input` on stdin; killed if it outlives TIMEOUT_MS. */
function tigang(args: readonly string[], input?: string | Buffer): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tigang ${args.join(' ')} did not finish within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the CLI may exit before reading stdin
    child.stdin.end(input);
  });
}

const NOTICE = [
  '关于做好工作的通知', // 1
  '', // 2
  '一、总体要求', // 3
  '（一）强化联防联控，坚决守住防线。要坚持预防为主。', // 4
  '1.每季度召开一次会议', // 5
  '会议由办公室召集。', // 6
  '（二）完善工作机制和管理办法，建立健全长效管理制度', // 7
  '', // 8
  '二、保障措施', // 9
  '一是加强组织领导，把工作摆在突出位置。要明确责任。', // 10
  '二是完善经费保障。', // 11
  '', // 12
].join('\n');

const NOTICE_OUTLINE = [
  '一、总体要求',
  '  （一）强化联防联控，坚决守住防线',
  '    1.每季度召开一次会议',
  '  （二）完善工作机制和管理办法，建立健全长效管理制度',
  '二、保障措施',
  '  一是加强组织领导，把工作摆在突出位置',
  '  二是完善经费保障',
  '',
].join('\n');

/** 第一章 / 一、总则 / 二、总则 / 第二章 / 一、总则 in GBK, written byte by byte. */
const GBK: Record<string, number[]> = {
  一: [0xd2, 0xbb],
  二: [0xb6, 0xfe],
  '、': [0xa1, 0xa2],
  总: [0xd7, 0xdc],
  则: [0xd4, 0xf2],
  第: [0xb5, 0xda],
  章: [0xd5, 0xc2],
  '\n': [0x0a],
};
const GBK_TEXT = '第一章\n一、总则\n二、总则\n第二章\n一、总则\n';
const GBK_OUTLINE = '第一章\n  一、总则\n  二、总则\n第二章\n  一、总则\n';

describe('tigang outline', { concurrency: true }, () => {
  let dir = '';
  const file = (name: string) => join(dir, name);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tigang-cli-'));
    writeFileSync(file('notice.txt'), NOTICE);
    writeFileSync(file('crlf.txt'), NOTICE.replace(/\n/g, '\r\n'));
    writeFileSync(file('bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(NOTICE, 'utf8')]));
    const utf16le = Buffer.from(NOTICE, 'utf16le');
    writeFileSync(file('utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le]));
    writeFileSync(file('utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf16le).swap16()]));
    writeFileSync(file('gbk.txt'), Buffer.from([...GBK_TEXT].flatMap((ch) => GBK[ch])));
    writeFileSync(file('chapters.txt'), '第一章 总则\n第一条 目的\n\n第二章 分则\n第二条 范围\n');
    writeFileSync(file('image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    mkdirSync(file('folder'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the outline as indented text', async () => {
    const run = await tigang(['outline', file('notice.txt')]);
    assert.deepEqual(run, { code: 0, stdout: NOTICE_OUTLINE, stderr: '' });
  });

  it('prints JSON { name, style, rank, line, endLine, children } with 1-based lines and endLine the last line of the section', async () => {
    const run = await tigang(['outline', '--json', file('notice.txt')]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    const node = (name: string, style: string, rank: number, line: number, endLine: number, children: unknown[] = []) => ({ name, style, rank, line, endLine, children });
    assert.deepEqual(json, [
      node('一、总体要求', 'item', 5, 3, 7, [
        node('（一）强化联防联控，坚决守住防线', 'paren-cn', 6, 4, 6, [node('1.每季度召开一次会议', 'arabic', 7, 5, 6)]),
        node('（二）完善工作机制和管理办法，建立健全长效管理制度', 'paren-cn', 6, 7, 7),
      ]),
      node('二、保障措施', 'item', 5, 9, 11, [node('一是加强组织领导，把工作摆在突出位置', 'enumeration', 10, 10, 10), node('二是完善经费保障', 'enumeration', 10, 11, 11)]),
    ]);
    for (const top of json) assert.deepEqual(Object.keys(top), ['name', 'style', 'rank', 'line', 'endLine', 'children']);
  });

  it('shows only the top level with --depth 1', async () => {
    assert.deepEqual(await tigang(['outline', '--depth', '1', file('notice.txt')]), { code: 0, stdout: '一、总体要求\n二、保障措施\n', stderr: '' });
  });

  it('leaves out 一是 points with --no-enumerations and shortens names with --max-name-length', async () => {
    const run = await tigang(['outline', '--no-enumerations', '--max-name-length', '20', file('notice.txt')]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, ['一、总体要求', '  （一）强化联防联控，坚决守住防线', '    1.每季度召开一次会议', '  （二）完善工作机制和管理办法…', '二、保障措施', ''].join('\n'));
  });

  it('reads user-defined rules with --rules FILE: an array of tigang.customRules, or an object as in settings.json', async () => {
    writeFileSync(file('play.txt'), '第一幕　开场\n一、人物\n第二幕　冲突\n一是因为下雨，推迟了。\n');
    writeFileSync(file('acts.json'), JSON.stringify([{ pattern: '第[一二三四五六七八九十]+幕', rank: 3 }]));
    writeFileSync(file('settings.json'), JSON.stringify({ 'tigang.customRules': [{ pattern: '第[一二三四五六七八九十]+幕', rank: 3, name: 'match' }], 'tigang.notHeadings': ['一是因为'] }));
    assert.equal((await tigang(['outline', file('play.txt')])).stdout, '一、人物\n  一是因为下雨，推迟了\n', 'without rules');
    assert.deepEqual(await tigang(['outline', '--rules', file('acts.json'), file('play.txt')]), { code: 0, stdout: '第一幕 开场\n  一、人物\n第二幕 冲突\n  一是因为下雨，推迟了\n', stderr: '' });
    const json = await tigang(['outline', '--json', '--rules', file('settings.json'), file('play.txt')]);
    assert.deepEqual(JSON.parse(json.stdout).map((h: { name: string; style: string; rank: number }) => [h.name, h.style, h.rank]), [['第一幕', 'custom', 3], ['第二幕', 'custom', 3]]);
  });

  it('tells of a bad rule by name on stderr and applies the others; a rules file that is not JSON is an error', async () => {
    writeFileSync(file('play-bad.txt'), '第一幕　开场\n一、人物\n第二幕　冲突\n一是因为下雨，推迟了。\n');
    writeFileSync(file('bad.json'), JSON.stringify({ customRules: [{ pattern: '第[', rank: 3 }, { pattern: '第[一二三]幕', rank: 3 }] }));
    const run = await tigang(['outline', '--rules', file('bad.json'), file('play-bad.txt')]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '第一幕 开场\n  一、人物\n第二幕 冲突\n  一是因为下雨，推迟了\n');
    assert.match(run.stderr, /^tigang: .*bad\.json: tigang\.customRules, rule 1 \(第\[\): not a valid regular expression \(.+\)\. It is left out; the other rules apply\.\n$/);
    writeFileSync(file('broken.json'), '[{ "pattern": ');
    const broken = await tigang(['outline', '--rules', file('broken.json'), file('play-bad.txt')]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /broken\.json: the rules are not JSON/);
    assert.equal(broken.stdout, '');
    assert.equal((await tigang(['outline', '--rules'])).code, 1, '--rules without a file is bad usage');
  });

  it('prints each file name before its outline when given several files', async () => {
    const run = await tigang(['outline', '--depth', '1', file('notice.txt'), file('chapters.txt')]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${file('notice.txt')}\n  一、总体要求\n  二、保障措施\n${file('chapters.txt')}\n  第一章 总则\n  第二章 分则\n`);
  });

  it('prints an array of { file, outline } as JSON when given several files, children left empty by --depth 1', async () => {
    const run = await tigang(['outline', '--json', '--depth', '1', file('notice.txt'), file('chapters.txt')]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.deepEqual(
      json.map((f: { file: string; outline: { name: string; line: number; endLine: number; children: unknown[] }[] }) => [f.file, f.outline.map((h) => [h.name, h.line, h.endLine, h.children])]),
      [
        [
          file('notice.txt'),
          [
            ['一、总体要求', 3, 7, []],
            ['二、保障措施', 9, 11, []],
          ],
        ],
        [
          file('chapters.txt'),
          [
            ['第一章 总则', 1, 2, []],
            ['第二章 分则', 4, 5, []],
          ],
        ],
      ],
    );
  });

  it('reads CRLF, UTF-8 with a BOM, UTF-16LE and UTF-16BE with a BOM like plain UTF-8, with the same line numbers', async () => {
    const names = ['notice.txt', 'crlf.txt', 'bom.txt', 'utf16le.txt', 'utf16be.txt'];
    const run = await tigang(['outline', '--json', ...names.map(file)]);
    assert.equal(run.code, 0, run.stderr);
    const [plain, ...others]: { file: string; outline: { name: string }[] }[] = JSON.parse(run.stdout);
    assert.deepEqual(
      plain.outline.map((h) => h.name),
      ['一、总体要求', '二、保障措施'],
    );
    for (const [i, other] of others.entries()) assert.deepEqual(other.outline, plain.outline, names[i + 1]);
  });

  it('reads GB18030/GBK bytes', async () => {
    const bytes = readFileSync(file('gbk.txt'));
    assert.equal(new TextDecoder('gb18030').decode(bytes), GBK_TEXT, 'the hand-written GBK bytes say what they should');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'and are not valid UTF-8');
    assert.deepEqual(await tigang(['outline', file('gbk.txt')]), { code: 0, stdout: GBK_OUTLINE, stderr: '' });
  });

  it('reads standard input for the file name -', async () => {
    assert.deepEqual(await tigang(['outline', '-'], NOTICE), { code: 0, stdout: NOTICE_OUTLINE, stderr: '' });
  });

  it('reports a missing file in one line on stderr naming it, and exits with 2', async () => {
    const missing = file('no-such-file.txt');
    const run = await tigang(['outline', missing]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
    assert.ok(run.stderr.includes(missing), run.stderr);
    assert.match(run.stderr, /no such file/);
  });

  it('refuses a binary file and a directory with one clear line each, still prints the readable file, and exits with 2', async () => {
    const run = await tigang(['outline', '--depth', '1', file('image.png'), file('folder'), file('chapters.txt')]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, `${file('chapters.txt')}\n  第一章 总则\n  第二章 分则\n`);
    const [binary, folder, ...rest] = run.stderr.trimEnd().split('\n');
    assert.deepEqual(rest, [], run.stderr);
    assert.ok(binary.includes(file('image.png')) && /binary/.test(binary), binary);
    assert.ok(folder.includes(file('folder')) && /directory/.test(folder), folder);
  });

  for (const [args, why] of [
    [[], /missing command/],
    [['outline', '--frobnicate', 'x.txt'], /unknown option: --frobnicate/],
    [['outline', '--depth', 'x', 'x.txt'], /--depth/],
  ] as const) {
    it(`prints the usage on stderr and exits with 1 for: tigang ${args.join(' ') || '(no arguments)'}`, async () => {
      const run = await tigang(args);
      assert.equal(run.code, 1);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, why);
      assert.match(run.stderr, /Usage: tigang outline/);
    });
  }

  it('prints the usage on stdout and exits with 0 for --help', async () => {
    const run = await tigang(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^Usage: tigang outline/);
    assert.match(run.stdout, /--json/);
    assert.equal(run.stderr, '');
  });

  it('prints the version of package.json for --version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8'));
    assert.deepEqual(await tigang(['--version']), { code: 0, stdout: `${version}\n`, stderr: '' });
  });
});
