// npm run bench — Tigang against the Markdown outline of VS Code.
//
// 1. Generates a ≥10 MB collection of speeches (≈10k headings, seeded) and
//    times the engine's parseOutline in process (MB/s of UTF-8).
// 2. Serves the same outline as Markdown (headings turned into # lines) to the
//    peer — vscode-markdown-languageservice behind a stdio LSP server, with
//    markdown-it, as VS Code's Markdown outline uses it — and the plain text
//    to our server (dist/server.js), one after the other, each over stdio
//    from this Node client, and times:
//      - didChange (one character typed in a paragraph line in the middle)
//        immediately followed by selectionRange at that position;
//      - didChange followed by documentSymbol, and documentSymbol again
//        without an edit (cached);
//    with the JSON size of each answer, and the JSON.stringify + JSON.parse
//    cost of our symbol tree (the floor any server pays to ship it).
// 3. Semantic tokens on the same document from our server (the writer's
//    view): full, edit + full, and edit + full/delta against the previous
//    result, a keystroke in a paragraph and in a heading's title.
// 4. Prints the table and PASS/MISS against the targets; writes
//    out/bench/results.json and a README-ready out/bench/results.md.
//
// Flags (npm run bench -- <flags>):
//   --quick           fewer iterations (a smoke run)
//   --iterations N    timed iterations per measurement (default 20)
//   --vscode-server   also run the server VS Code ships
//                     (vscode-markdown-languageserver), this client answering
//                     its markdown/parse requests with markdown-it tokens as
//                     the Markdown extension does — slow: the tokens of 10 MB
//                     cross the pipe after every edit
//   --ours <path>     our server's script (default dist/server.js)
//   --cpu-prof        run the servers with --cpu-prof into out/bench/prof/
//   --no-peer         skip the peer (with --cpu-prof: profile ours alone)
//   --no-workspace    skip the workspace index benchmark (workspaceBench.ts;
//                     with --quick it runs on a tenth of the workspace)
//   --workspace-only  run only that
//   --no-typing       skip typing with VS Code's schedule (typing.ts)
//   --typing-only     run only that
//   --no-writer       skip the semantic tokens benchmark (the writer's view)
//   --writer-only     generate the document and run only the semantic tokens
//                     benchmark (a quick look while working on it)
//   --references-only only the references section (referenceBench.ts): scan, per edit, resolve
//   --no-structure    skip the structure edit benchmark (§8: a top-level section moved)
//   --no-rules        skip parsing with ten user-defined rules (§10)
//   --rules-only      generate the document and run only that (a quick look while working on it)
//   --strict          exit with status 1 when a target is missed

import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildOutline, compileRules, DEFAULT_OPTIONS, editStructure, parseOutline, PlainTextDocument, Outline, OutlineOptions, scanDocument, StructureRequest } from '../../server/src/engine';
import { DEFAULT_GENERATE, generateDocument, markdownTwin } from './generate';
import { LspClient, Position, ServerRequestHandler } from './lspClient';
import { runReferenceBench } from './referenceBench';
import { DEFAULT_WORKSPACE_BENCH, QUICK_WORKSPACE_BENCH, WorkspaceBenchOptions, runWorkspaceBench } from './workspaceBench';
import { TypingRun, runTypingBench } from './typing';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'out', 'bench');

// ----------------------------------------------------------------- arguments

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name) || process.env[`BENCH_${name.slice(2).toUpperCase().replace(/-/g, '_')}`] === '1';
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('--quick');
const ITERATIONS = Number(option('--iterations') ?? (QUICK ? 5 : 20));
const WARMUP = QUICK ? 1 : 3;
const PARSE_RUNS = QUICK ? 8 : 40;
/** Parse runs not timed: V8 optimises the engine over the first few. */
const PARSE_WARMUP = QUICK ? 3 : 5;
const OURS = resolve(ROOT, option('--ours') ?? 'dist/server.js');
const CPU_PROF = flag('--cpu-prof');
/** A measurement stops early (keeping ≥ 5 samples) when it has taken this long. */
const PHASE_BUDGET_MS = 20_000;
/** A request not answered within this long fails the run (a hung server). */
const REQUEST_TIMEOUT_MS = 60_000;
/** Idle time between timed iterations, as between keystrokes; not timed. */
const GAP_MS = 30;

// ----------------------------------------------------------------- targets

const TARGET = {
  parseMBs: 500,
  selectionMs: 25,
  selectionRatio: 10,
  symbolRatio: 2,
  /** textDocument/semanticTokens/full/delta after a keystroke. */
  semanticDeltaMs: 30,
  /** tigang/structureEdit: a top-level section of the 10 MB document moved, its list renumbered (issue 10). */
  structureMs: 50,
  /** Parsing with ten user-defined rules that match nothing, against none (docs/headings.md §10): at most this much slower. */
  rulesRatio: 1.05,
};

// ------------------------------------------------------------------- helpers

