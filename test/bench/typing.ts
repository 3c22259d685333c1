// Typing into a large document with VS Code's own schedule, against the
// Markdown peer: how long until the outline view shows a keystroke, and how
// much server CPU each keystroke costs.
//
// The schedule, as VS Code and the extension run it:
//   - a keystroke every TYPING_INTERVAL_MS, each a didChange inserting one
//     character in a paragraph line: steadily, or in bursts of BURST with a
//     pause of PAUSE_MS after each (so the debounced requests below run
//     between bursts, and a burst's first keystrokes meet them);
//   - the outline view's request, throttled as client/src/outlineService.ts
//     does: the first edit after a pause asks at once, edits during the next
//     window (twice the last answer's time, 25–120 ms: client/src/throttle.ts)
//     are gathered into one request at its end, one request in flight at a time. Ours asks tigang/outline (the 提纲 view);
//   - VS Code's own requests, debounced after the last edit: documentSymbol
//     (breadcrumbs and Outline, which share one model per version; at least
//     350 ms in VS Code's LanguageFeatureDebounceService) and foldingRange
//     (about 200 ms). The peer's view is that Outline, so its view request is
//     this debounced documentSymbol and nothing more;
//     for ours also textDocument/diagnostic (the numbering checks), 250 ms
//     after the last change.
// "Shown" is the time from a keystroke to the arrival (parsed) of the first
// view answer that includes it. Server CPU is read from /proc/<pid>/stat
// over the whole run and divided by the keystrokes.

import { readFileSync } from 'node:fs';
import { OutlineItem, OutlineResult, withOutlineNumbers } from '@tigang/protocol';
import { LspClient, Position } from './lspClient';
import { throttleWindow } from '../../client/src/throttle';

export const TYPING_INTERVAL_MS = 100;
/** With pauses, a typist stops after every BURST keystrokes for PAUSE_MS, longer than every debounce below, so each pause lets VS Code's requests and the diagnostics run and the next burst types over them. */
export const BURST = 10;
export const PAUSE_MS = 500;

/** How the keystrokes come: steadily (the debounced requests run once, at the end) or with a pause after every BURST. */
export type TypingSchedule = 'steady' | 'with pauses';
export const SYMBOL_DEBOUNCE_MS = 350;
export const FOLDING_DEBOUNCE_MS = 200;
/** Pulled diagnostics (ours only: the peer has none), asked as vscode-languageclient does after a change settles. */
export const DIAGNOSTIC_DEBOUNCE_MS = 250;

export interface TypingSubject {
  label: string;
  script: string;
  uri: string;
  languageId: string;
  text: string;
  /** Where typing starts: a paragraph line. */
  at: Position;
  /** The request the view makes for its outline. */
  viewRequest: 'tigang/outline' | 'textDocument/documentSymbol';
  /**
   * Ours: whether the numbering checks are on (`tigang.diagnostics.enabled`).
   * Either way the client pulls textDocument/diagnostic after a change settles,
   * as vscode-languageclient does; with the checks off the server answers none.
   */
  diagnostics?: boolean;
}

export interface TypingResult {
  label: string;
  keystrokes: number;
  /** Keystroke → view answer that includes it, ms, sorted. */
  shown: number[];
  /** Server CPU time (user + system) per keystroke, ms. */
  cpuPerKeystroke: number;
  viewRequests: number;
  /** Bytes of the last view answer. */
  viewBytes: number;
  /** Warnings and advice in the last pulled diagnostics (undefined: none pulled). */
  diagnosticCount?: number;
}

