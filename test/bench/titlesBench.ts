// References between documents in the workspace benchmark (docs/headings.md
// §9; server/src/workspace/titles.ts): laws generated for the bench
// workspace, citing one another by 《title》 and by a law's name, and the
// lookups of the index — files by title, files citing a title — timed
// against the walk over every file that the index's maps replace (the peer:
// it answers afresh each time, nothing is kept between lookups).
//
// The laws are generated here (seeded); their wording is written for this
// benchmark, not taken from a corpus.

import { PlainTextDocument, titleMatches, writeReferenceNumber } from '../../server/src/engine';
import { DEFAULT_FOLDER_CONFIG } from '../../server/src/workspace/config';
import { referenceNames } from '../../server/src/workspace/reader';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { encodeSegment } from '../../server/src/workspace/uris';
import { InMemoryFs } from '../unit/inMemoryFs';
import { prng } from './generate';

const PLACES = ['东城', '西城', '南岗', '北湖', '江岸', '河西', '山南', '海滨', '临江', '平原', '高新', '滨湖', '松原', '青山', '白云', '金水', '长宁', '天河', '紫阳', '新华'];
const SUBJECTS = ['物业管理', '消防安全', '公共数据', '城市绿化', '养犬管理', '电梯安全', '燃气管理', '房屋租赁', '停车管理', '垃圾分类', '文明行为', '河道管理', '供水用水', '道路交通', '食品安全', '建筑市场', '旅游市场', '志愿服务', '档案管理', '地名管理'];
const DUTIES = ['应当建立健全管理制度', '应当公示办理程序和时限', '不得擅自改变用途', '应当定期报告工作情况', '应当妥善保管有关资料', '应当接受社会监督'];

/** The title of the i-th law: a place, a subject, 法 for every third (cited by its name without marks, too) and 条例 for the rest. */
export function lawTitle(i: number): string {
  return `${PLACES[i % PLACES.length]}${SUBJECTS[Math.floor(i / PLACES.length) % SUBJECTS.length]}${i % 3 === 0 ? '法' : '条例'}`;
}

export interface GeneratedLaws {
  /** Relative path → text. */
  readonly files: Map<string, string>;
  /** Laws citing law 0 (the one the benchmark opens). */
  readonly citingFirst: number;
}

const cn = (n: number) => writeReferenceNumber(n, 'chinese')!;

/**
 * `count` laws of `articles` articles each (count at most 400, the distinct
 * titles), in 法规/: each article of law i cites law (i + 7k) mod count
 * (《title》第X条, or its bare name for a 法), and every tenth law cites law 0
 * too, so that Find All References on law 0 reads more files than the
 * index keeps read (8).
 */
export function generateLaws(count: number, articles: number, seed = 4242): GeneratedLaws {
  const random = prng(seed);
  const files = new Map<string, string>();
  let citingFirst = 0;
  for (let i = 0; i < count; i++) {
    const lines = [lawTitle(i), ''];
    for (let k = 1; k <= articles; k++) {
      const j = (i + 7 * k) % count;
      const target = lawTitle(j);
      const article = cn(1 + Math.floor(random() * articles));
      const cite = j === i ? '' : j % 3 === 0 && random() < 0.5 ? `依照${target}第${article}条，` : `依照《${target}》第${article}条，`;
      lines.push(`第${cn(k)}条　${cite}${SUBJECTS[k % SUBJECTS.length]}主管部门${DUTIES[Math.floor(random() * DUTIES.length)]}。`);
      if (k === 3 && i % 10 === 5) {
        lines.push(`违反《${lawTitle(0)}》第${cn(2)}条规定的，由主管部门责令改正。`);
        citingFirst++;
      }
    }
    files.set(`法规/${lawTitle(i)}.txt`, lines.join('\n') + '\n');
  }
  return { files, citingFirst };
}

/** A file as the walk over every file sees it: where it is (result order) and its names. */
export interface NamedFile {
  readonly rel: string;
  readonly titles: readonly string[];
  readonly cites: readonly string[] | undefined;
}

/** A file's names as the index takes them (reader.ts referenceNames). */
export function namedFile(uri: string, rel: string, text: string): NamedFile {
  const { titles, cites } = referenceNames(new PlainTextDocument(uri, text));
  return { rel, titles, cites };
}

const byRel = (a: NamedFile, b: NamedFile) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);

/** The peer: files by title as a walk over all of them finds them — the very title first, then a title ending in the name (one workspace folder: ordered by path). */
export function walkTitled(files: readonly NamedFile[], name: string): string[] {
  const exact: NamedFile[] = [];
  const ending: NamedFile[] = [];
  for (const f of files) {
    if (f.titles.includes(name)) exact.push(f);
    else if (f.titles.some((t) => titleMatches(t, name))) ending.push(f);
  }
  return [...exact.sort(byRel), ...ending.sort(byRel)].map((f) => f.rel);
}

/** The peer: files citing one of these titles, found by a walk over all of them. */
export function walkCiting(files: readonly NamedFile[], titles: readonly string[]): string[] {
  return files.filter((f) => f.cites?.some((name) => titles.some((t) => titleMatches(t, name)))).sort(byRel).map((f) => f.rel);
}