// A full GC in this process before each timed step (not timed), so garbage
// the client made earlier does not land in the next measurement.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, median, p95: at(0.95), min: s[0], max: s[s.length - 1] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, who: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${who}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
const mb = (bytes: number) => bytes / 1e6;
const fmtMs = (ms: number | undefined) => (ms === undefined ? '—' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtBytes = (b: number | undefined) => (b === undefined ? '—' : b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : b >= 1e3 ? `${(b / 1e3).toFixed(1)} kB` : `${b} B`);
const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');

function countSymbols(symbols: unknown): number {
  if (!Array.isArray(symbols)) return 0;
  let n = 0;
  const stack = [...symbols];
  while (stack.length > 0) {
    const s = stack.pop() as { children?: unknown[] };
    n++;
    if (Array.isArray(s.children)) stack.push(...s.children);
  }
  return n;
}

function depthOf(range: unknown): number {
  let d = 0;
  for (let r = range as { parent?: unknown } | undefined; r; r = r.parent as typeof r) d++;
  return d;
}

// --------------------------------------------------------------- the servers

interface Subject {
  label: string;
  script: string;
  uri: string;
  languageId: string;
  text: string;
  /** Where the character is typed and selectionRange is asked. */
  at: Position;
  nodeArgs?: string[];
  onRequest?: ServerRequestHandler;
  /** Iterations for this subject (the slow VS Code server gets fewer). */
  iterations: number;
  /** Told of each edit sent (the VS Code server's client must know the text). */
  onEdit?: (at: Position, inserted: string) => void;
}

interface Result {
  label: string;
  initializeMs: number;
  openToSymbolsMs: number;
  selection: Stats;
  selectionBytes: number;
  selectionDepth: number;
  symbolsAfterEdit: Stats;
  symbolsCached: Stats;
  symbolBytes: number;
  symbolCount: number;
  topLevelSymbols: number;
  /** The last documentSymbol answer, for the JSON floor. */
  symbols: unknown;
}

/** Runs `step` warm-up + timed times, within the phase budget; each step returns its duration. */
async function runPhase(label: string, step: () => Promise<number>, iterations: number): Promise<Stats> {
  const once = () => withTimeout(step(), REQUEST_TIMEOUT_MS, label);
  for (let i = 0; i < WARMUP; i++) await once();
  const samples: number[] = [];
  const begin = performance.now();
  for (let i = 0; i < iterations; i++) {
    gc();
    await sleep(GAP_MS);
    samples.push(await once());
    if (samples.length >= 5 && performance.now() - begin > PHASE_BUDGET_MS) break;
  }
  return stats(samples);
}

async function measure(subject: Subject): Promise<Result> {
  const client = LspClient.start(subject.label, subject.script, { nodeArgs: subject.nodeArgs, onRequest: subject.onRequest });
  try {
    let t = performance.now();
    await client.initialize();
    const initializeMs = performance.now() - t;

    let version = 1;
    t = performance.now();
    await client.didOpen(subject.uri, subject.languageId, version, subject.text);
    let symbols = await withTimeout(client.documentSymbol(subject.uri), REQUEST_TIMEOUT_MS, subject.label);
    const openToSymbolsMs = performance.now() - t;
    const symbolCount = countSymbols(symbols);
    if (symbolCount === 0) throw new Error(`${subject.label} returned no symbols:\n${client.errorOutput}`);

    const typed = { start: subject.at, end: subject.at };
    const edit = () => {
      subject.onEdit?.(subject.at, '新');
      return client.didChange(subject.uri, ++version, [{ range: typed, text: '新' }]);
    };

    const phase = (step: () => Promise<number>, iterations: number) => runPhase(subject.label, step, iterations);

    let selectionAnswer: unknown;
    const selection = await phase(async () => {
      const t0 = performance.now();
      void edit();
      selectionAnswer = await client.selectionRange(subject.uri, [subject.at]);
      return performance.now() - t0;
    }, subject.iterations);

    const symbolsAfterEdit = await phase(async () => {
      const t0 = performance.now();
      void edit();
      symbols = await client.documentSymbol(subject.uri);
      return performance.now() - t0;
    }, subject.iterations);

    const symbolsCached = await phase(async () => {
      const t0 = performance.now();
      symbols = await client.documentSymbol(subject.uri);
      return performance.now() - t0;
    }, subject.iterations);

    const ranges = selectionAnswer as unknown[] | null;
    if (!Array.isArray(ranges) || ranges.length !== 1) throw new Error(`selectionRange answered ${JSON.stringify(selectionAnswer)?.slice(0, 200)}`);
    return {
      label: subject.label,
      initializeMs,
      openToSymbolsMs,
      selection,
      selectionBytes: jsonBytes(selectionAnswer),
      selectionDepth: Array.isArray(ranges) && ranges.length > 0 ? depthOf(ranges[0]) : 0,
      symbolsAfterEdit,
      symbolsCached,
      symbolBytes: jsonBytes(symbols),
      symbolCount: countSymbols(symbols),
      topLevelSymbols: Array.isArray(symbols) ? symbols.length : 0,
      symbols,
    };
  } catch (error) {
    const stderr = client.errorOutput.trim();
    throw new Error(`${subject.label}: ${(error as Error).message}${stderr ? `\n--- server stderr ---\n${stderr}` : ''}`);
  } finally {
    await client.stop();
  }
}

/** JSON.stringify + JSON.parse of a response, the floor both servers pay. */
function jsonFloor(value: unknown): { stringify: Stats; parse: Stats; total: Stats } {
  const s: number[] = [];
  const p: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < (QUICK ? 5 : 20); i++) {
    gc();
    const t0 = performance.now();
    const json = JSON.stringify(value);
    const t1 = performance.now();
    JSON.parse(json);
    const t2 = performance.now();
    if (i >= 2) {
      s.push(t1 - t0);
      p.push(t2 - t1);
      total.push(t2 - t0);
    }
  }
  return { stringify: stats(s), parse: stats(p), total: stats(total) };
}

// ------------------------------------------- the writer's view: semantic tokens

interface WriterResult {
  openToFullMs: number;
  /** Edit + selectionRange: what any request after a keystroke pays (the edit, the outline patched), for comparison. */
  baseline: Stats;
  full: Stats;
  fullAfterEdit: Stats;
  /** '新' typed into a paragraph line: the headings do not move. */
  deltaParagraph: Stats;
  /** '新' typed into a heading's title: one token grows. */
  deltaHeading: Stats;
  tokens: number;
  fullBytes: number;
  deltaParagraphBytes: number;
  deltaHeadingBytes: number;
}

interface TokensAnswer {
  resultId?: string;
  data?: number[];
  edits?: { start: number; deleteCount: number; data?: number[] }[];
}