/** utime + stime of a process, in ms (Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function typeInto(subject: TypingSubject, keystrokes: number, schedule: TypingSchedule): Promise<TypingResult> {
  const settings = subject.diagnostics === undefined ? undefined : { tigang: { diagnostics: { enabled: subject.diagnostics } } };
  const client = LspClient.start(subject.label, subject.script, { settings });
  try {
    await client.initialize();
    await client.didOpen(subject.uri, subject.languageId, 1, subject.text);
    const textDocument = { uri: subject.uri };
    // The first answers (a full parse) are not part of typing.
    await client.request(subject.viewRequest, { textDocument });
    await client.documentSymbol(subject.uri);
    await client.request('textDocument/foldingRange', { textDocument });
    const pid = client.pid!;

    let tree: { resultId: string; items: OutlineItem[] } | undefined;
    if (subject.viewRequest === 'tigang/outline') {
      const first = await client.request<OutlineResult>('tigang/outline', { textDocument });
      tree = { resultId: first.resultId, items: first.items! };
    }
    let version = 1;
    const typedAt: number[] = []; // typedAt[v] = when version v was sent
    const shownAt: number[] = [];
    let viewRequests = 0;
    let viewBytes = 0;
    let inflight = false;
    let answerMs: number | undefined;
    let throttled = false;
    let pending = false;
    let symbolTimer: NodeJS.Timeout | undefined;
    let foldingTimer: NodeJS.Timeout | undefined;
    let diagnosticTimer: NodeJS.Timeout | undefined;
    const background: Promise<unknown>[] = [];
    let diagnosticCount: number | undefined;

    const askView = () => {
      if (inflight) {
        pending = true;
        return;
      }
      inflight = true;
      viewRequests++;
      const sent = performance.now();
      const asked = version;
      // Ours: as client/src/outlineService.ts asks, naming the tree it holds, and rebuilding it from a numbers-only answer.
      const params = subject.viewRequest === 'tigang/outline' ? { textDocument, previousResultId: tree?.resultId } : { textDocument };
      const promise = client.request<unknown>(subject.viewRequest, params).then((answer) => {
        if (subject.viewRequest === 'tigang/outline') {
          const result = answer as OutlineResult;
          tree = { resultId: result.resultId, items: result.items ?? withOutlineNumbers(tree!.items, result.numbers!, result.citations)! };
        }
        const now = performance.now();
        answerMs = now - sent;
        for (let v = asked; v >= 2 && shownAt[v] === undefined; v--) shownAt[v] = now;
        viewBytes = JSON.stringify(answer).length;
        inflight = false;
        if (pending) {
          pending = false;
          askView();
        }
      });
      background.push(promise);
    };
    let viewTimer: NodeJS.Timeout | undefined;
    const viewEdited = () => {
      if (subject.viewRequest === 'textDocument/documentSymbol') {
        // VS Code's Outline (and breadcrumbs, which share its model per version) asks after the documentSymbol debounce, not throttled.
        clearTimeout(viewTimer);
        viewTimer = setTimeout(askView, SYMBOL_DEBOUNCE_MS);
        return;
      }
      if (throttled) {
        pending = true;
        return;
      }
      askView();
      throttled = true;
      const cool = () => {
        if (pending) {
          pending = false;
          askView();
          setTimeout(cool, throttleWindow(answerMs));
        } else {
          throttled = false;
        }
      };
      setTimeout(cool, throttleWindow(answerMs));
    };

    const cpuBefore = cpuMs(pid);
    for (let k = 0; k < keystrokes; k++) {
      version++;
      const at = { line: subject.at.line, character: subject.at.character + k };
      typedAt[version] = performance.now();
      void client.didChange(subject.uri, version, [{ range: { start: at, end: at }, text: '新' }]);
      viewEdited();
      if (subject.viewRequest !== 'textDocument/documentSymbol') {
        // Ours: VS Code's Outline and breadcrumbs ask documentSymbol besides the 提纲 view's request.
        clearTimeout(symbolTimer);
        symbolTimer = setTimeout(() => background.push(client.documentSymbol(subject.uri)), SYMBOL_DEBOUNCE_MS);
      }
      clearTimeout(foldingTimer);
      foldingTimer = setTimeout(() => background.push(client.request('textDocument/foldingRange', { textDocument })), FOLDING_DEBOUNCE_MS);
      if (subject.diagnostics !== undefined) {
        clearTimeout(diagnosticTimer);
        diagnosticTimer = setTimeout(
          () =>
            background.push(
              client.request<{ items?: unknown[] }>('textDocument/diagnostic', { textDocument }).then((report) => {
                diagnosticCount = report.items?.length ?? 0;
              }),
            ),
          DIAGNOSTIC_DEBOUNCE_MS,
        );
      }
      await sleep(schedule === 'with pauses' && (k + 1) % BURST === 0 ? PAUSE_MS : TYPING_INTERVAL_MS);
    }
    // Let the last view answer and the debounced requests arrive.
    while (shownAt[version] === undefined) await sleep(20);
    await sleep(SYMBOL_DEBOUNCE_MS + 50);
    await Promise.all(background);
    const cpu = cpuMs(pid) - cpuBefore;
    const shown: number[] = [];
    for (let v = 2; v <= version; v++) shown.push(shownAt[v] - typedAt[v]);
    shown.sort((a, b) => a - b);
    return { label: subject.label, keystrokes, shown, cpuPerKeystroke: cpu / keystrokes, viewRequests, viewBytes, diagnosticCount };
  } finally {
    await client.stop();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export interface TypingRun {
  /** e.g. "10 MB". */
  size: string;
  ours: TypingSubject;
  peer?: TypingSubject;
  /** The target for ours: the view shows a keystroke within this many ms (p95). */
  targetMs: number;
}

