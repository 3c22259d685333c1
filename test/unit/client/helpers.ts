// Small helpers shared by the unit tests of the client's pure modules.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OutlineItem } from '@tigang/protocol';
import { DocumentHeadings, documentHeadings } from '../../../client/src/headings';

/** The repository's root: the folder above this test (bundled to out/test/…) that holds package.json. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'client'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository above ${__dirname}`);
  }
}

export function readRepoFile(relative: string): string {
  return readFileSync(join(repoRoot(), relative), 'utf8');
}

export function readRepoJson<T>(relative: string): T {
  return JSON.parse(readRepoFile(relative)) as T;
}

/** A heading as the server sends it: `item('一、总则', 3, 9, [...])` — name, line, last line, children. */
export function item(name: string, line: number, endLine: number, children: OutlineItem[] = [], style = 'item'): OutlineItem {
  return { name, style, rank: 5, line, start: 0, titleEnd: name.length, endLine, characters: (endLine - line + 1) * 10, children };
}

/** The headings of a document from the server's items. */
export function headingsOf(items: OutlineItem[], version = 1): DocumentHeadings {
  return documentHeadings('file:///test.txt', version, items);
}