async function measureSemanticTokens(script: string, uri: string, text: string, paragraphAt: Position, headingAt: Position, nodeArgs?: string[]): Promise<WriterResult> {
  const label = 'Tigang semantic tokens';
  const client = LspClient.start(label, script, { nodeArgs });
  try {
    await client.initialize();
    let version = 1;
    const t = performance.now();
    await client.didOpen(uri, 'plaintext', version, text);
    const full = () => client.request<TokensAnswer>('textDocument/semanticTokens/full', { textDocument: { uri } });
    let last = await withTimeout(full(), REQUEST_TIMEOUT_MS, label);
    const openToFullMs = performance.now() - t;
    if (!last.data?.length || last.resultId === undefined) throw new Error(`${label}: the first full request answered ${JSON.stringify(last).slice(0, 200)}`);
    const tokens = last.data.length / 5;
    const fullBytes = jsonBytes(last);
    const edit = (at: Position) => client.didChange(uri, ++version, [{ range: { start: at, end: at }, text: '新' }]);
    // Typing into the same heading moves its title's end: type after the previous character each time.
    let headingColumn = headingAt.character;

    const baseline = await runPhase(label, async () => {
      const t0 = performance.now();
      void edit(paragraphAt);
      await client.selectionRange(uri, [paragraphAt]);
      return performance.now() - t0;
    }, ITERATIONS);
    const fullNoEdit = await runPhase(label, async () => {
      const t0 = performance.now();
      last = await full();
      return performance.now() - t0;
    }, ITERATIONS);
    const fullAfterEdit = await runPhase(label, async () => {
      const t0 = performance.now();
      void edit(paragraphAt);
      last = await full();
      return performance.now() - t0;
    }, ITERATIONS);

    let answerBytes = 0;
    const deltaStep = (at: () => Position) => async () => {
      const t0 = performance.now();
      void edit(at());
      const answer = await client.request<TokensAnswer>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: last.resultId });
      const ms = performance.now() - t0;
      if (answer.edits === undefined) throw new Error(`${label}: a delta request naming the last result was answered in full`);
      answerBytes = jsonBytes(answer);
      last = { resultId: answer.resultId };
      return ms;
    };
    const deltaParagraph = await runPhase(label, deltaStep(() => paragraphAt), ITERATIONS);
    const deltaParagraphBytes = answerBytes;
    const deltaHeading = await runPhase(label, deltaStep(() => ({ line: headingAt.line, character: headingColumn++ })), ITERATIONS);
    const deltaHeadingBytes = answerBytes;
    return { openToFullMs, baseline, full: fullNoEdit, fullAfterEdit, deltaParagraph, deltaHeading, tokens, fullBytes, deltaParagraphBytes, deltaHeadingBytes };
  } catch (error) {
    const stderr = client.errorOutput.trim();
    throw new Error(`${(error as Error).message}${stderr ? `\n--- server stderr ---\n${stderr}` : ''}`);
  } finally {
    await client.stop();
  }
}

/** Where the semantic tokens benchmark types: the paragraph line the other measurements use, and the end of a heading's title near the middle. */
function writerEdits(text: string, outline: Outline): { paragraphAt: Position; headingAt: Position } {
  const paragraphLine = pickEditLine(text, outline);
  const heading = outline.headings.find((h) => h.line > paragraphLine && h.titleEnd > h.start + 2) ?? outline.headings[0];
  return { paragraphAt: { line: paragraphLine, character: 10 }, headingAt: { line: heading.line, character: heading.titleEnd } };
}

function writerRows(w: WriterResult): string[][] {
  return [
    ['', 'Tigang'],
    ['didOpen → first semanticTokens/full (ms)', fmtMs(w.openToFullMs)],
    ['edit + selectionRange (baseline), median / p95 (ms)', `${fmtMs(w.baseline.median)} / ${fmtMs(w.baseline.p95)}`],
    ['semanticTokens/full, no edit, median / p95 (ms)', `${fmtMs(w.full.median)} / ${fmtMs(w.full.p95)}`],
    ['edit + semanticTokens/full, median / p95 (ms)', `${fmtMs(w.fullAfterEdit.median)} / ${fmtMs(w.fullAfterEdit.p95)}`],
    ['edit in a paragraph + full/delta, median / p95 (ms)', `${fmtMs(w.deltaParagraph.median)} / ${fmtMs(w.deltaParagraph.p95)}`],
    ['edit in a heading + full/delta, median / p95 (ms)', `${fmtMs(w.deltaHeading.median)} / ${fmtMs(w.deltaHeading.p95)}`],
    ['  tokens; full answer (JSON)', `${w.tokens}; ${fmtBytes(w.fullBytes)}`],
    ['  delta answers (JSON): paragraph, heading', `${fmtBytes(w.deltaParagraphBytes)}, ${fmtBytes(w.deltaHeadingBytes)}`],
    ['samples per measurement', `${w.baseline.n}/${w.full.n}/${w.fullAfterEdit.n}/${w.deltaParagraph.n}/${w.deltaHeading.n}`],
  ];
}

function writerVerdict(w: WriterResult): { name: string; value: string; pass: boolean } {
  const worst = Math.max(w.deltaParagraph.median, w.deltaHeading.median);
  return {
    name: `semanticTokens/full/delta after a keystroke ≤ ${TARGET.semanticDeltaMs} ms (median, paragraph and heading)`,
    value: `${fmtMs(w.deltaParagraph.median)} ms in a paragraph, ${fmtMs(w.deltaHeading.median)} ms in a heading (p95 ${fmtMs(Math.max(w.deltaParagraph.p95, w.deltaHeading.p95))})`,
    pass: worst <= TARGET.semanticDeltaMs,
  };
}