export interface LookupFigures {
  /** Lookups timed, of each kind. */
  readonly samples: number;
  readonly titledP50Ms: number;
  readonly titledP95Ms: number;
  readonly walkTitledP95Ms: number;
  readonly citingP50Ms: number;
  readonly citingP95Ms: number;
  readonly walkCitingP95Ms: number;
  /** Whether every answer of the index was the walk's. */
  readonly same: boolean;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/**
 * Times the index's lookups and the walk's for each name (documentsTitled)
 * and each title set (documentsCiting), after a few untimed ones of each;
 * `rel` turns the index's keys into the walk's paths, to check that both
 * answer alike.
 */
export function timeLookups(index: WorkspaceIndex, files: readonly NamedFile[], names: readonly string[], titleSets: readonly (readonly string[])[], rel: (key: string) => string): LookupFigures {
  let same = true;
  const time = <Q>(queries: readonly Q[], ours: (q: Q) => string[], walk: (q: Q) => string[]) => {
    for (const q of queries.slice(0, 5)) {
      ours(q); // warm-up
      walk(q);
    }
    const a: number[] = [];
    const b: number[] = [];
    for (const q of queries) {
      let t = performance.now();
      const found = ours(q);
      a.push(performance.now() - t);
      t = performance.now();
      const walked = walk(q);
      b.push(performance.now() - t);
      same &&= JSON.stringify(found.map(rel)) === JSON.stringify(walked);
    }
    return { a, b };
  };
  const titled = time(names, (n) => index.documentsTitled(n), (n) => walkTitled(files, n));
  const citing = time(titleSets, (t) => index.documentsCiting(t), (t) => walkCiting(files, t));
  return {
    samples: names.length,
    titledP50Ms: percentile(titled.a, 0.5),
    titledP95Ms: percentile(titled.a, 0.95),
    walkTitledP95Ms: percentile(titled.b, 0.95),
    citingP50Ms: percentile(citing.a, 0.5),
    citingP95Ms: percentile(citing.a, 0.95),
    walkCitingP95Ms: percentile(citing.b, 0.95),
    same,
  };
}

/** What to look up among laws: every law's title, its name as a reference gives it (刑法 for 中华人民共和国刑法: the title without its place), and names no file has. */
export function lookupNames(laws: number): { names: string[]; titleSets: string[][] } {
  const names: string[] = [];
  const titleSets: string[][] = [];
  for (let i = 0; i < laws; i++) {
    const title = lawTitle(i);
    names.push(title, title.slice(2));
    titleSets.push([title]);
  }
  names.push('不存在的示例法', '某市示例条例');
  return { names, titleSets };
}

/**
 * The lookups at the scale the index is made for: `count` small files in
 * memory (each a law's title and one article citing another), indexed by a
 * WorkspaceIndex, then timed as timeLookups does against the walk.
 */
export async function scaledLookups(count: number, lookups: number): Promise<LookupFigures & { files: number; indexMs: number }> {
  const root = 'file:///scaled';
  const fs = new InMemoryFs().mkdir(root);
  const files: NamedFile[] = [];
  const titles = PLACES.length * SUBJECTS.length;
  for (let n = 0; n < count; n++) {
    // Every distinct title in every district: 第1区东城物业管理条例 …, which all end in 东城物业管理条例 as a citation names it.
    const i = n % titles;
    const district = Math.floor(n / titles);
    const title = `第${district}区${lawTitle(i)}`;
    const text = `${title}\n第一条　依照《${lawTitle((i + 7) % titles)}》第二条，主管部门应当公示办理程序。\n`;
    const rel = `第${district}区/${n}.txt`;
    const uri = `${root}/${rel.split('/').map(encodeSegment).join('/')}`;
    fs.write(uri, text);
    files.push(namedFile(uri, rel, text));
  }
  const index = new WorkspaceIndex({ log: () => undefined, openDocument: () => undefined }, fs, { watch: false });
  const t = performance.now();
  index.addFolder({ uri: root, name: 'scaled', config: DEFAULT_FOLDER_CONFIG });
  await index.whenIdle();
  const indexMs = performance.now() - t;
  const random = prng(77);
  const names: string[] = [];
  const titleSets: string[][] = [];
  for (let k = 0; k < lookups; k++) {
    const i = Math.floor(random() * titles);
    const district = Math.floor(random() * Math.ceil(count / titles));
    // A district's own title (one file), the title a citation gives (one file per district ends in it), a name no file has.
    names.push([`第${district}区${lawTitle(i)}`, lawTitle(i), `${lawTitle(i)}示例`][k % 3]);
    titleSets.push([`第${district}区${lawTitle(i)}`, String(i)]);
  }
  const figures = timeLookups(index, files, names, titleSets, (key) => decodeURIComponent(key.slice(root.length + 1)));
  const indexed = index.status().files;
  index.dispose();
  return { ...figures, files: indexed, indexMs };
}