export interface TypingVerdict {
  name: string;
  value: string;
  pass: boolean | undefined;
}

/**
 * Runs each size and schedule for ours with the numbering checks on and off,
 * and the peer, one server at a time; prints a table and returns the verdicts.
 */
export async function runTypingBench(runs: readonly TypingRun[], keystrokes: number, log: (line: string) => void): Promise<TypingVerdict[]> {
  const verdicts: TypingVerdict[] = [];
  log(
    `typing: ${keystrokes} keystrokes ${TYPING_INTERVAL_MS} ms apart, steadily and with a ${PAUSE_MS} ms pause after every ${BURST}; ` +
      `our view throttled at twice the last answer's time (25–120 ms); documentSymbol (Outline, breadcrumbs: the peer's view) debounced ${SYMBOL_DEBOUNCE_MS} ms, ` +
      `foldingRange ${FOLDING_DEBOUNCE_MS} ms, our diagnostics pulled ${DIAGNOSTIC_DEBOUNCE_MS} ms (VS Code's schedule)`,
  );
  for (const run of runs) {
    // One slip (a 二、 written 四、) so that the checks have something to report and the two runs can be told apart.
    const text = run.ours.text.replace(/^二、/m, '四、');
    for (const schedule of ['steady', 'with pauses'] as const) {
      // The two runs of ours swap places between schedules, so an order effect (the bench's own heap growing) does not favour one.
      const ours = (diagnostics: boolean) => typeInto({ ...run.ours, text, label: `${run.ours.label} (checks ${diagnostics ? 'on' : 'off'})`, diagnostics }, keystrokes, schedule);
      let on: TypingResult;
      let off: TypingResult;
      if (schedule === 'steady') {
        on = await ours(true);
        off = await ours(false);
      } else {
        off = await ours(false);
        on = await ours(true);
      }
      const peer = run.peer ? await typeInto(run.peer, keystrokes, schedule) : undefined;
      const at = `${run.size}, ${schedule}`;
      for (const r of [on, off, peer]) {
        if (r === undefined) continue;
        log(
          `  ${at.padEnd(18)} ${r.label.padEnd(22)} shown p50 ${percentile(r.shown, 0.5).toFixed(0)} ms, p95 ${percentile(r.shown, 0.95).toFixed(0)} ms, ` +
            `max ${r.shown[r.shown.length - 1].toFixed(0)} ms; server CPU ${r.cpuPerKeystroke.toFixed(1)} ms per keystroke; ` +
            `${r.viewRequests} view requests, last answer ${(r.viewBytes / 1024).toFixed(0)} KB` +
            (r.diagnosticCount === undefined ? '' : `; ${r.diagnosticCount} diagnostics pulled`),
        );
      }
      verdicts.push({
        name: `${at}: the checks ran (the slip reported with them on, nothing with them off)`,
        value: `${on.diagnosticCount} vs ${off.diagnosticCount} diagnostics`,
        pass: (on.diagnosticCount ?? 0) > 0 && off.diagnosticCount === 0,
      });
      const p95 = percentile(on.shown, 0.95);
      verdicts.push({ name: `${at}: the view shows a keystroke within ${run.targetMs} ms (p95, checks on)`, value: `${p95.toFixed(0)} ms`, pass: p95 <= run.targetMs });
      // Unaffected: the checks may not move the view's p95 by more than a tenth of its target (the noise of one run on two cores is about that).
      const offP95 = percentile(off.shown, 0.95);
      const slack = run.targetMs / 10;
      verdicts.push({
        name: `${at}: typing no slower with the numbering checks on (view p95 within ${slack} ms of checks off)`,
        value: `${p95.toFixed(0)} vs ${offP95.toFixed(0)} ms; CPU ${on.cpuPerKeystroke.toFixed(1)} vs ${off.cpuPerKeystroke.toFixed(1)} ms per keystroke`,
        pass: p95 <= offP95 + slack,
      });
      if (peer) {
        verdicts.push({
          name: `${at}: server CPU per keystroke at most the peer's (checks on)`,
          value: `${on.cpuPerKeystroke.toFixed(1)} vs ${peer.cpuPerKeystroke.toFixed(1)} ms (${(peer.cpuPerKeystroke / on.cpuPerKeystroke).toFixed(2)}× the peer's/ours)`,
          pass: on.cpuPerKeystroke <= peer.cpuPerKeystroke,
        });
      }
    }
  }
  return verdicts;
}