/** --writer-only: the document, then the semantic tokens benchmark alone. */
async function writerOnly(text: string, uri: string): Promise<void> {
  if (!existsSync(OURS)) throw new Error(`${OURS.slice(ROOT.length + 1)} does not exist (npm run build)`);
  const stale = staleBuild(OURS);
  if (stale) console.log(`warning: ${OURS.slice(ROOT.length + 1)}: ${stale}`);
  const outline = parseOutline(new PlainTextDocument(uri, text));
  const { paragraphAt, headingAt } = writerEdits(text, outline);
  console.log(`semantic tokens: node ${OURS.slice(ROOT.length + 1)} --stdio; '新' typed at ${paragraphAt.line}:${paragraphAt.character} (paragraph) and ${headingAt.line}:${headingAt.character} (heading) …`);
  const profDir = join(OUT, 'prof');
  if (CPU_PROF) mkdirSync(profDir, { recursive: true });
  const w = await measureSemanticTokens(OURS, uri, text, paragraphAt, headingAt, CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-name=writer.cpuprofile'] : undefined);
  console.log(`\n${textTable(writerRows(w))}`);
  const v = writerVerdict(w);
  console.log(`\ntargets:\n  ${v.pass ? 'PASS' : 'MISS'}  ${v.name}: ${v.value}`);
  if (flag('--strict') && !v.pass) process.exitCode = 1;
}

// ---------------------------------------------------------------- editing the structure (§8)

interface StructureBenchResult {
  /** editStructure in process: a top-level section in the middle moved down and up in turn (planning, edits, the check). */
  engine: Stats;
  /** editStructure in process: the last top-level section moved after the first (the longest move). */
  engineAcross: Stats;
  /** tigang/structureEdit from our server, the same move as `engine`, not applied. */
  request: Stats;
  section: string;
  edits: number;
  answerBytes: number;
}

async function measureStructureEdit(script: string, uri: string, text: string, outline: Outline, nodeArgs?: string[]): Promise<StructureBenchResult> {
  const label = 'Tigang structure edit';
  const doc = new PlainTextDocument(uri, text);
  const middle = outline.roots[Math.floor(outline.roots.length / 2)];
  const last = outline.roots[outline.roots.length - 1];
  const timed = (request: () => StructureRequest) => async () => {
    const t0 = performance.now();
    const answer = editStructure(doc, outline, request());
    const ms = performance.now() - t0;
    if (!answer.ok) throw new Error(`${label}: refused (${answer.reason})`);
    return ms;
  };
  let turn = 0;
  let edits = 0;
  const engine = await runPhase(label, timed(() => ({ operation: turn++ % 2 === 0 ? 'moveDown' : 'moveUp', line: middle.line })), ITERATIONS);
  const engineAcross = await runPhase(label, timed(() => ({ operation: 'moveTo', line: last.line, targetLine: outline.roots[0].line })), ITERATIONS);
  const client = LspClient.start(label, script, { nodeArgs });
  try {
    await client.initialize();
    await client.didOpen(uri, 'plaintext', 1, text);
    await withTimeout(client.documentSymbol(uri), REQUEST_TIMEOUT_MS, label);
    let answerBytes = 0;
    const request = await runPhase(label, async () => {
      const t0 = performance.now();
      const answer = await client.request<{ changes?: Record<string, unknown[]> }>('tigang/structureEdit', { textDocument: { uri, version: 1 }, position: { line: middle.line, character: 0 }, operation: 'moveDown' });
      const ms = performance.now() - t0;
      edits = answer.changes?.[uri]?.length ?? 0;
      answerBytes = jsonBytes(answer);
      return ms;
    }, ITERATIONS);
    return { engine, engineAcross, request, section: middle.name, edits, answerBytes };
  } catch (error) {
    const stderr = client.errorOutput.trim();
    throw new Error(`${(error as Error).message}${stderr ? `\n--- server stderr ---\n${stderr}` : ''}`);
  } finally {
    await client.stop();
  }
}

function structureRows(r: StructureBenchResult): string[][] {
  return [
    ['', 'Tigang'],
    ['editStructure in process, move a top-level section, median / p95 (ms)', `${fmtMs(r.engine.median)} / ${fmtMs(r.engine.p95)}`],
    ['editStructure in process, last section to the top, median / p95 (ms)', `${fmtMs(r.engineAcross.median)} / ${fmtMs(r.engineAcross.p95)}`],
    ['tigang/structureEdit, move a top-level section, median / p95 (ms)', `${fmtMs(r.request.median)} / ${fmtMs(r.request.p95)}`],
    ['  edits; answer (JSON)', `${r.edits}; ${fmtBytes(r.answerBytes)}`],
    ['samples per measurement', `${r.engine.n}/${r.engineAcross.n}/${r.request.n}`],
  ];
}

function structureVerdict(r: StructureBenchResult): { name: string; value: string; pass: boolean } {
  return {
    name: `tigang/structureEdit moving a top-level section of the 10 MB document ≤ ${TARGET.structureMs} ms (median)`,
    value: `${fmtMs(r.request.median)} ms (p95 ${fmtMs(r.request.p95)}; in process ${fmtMs(r.engine.median)} ms, the longest move ${fmtMs(r.engineAcross.median)} ms)`,
    pass: r.request.median <= TARGET.structureMs,
  };
}

// ---------------------------------------------------------------- user-defined rules (§10)

/** Ten rules of the kinds users write (acts, numbered chapters, volumes, markers), none of which the generated speeches match. */
const TEN_RULES = [
  { pattern: '第[一二三四五六七八九十]+幕', rank: 3 },
  { pattern: '第[0-9]{3}话', rank: 3 },
  { pattern: '卷[一二三四五六七八九十]+', rank: 1 },
  { pattern: 'Chapter [0-9]+', rank: 3, name: 'match' },
  { pattern: '【[^】]{1,20}】', rank: 4 },
  { pattern: '■', rank: 5 },
  { pattern: '◆', rank: 6 },
  { pattern: 'Act [IVX]+', rank: 2 },
  { pattern: '番外[0-9]+', rank: 3 },
  { pattern: '序章|终章', rank: 3 },
];

interface RulesBenchResult {
  none: Stats;
  ten: Stats;
  /** One rule that may begin with any character (`.{1,2}幕`): tried on every line. */
  anywhere: Stats;
  /** Headings the ten rules made (0: the document has no matches). */
  customHeadings: number;
}

/** Parse throughput with 0 and 10 rules, runs interleaved in the same process so that drift hits both alike. */
function rulesBench(text: string, uri: string): RulesBenchResult {
  const ten: OutlineOptions = { enumerations: true, rules: compileRules(TEN_RULES, ['一是因为', '第[一二三四五六七八九十]+节课']) };
  const anywhere: OutlineOptions = { enumerations: true, rules: compileRules([{ pattern: '.{1,2}幕', rank: 3 }], []) };
  const times = { none: [] as number[], ten: [] as number[], anywhere: [] as number[] };
  let customHeadings = 0;
  for (let i = 0; i < PARSE_RUNS + PARSE_WARMUP; i++) {
    for (const [key, options] of [['none', DEFAULT_OPTIONS], ['ten', ten], ['anywhere', anywhere]] as const) {
      const t = performance.now();
      const outline = parseOutline(new PlainTextDocument(uri, text), options);
      const ms = performance.now() - t;
      if (i >= PARSE_WARMUP) times[key].push(ms);
      if (key === 'ten') customHeadings = outline.headings.filter((h) => h.style === 'custom').length;
    }
  }
  return { none: stats(times.none), ten: stats(times.ten), anywhere: stats(times.anywhere), customHeadings };
}

function rulesVerdict(r: RulesBenchResult, bytes: number): { name: string; value: string; pass: boolean } {
  const ratio = r.ten.median / r.none.median;
  return {
    name: `parse with ten user-defined rules that match nothing ≤ ${Math.round((TARGET.rulesRatio - 1) * 100)}% slower than with none (median, same run)`,
    value:
      `${fmtMs(r.ten.median)} vs ${fmtMs(r.none.median)} ms = ${((ratio - 1) * 100).toFixed(1)}% (${(mb(bytes) / (r.ten.median / 1000)).toFixed(0)} vs ${(mb(bytes) / (r.none.median / 1000)).toFixed(0)} MB/s; ` +
      `one rule that may begin anywhere: ${fmtMs(r.anywhere.median)} ms; ${r.customHeadings} custom headings)`,
    pass: ratio <= TARGET.rulesRatio && r.customHeadings === 0,
  };
}

// ---------------------------------------------------------------- the run

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    load: os.loadavg()[0].toFixed(2),
  };
}

async function buildPeer(): Promise<string> {
  const outfile = join(OUT, 'markdownServer.js');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'bench', 'markdownServer.ts')],
    outfile,
    bundle: true, // self-contained, like the server VS Code ships
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

/** Typing with VS Code's schedule into the 10 MB and a 1 MB document (typing.ts), ours against the peer. */
async function typingSection(text: string, twin: ReturnType<typeof markdownTwin>, editLine: number, uri: string, mdUri: string, peerScript: string) {
  console.log("\n== typing with VS Code's schedule");
  const small = generateDocument({ ...DEFAULT_GENERATE, targetBytes: 1_050_000 });
  const smallOutline = parseOutline(new PlainTextDocument(uri, small));
  const smallTwin = markdownTwin(small, smallOutline);
  const smallLine = pickEditLine(small, smallOutline);
  const subjects = (size: string, doc: string, twinDoc: typeof twin, line: number, targetMs: number): TypingRun => ({
    size,
    targetMs,
    ours: { label: 'Tigang', script: OURS, uri, languageId: 'plaintext', text: doc, at: { line, character: 10 }, viewRequest: 'tigang/outline' },
    peer: flag('--no-peer') ? undefined : { label: 'md-languageservice', script: peerScript, uri: mdUri, languageId: 'markdown', text: twinDoc.text, at: { line: twinDoc.lineMap[line], character: 10 }, viewRequest: 'textDocument/documentSymbol' },
  });
  return runTypingBench([subjects('10 MB', text, twin, editLine, 300), subjects('1 MB', small, smallTwin, smallLine, 100)], QUICK ? 20 : 60, (line) => console.log(line));
}

/** A paragraph line (not a heading) near the middle of the document. */
function pickEditLine(text: string, outline: Outline): number {
  const lines = text.split('\n');
  const headingLines = new Set(outline.headings.map((h) => h.line));
  for (let line = Math.floor(lines.length / 2); line < lines.length; line++) {
    const l = lines[line];
    if (!headingLines.has(line) && l.startsWith('\u3000\u3000') && l.length > 80) return line;
  }
  throw new Error('no paragraph line after the middle');
}

function staleBuild(script: string): string | undefined {
  const built = statSync(script).mtimeMs;
  const newer: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (name.endsWith('.ts') && st.mtimeMs > built) newer.push(path.slice(ROOT.length + 1));
    }
  };
  walk(join(ROOT, 'server', 'src'));
  return newer.length > 0 ? `${newer.length} source file(s) newer than the build, e.g. ${newer[0]} — run \`npm run build\`` : undefined;
}

function vscodeServerSubject(base: Pick<Subject, 'uri' | 'languageId' | 'text' | 'at'>): Subject | undefined {
  let script: string;
  let MarkdownIt: new (options: object) => { parse(src: string, env: object): unknown[] };
  try {
    script = require.resolve('vscode-markdown-languageserver/dist/node/workerMain.js', { paths: [ROOT] });
    // Loaded only for this optional comparison, from the repo's node_modules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    MarkdownIt = require(require.resolve('markdown-it', { paths: [ROOT] }));
  } catch {
    console.log('--vscode-server: vscode-markdown-languageserver is not installed (npm install --save-dev vscode-markdown-languageserver); skipped.');
    return undefined;
  }
  const md = new MarkdownIt({ html: true, linkify: true });
  // Like the Markdown extension: markdown/parse names a document by uri (the
  // text comes along only for untitled documents), the extension host has
  // its current text, and its engine keeps the tokens of the last version.
  const lines = base.text.split('\n');
  let edits = 0;
  let cache: { edits: number; tokens: unknown[] } | undefined;
  return {
    ...base,
    label: 'VS Code md server',
    script,
    iterations: Math.min(ITERATIONS, 5),
    onEdit(at, inserted) {
      const line = lines[at.line];
      lines[at.line] = line.slice(0, at.character) + inserted + line.slice(at.character);
      edits++;
    },
    onRequest(method, params) {
      if (method !== 'markdown/parse') return null;
      const p = params as { uri: string; text?: string };
      if (p.text !== undefined) return md.parse(p.text, {});
      if (cache?.edits !== edits) cache = { edits, tokens: md.parse(lines.join('\n'), {}) };
      return cache.tokens;
    },
  };
}

async function main(): Promise<void> {
  const wall = performance.now();
  const info = machine();
  console.log('Tigang benchmark');
  console.log(`machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB; ${info.os}; node ${info.node} (V8 ${info.v8}); load average ${info.load}`);
  if (Number(info.load) > 0.5) console.log(`warning: the machine is busy (load ${info.load} on ${info.cores} cores): timings will be noisy; record README figures on an idle machine.`);

  mkdirSync(OUT, { recursive: true });
  if (flag('--workspace-only')) {
    await workspaceSection();
    return;
  }
  if (flag('--references-only')) {
    console.log('\n== references between articles (in process)');
    await runReferenceBench(QUICK);
    return;
  }
  const peerScript = await buildPeer();

  // ---- the document
  let t = performance.now();
  const text = generateDocument(DEFAULT_GENERATE);
  const generateMs = performance.now() - t;
  const bytes = Buffer.byteLength(text, 'utf8');
  const uri = 'file:///bench/speeches.txt';
  if (flag('--rules-only')) {
    console.log(`document: ${fmtBytes(bytes)} UTF-8 (${bytes} bytes); generated in ${fmtMs(generateMs)} ms (seed ${DEFAULT_GENERATE.seed})`);
    const v = rulesVerdict(rulesBench(text, uri), bytes);
    console.log(`  ${v.pass ? 'PASS' : 'MISS'}  ${v.name}: ${v.value}`);
    if (flag('--strict') && !v.pass) process.exitCode = 1;
    return;
  }
  if (flag('--writer-only')) {
    console.log(`document: ${fmtBytes(bytes)} UTF-8 (${bytes} bytes); generated in ${fmtMs(generateMs)} ms (seed ${DEFAULT_GENERATE.seed})`);
    await writerOnly(text, uri);
    return;
  }

  // ---- engine parse throughput, in process
  // Runs back to back after one collection, as a server parses: no forced
  // gc() between runs. V8's forced collection clears type feedback and the
  // objects optimised code depends on, so every run after one deoptimises
  // again (measured with --trace-deopt: 5–10 deopts per run, against none
  // after the second run without it). The garbage of one run is collected in
  // the runs that follow, so the figures include the engine's GC cost.
  const parseMs: number[] = [];
  const parseCpuMs: number[] = [];
  let outline: Outline | undefined;
  gc();
  for (let i = 0; i < PARSE_RUNS + PARSE_WARMUP; i++) {
    const cpu = process.cpuUsage();
    t = performance.now();
    outline = parseOutline(new PlainTextDocument(uri, text));
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (i >= PARSE_WARMUP) {
      parseMs.push(ms);
      parseCpuMs.push((used.user + used.system) / 1000);
    }
  }
  outline = outline!;
  const parse = stats(parseMs);
  const parseCpu = stats(parseCpuMs);
  // The same work in its three phases, to see where it goes.
  const phases = { lineStarts: [] as number[], scan: [] as number[], build: [] as number[] };
  for (let i = 0; i < Math.ceil(PARSE_RUNS / 2) + 2; i++) {
    const t0 = performance.now();
    const doc = new PlainTextDocument(uri, text);
    const t1 = performance.now();
    // As parseOutline does: the scan collects the lines that open a quotation for the build.
    const quotations: number[] = [];
    const markers = scanDocument(doc, undefined, quotations);
    const t2 = performance.now();
    buildOutline(doc, markers, DEFAULT_OPTIONS, undefined, quotations);
    const t3 = performance.now();
    if (i >= 2) {
      phases.lineStarts.push(t1 - t0);
      phases.scan.push(t2 - t1);
      phases.build.push(t3 - t2);
    }
  }
  const phaseStats = { lineStarts: stats(phases.lineStarts), scan: stats(phases.scan), build: stats(phases.build) };
  const rules = flag('--no-rules') ? undefined : rulesBench(text, uri);
  const lineCount = text.split('\n').length;
  const styles = new Map<string, number>();
  for (const h of outline.headings) styles.set(h.style, (styles.get(h.style) ?? 0) + 1);
  const speeches = styles.get('article') ?? 0;

  const twin = markdownTwin(text, outline);
  const mdBytes = Buffer.byteLength(twin.text, 'utf8');
  const editLine = pickEditLine(text, outline);
  if (flag('--typing-only')) {
    for (const v of await typingSection(text, markdownTwin(text, outline), editLine, uri, 'file:///bench/speeches.md', peerScript)) {
      console.log(`  ${v.pass === undefined ? 'n/a ' : v.pass ? 'PASS' : 'MISS'}  ${v.name}: ${v.value}`);
    }
    return;
  }
  const at: Position = { line: editLine, character: 10 };
  const mdAt: Position = { line: twin.lineMap[editLine], character: 10 };

  console.log(
    `document: ${fmtBytes(bytes)} UTF-8 (${bytes} bytes), ${lineCount} lines, ${outline.headings.length} headings in ${speeches} speeches ` +
      `(${[...styles].map(([k, v]) => `${k} ${v}`).join(', ')}); generated in ${fmtMs(generateMs)} ms (seed ${DEFAULT_GENERATE.seed})`,
  );
  console.log(`markdown twin: ${fmtBytes(mdBytes)}, ${outline.headings.length} # headings; edit: '新' typed at line ${editLine}:10 (twin line ${mdAt.line})`);
  console.log(
    `engine parseOutline(new PlainTextDocument(uri, text)), ${parse.n} runs after ${PARSE_WARMUP} warm-up: median ${fmtMs(parse.median)} ms = ${(mb(bytes) / (parse.median / 1000)).toFixed(0)} MB/s, ` +
      `best ${fmtMs(parse.min)} ms = ${(mb(bytes) / (parse.min / 1000)).toFixed(0)} MB/s, p95 ${fmtMs(parse.p95)} ms; CPU time median ${fmtMs(parseCpu.median)} ms`,
  );
  console.log(
    `  phases (median): line starts ${fmtMs(phaseStats.lineStarts.median)} ms, scanDocument ${fmtMs(phaseStats.scan.median)} ms, buildOutline ${fmtMs(phaseStats.build.median)} ms`,
  );

  // ---- the servers, one at a time (2 cores: the client and one server)
  const profDir = join(OUT, 'prof');
  if (CPU_PROF) mkdirSync(profDir, { recursive: true });
  const profArgs = (name: string) => (CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${name}.cpuprofile`] : undefined);

  let ours: Result | undefined;
  if (existsSync(OURS)) {
    const stale = staleBuild(OURS);
    if (stale) console.log(`warning: ${OURS.slice(ROOT.length + 1)}: ${stale}`);
    console.log(`\nours: node ${OURS.slice(ROOT.length + 1)} --stdio …`);
    ours = await measure({ label: 'Tigang', script: OURS, uri, languageId: 'plaintext', text, at, iterations: ITERATIONS, nodeArgs: profArgs('ours') });
  } else {
    console.log(`\nours: ${OURS.slice(ROOT.length + 1)} does not exist (npm run build); skipped.`);
  }

  let writer: WriterResult | undefined;
  if (existsSync(OURS) && !flag('--no-writer')) {
    const { paragraphAt, headingAt } = writerEdits(text, outline);
    console.log(`semantic tokens: node ${OURS.slice(ROOT.length + 1)} --stdio; '新' typed at ${paragraphAt.line}:${paragraphAt.character} (paragraph) and ${headingAt.line}:${headingAt.character} (heading) …`);
    writer = await measureSemanticTokens(OURS, uri, text, paragraphAt, headingAt, profArgs('writer'));
  }

  let structure: StructureBenchResult | undefined;
  if (existsSync(OURS) && !flag('--no-structure')) {
    console.log(`structure edit: a top-level section moved, in process and as tigang/structureEdit from node ${OURS.slice(ROOT.length + 1)} --stdio …`);
    structure = await measureStructureEdit(OURS, uri, text, outline, profArgs('structure'));
  }

  const mdUri = 'file:///bench/speeches.md';
  let peer: Result | undefined;
  if (!flag('--no-peer')) {
    console.log(`peer: node ${peerScript.slice(ROOT.length + 1)} --stdio (vscode-markdown-languageservice + markdown-it) …`);
    peer = await measure({
      label: 'md-languageservice',
      script: peerScript,
      uri: mdUri,
      languageId: 'markdown',
      text: twin.text,
      at: mdAt,
      iterations: ITERATIONS,
      nodeArgs: profArgs('peer'),
    });
  }

  let vscodePeer: Result | undefined;
  if (flag('--vscode-server')) {
    const subject = vscodeServerSubject({ uri: mdUri, languageId: 'markdown', text: twin.text, at: mdAt });
    if (subject) {
      console.log(`VS Code's server: node ${subject.script.slice(ROOT.length + 1)} --stdio, tokens from this client …`);
      vscodePeer = await measure(subject);
    }
  }

  // ---- report
  const results = [ours, peer, vscodePeer].filter((r): r is Result => r !== undefined);
  const floors = new Map(results.map((r) => [r, jsonFloor(r.symbols)]));

  const rows: string[][] = [];
  const header = ['', ...results.map((r) => r.label), ...(ours && peer ? ['peer/ours'] : [])];
  const row = (name: string, get: (r: Result) => string, ratio?: (r: Result) => number) => {
    const cells = [name, ...results.map(get)];
    if (ours && peer) cells.push(ratio ? `${(ratio(peer) / ratio(ours)).toFixed(1)}×` : '');
    rows.push(cells);
  };
  row('initialize (ms)', (r) => fmtMs(r.initializeMs));
  row('didOpen → first documentSymbol (ms)', (r) => fmtMs(r.openToSymbolsMs), (r) => r.openToSymbolsMs);
  row('edit + selectionRange, median (ms)', (r) => fmtMs(r.selection.median), (r) => r.selection.median);
  row('edit + selectionRange, p95 (ms)', (r) => fmtMs(r.selection.p95), (r) => r.selection.p95);
  row('  selectionRange answer (JSON, depth)', (r) => `${fmtBytes(r.selectionBytes)}, ${r.selectionDepth}`);
  row('edit + documentSymbol, median (ms)', (r) => fmtMs(r.symbolsAfterEdit.median), (r) => r.symbolsAfterEdit.median);
  row('edit + documentSymbol, p95 (ms)', (r) => fmtMs(r.symbolsAfterEdit.p95), (r) => r.symbolsAfterEdit.p95);
  row('documentSymbol cached, median (ms)', (r) => fmtMs(r.symbolsCached.median), (r) => r.symbolsCached.median);
  row('documentSymbol cached, p95 (ms)', (r) => fmtMs(r.symbolsCached.p95), (r) => r.symbolsCached.p95);
  row('  documentSymbol answer (JSON)', (r) => fmtBytes(r.symbolBytes), (r) => r.symbolBytes);
  row('  symbols (top level)', (r) => `${r.symbolCount} (${r.topLevelSymbols})`);
  row('  JSON stringify+parse of it, median (ms)', (r) => fmtMs(floors.get(r)!.total.median), (r) => floors.get(r)!.total.median);
  row('samples per measurement', (r) => `${r.selection.n}/${r.symbolsAfterEdit.n}/${r.symbolsCached.n}`);

  if (results.length > 0) console.log(`\n${textTable([header, ...rows])}`);
  if (writer) console.log(`\nsemantic tokens (the writer's view):\n${textTable(writerRows(writer))}`);
  if (structure) console.log(`\nstructure edits (§8), moving "${structure.section}":\n${textTable(structureRows(structure))}`);

  // ---- targets
  console.log('\ntargets:');
  const verdicts: { name: string; value: string; pass: boolean | undefined }[] = [];
  const check = (name: string, value: string, pass: boolean | undefined) => {
    verdicts.push({ name, value, pass });
    console.log(`  ${pass === undefined ? 'n/a ' : pass ? 'PASS' : 'MISS'}  ${name}: ${value}`);
  };
  const parseMBs = mb(bytes) / (parse.median / 1000);
  check(`parse ≥ ${TARGET.parseMBs} MB/s (median)`, `${parseMBs.toFixed(0)} MB/s (best ${(mb(bytes) / (parse.min / 1000)).toFixed(0)})`, parseMBs >= TARGET.parseMBs);
  if (ours) {
    check(`selectionRange after an edit ≤ ${TARGET.selectionMs} ms (median)`, `${fmtMs(ours.selection.median)} ms (p95 ${fmtMs(ours.selection.p95)})`, ours.selection.median <= TARGET.selectionMs);
  }
  if (ours && peer) {
    const selRatio = peer.selection.median / ours.selection.median;
    check(`selectionRange after an edit ≥ ${TARGET.selectionRatio}× faster than the peer (median)`, `${selRatio.toFixed(1)}× (p95 ${(peer.selection.p95 / ours.selection.p95).toFixed(1)}×)`, selRatio >= TARGET.selectionRatio);
    const symRatio = peer.symbolsAfterEdit.median / ours.symbolsAfterEdit.median;
    check(
      'documentSymbol after an edit ≤ ½ the peer’s time (median)',
      `${fmtMs(ours.symbolsAfterEdit.median)} vs ${fmtMs(peer.symbolsAfterEdit.median)} ms = ${symRatio.toFixed(1)}× (cached: ${fmtMs(ours.symbolsCached.median)} vs ${fmtMs(peer.symbolsCached.median)} ms = ${(peer.symbolsCached.median / ours.symbolsCached.median).toFixed(1)}×)`,
      symRatio >= TARGET.symbolRatio,
    );
  }
  if (ours) {
    const floor = floors.get(ours)!;
    console.log(
      `  floor: JSON.stringify + JSON.parse of our ${ours.symbolCount}-symbol answer (${fmtBytes(ours.symbolBytes)}): median ${fmtMs(floor.total.median)} ms, best ${fmtMs(floor.total.min)} ms ` +
        `(stringify ${fmtMs(floor.stringify.median)} + parse ${fmtMs(floor.parse.median)})` +
        (peer ? `; the peer's (${fmtBytes(peer.symbolBytes)}): ${fmtMs(floors.get(peer)!.total.median)} ms` : ''),
    );
    if (ours.symbolCount !== outline.headings.length) console.log(`  note: our server returned ${ours.symbolCount} symbols, the engine finds ${outline.headings.length} headings`);
  } else {
    check('server targets', 'our server was not run', undefined);
  }
  if (writer) {
    const v = writerVerdict(writer);
    check(v.name, v.value, v.pass);
  }
  if (structure) {
    const v = structureVerdict(structure);
    check(v.name, v.value, v.pass);
  }
  if (rules) {
    const v = rulesVerdict(rules, bytes);
    check(v.name, v.value, v.pass);
  }
  if (peer && peer.symbolCount !== outline.headings.length) console.log(`  note: the peer returned ${peer.symbolCount} symbols for ${outline.headings.length} # headings`);
  if (!flag('--no-typing') && existsSync(OURS)) {
    for (const v of await typingSection(text, twin, editLine, uri, mdUri, peerScript)) check(v.name, v.value, v.pass);
  }
  // References between articles: the scanner's full-scan and per-edit cost on a 10 MB law.
  console.log('\n== references between articles (in process)');
  const referenceFigures = await runReferenceBench(QUICK);
  if (!flag('--no-workspace')) await workspaceSection();
  console.log(`\ntotal bench time ${((performance.now() - wall) / 1000).toFixed(1)} s`);

  const strip = (r: Result | undefined) => (r ? { ...r, symbols: undefined } : undefined);
  writeFileSync(
    join(OUT, 'results.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: info,
        document: { bytes, lines: lineCount, headings: outline.headings.length, speeches, markdownBytes: mdBytes, seed: DEFAULT_GENERATE.seed },
        parse: { ...parse, MBs: parseMBs, bestMBs: mb(bytes) / (parse.min / 1000), cpu: parseCpu, phases: phaseStats },
        ours: strip(ours),
        peer: strip(peer),
        vscodeServer: strip(vscodePeer),
        semanticTokens: writer,
        structureEdit: structure,
        userRules: rules,
        jsonFloor: { ours: ours && floors.get(ours), peer: peer && floors.get(peer) },
        references: referenceFigures,
        targets: verdicts,
      },
      null,
      2,
    ),
  );
  // README-ready: machine, document, parse, the table and the verdicts.
  writeFileSync(
    join(OUT, 'results.md'),
    [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${info.cpu}, ${info.cores} cores, node ${info.node} (load average ${info.load}).`,
      `Document: ${fmtBytes(bytes)} UTF-8, ${lineCount} lines, ${outline.headings.length} headings in ${speeches} speeches (seed ${DEFAULT_GENERATE.seed}); its Markdown twin ${fmtBytes(mdBytes)}.`,
      '',
      `Engine parse, in process: ${parseMBs.toFixed(0)} MB/s median (${fmtMs(parse.median)} ms), best ${(mb(bytes) / (parse.min / 1000)).toFixed(0)} MB/s.`,
      '',
      ...(results.length > 0 ? [markdownTable([header, ...rows]), ''] : []),
      ...(writer ? ['Semantic tokens (the writer\'s view):', '', markdownTable(writerRows(writer)), ''] : []),
      ...(structure ? ['Structure edits (§8):', '', markdownTable(structureRows(structure)), ''] : []),
      ...verdicts.map((v) => `- ${v.pass === undefined ? 'n/a' : v.pass ? 'PASS' : 'MISS'} — ${v.name}: ${v.value}`),
      '',
    ].join('\n'),
  );
  console.log(`\nwrote out/bench/results.json and out/bench/results.md`);
  if (flag('--strict') && verdicts.some((v) => v.pass === false)) process.exitCode = 1;
}

/** Issue 4: the workspace index on a generated 2,000-file / 100 MB folder (a tenth of it with --quick), with references between its laws. */
async function workspaceSection(): Promise<void> {
  const o: WorkspaceBenchOptions = QUICK ? QUICK_WORKSPACE_BENCH : DEFAULT_WORKSPACE_BENCH;
  console.log(`\n== workspace index: ${o.files.toLocaleString('en')} files, ${o.totalBytes / 1e6} MB, a tenth in GB18030, and ${o.laws} laws citing one another${QUICK ? ' (--quick: not for the README)' : ''}`);
  await runWorkspaceBench(o);
}

function textTable(rows: string[][]): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const cols = rows[0].length;
  const widths = Array.from({ length: cols }, (_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell + ' '.repeat(widths[c] - width(cell)) : ' '.repeat(widths[c] - width(cell)) + cell)).join('  │ ');
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('──┼─'), ...rows.slice(1).map(line)].join('\n');
}

function markdownTable(rows: string[][]): string {
  const cell = (s: string) => s.trim().replace(/\|/g, '\\|');
  return [
    `| ${rows[0].map(cell).join(' | ')} |`,
    `|${rows[0].map((_, c) => (c === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.slice(1).map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
