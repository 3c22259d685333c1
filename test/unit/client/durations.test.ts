// One way of writing a duration in every place Tigang shows one, in both
// languages: the 提纲 view's description and tooltip, the status bar, the
// time limits (the view's decoration, the status bar's, the command's prompt
// and message), Copy Outline's table (client/src/timeTexts.ts,
// outlineTable.ts) and the server's inlay hints. Each place is called as the
// extension calls it, with the real zh-cn bundle; at 60 characters a minute
// a text of n characters takes n seconds, so every place is asked about the
// same seconds.

import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { CancellationTokenSource } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeSettings } from '../../../server/src/configuration';
import { OutlineCache, StatisticsCache, formatDuration, speakingSeconds } from '../../../server/src/engine';
import { L10n } from '../../../server/src/l10n';
import { createTigangService } from '../../../server/src/service';
import { outlineTable } from '../../../client/src/outlineTable';
import { parseMinutes } from '../../../client/src/timeLimitStore';
import {
  Wording,
  documentLengthText,
  limitAccessibility,
  limitDecorationText,
  limitPromptText,
  limitSetText,
  sectionStatusTexts,
  selectionLengthText,
  speakingTimeText,
  statsText,
} from '../../../client/src/timeTexts';
import { readRepoJson } from './helpers';

const BUNDLE = readRepoJson<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');

/** vscode.l10n.t in a display language: the bundle's string (English is the key itself), {n} replaced by the argument as it is. */
function wording(locale: 'en' | 'zh-cn'): Wording {
  const numbers = new Intl.NumberFormat(locale === 'zh-cn' ? 'zh-CN' : 'en');
  return {
    l10n: {
      t(message, ...args) {
        const text = locale === 'en' ? message : BUNDLE[message];
        assert.ok(text !== undefined, `the zh-cn bundle translates ${JSON.stringify(message)}`);
        return text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
      },
    },
    count: (n) => numbers.format(n),
  };
}

const LOCALES = ['en', 'zh-cn'] as const;
/** At this pace a text's characters are its seconds. */
const PACE = 60;

/** The durations written in a text as Tigang writes them (3′42″). */
function durations(text: string): string[] {
  return [...text.matchAll(/\d+′\d\d″/g)].map((m) => m[0]);
}

/** Durations written any other way: in words (3 分 42 秒, 2 分钟, 3 min 42 s, 13 s) or as a clock (3:42). */
function otherForms(text: string): string[] {
  return [...text.matchAll(/\d+\s*(?:分钟|分(?!摊)|秒|min\b|s\b)|\d+:\d\d(?!\d)/g)].map((m) => m[0]);
}

/** What each place shows for `seconds` of speaking time, and a limit of `limit` seconds, with the durations it must write. */
function places(w: Wording, seconds: number, limit: number): { place: string; text: string; expected: string[] }[] {
  const spoken = formatDuration(seconds);
  const limited = formatDuration(limit);
  const over = seconds > limit ? [formatDuration(seconds - limit)] : [];
  const own = { seconds: limit, own: true };
  const section = { name: '二、重点任务', characters: seconds, path: ['在全市工作会议上的讲话', '二、重点任务'] };
  const free = sectionStatusTexts(w, section, PACE, undefined);
  const bounded = sectionStatusTexts(w, section, PACE, own);
  const decoration = limitDecorationText(w, seconds, own);
  const row = { name: '二、重点任务', characters: seconds, depth: 0, children: [] };
  const table = outlineTable([row], { level: 'L', heading: 'H', characters: 'C', duration: 'D', limit: 'T' }, (s) => speakingSeconds(s.characters, PACE), new Map([[row, own]]), String).split('\n')[2];
  return [
    { place: 'the 提纲 view’s description (and the jump picker’s)', text: statsText(w, seconds, PACE), expected: [spoken] },
    { place: 'the 提纲 view’s tooltip', text: speakingTimeText(w, seconds, PACE), expected: [spoken] },
    { place: 'the 提纲 view’s description with a limit', text: statsText(w, seconds, PACE, decoration.time), expected: [spoken, limited] },
    { place: 'the 提纲 view’s words for a screen reader with a limit', text: decoration.accessibility, expected: [limited, ...over] },
    { place: 'the status bar’s selection', text: selectionLengthText(w, seconds, PACE), expected: [spoken] },
    { place: 'the status bar’s document', text: documentLengthText(w, seconds, PACE, undefined).text, expected: [spoken] },
    { place: 'the status bar’s document against its limit', text: documentLengthText(w, seconds, PACE, limit).text, expected: [spoken, limited] },
    { place: 'the status bar’s section', text: free.text, expected: [spoken] },
    { place: 'the status bar’s section tooltip', text: free.tooltip.join('\n'), expected: [spoken] },
    { place: 'the status bar’s section for a screen reader', text: free.accessibility, expected: [spoken] },
    { place: 'the status bar’s section against its limit', text: bounded.text, expected: [spoken, limited] },
    { place: 'the status bar’s section tooltip with a limit', text: bounded.tooltip.join('\n'), expected: [spoken, limited] },
    { place: 'the status bar’s section with a limit for a screen reader', text: bounded.accessibility, expected: [spoken, limited, ...over] },
    { place: 'a limit for a screen reader', text: limitAccessibility(w, seconds, limit), expected: [limited, ...over] },
    { place: 'Set Time Limit’s message', text: limitSetText(w, limit / 60), expected: [limited] },
    { place: 'Copy Outline as a table', text: table, expected: [spoken, limited] },
  ];
}

/** The server's inlay hint after a heading whose section has `characters` characters: its label and tooltip. */
async function inlayHint(locale: 'en' | 'zh-cn', characters: number): Promise<{ label: string; tooltip: string }> {
  const service = createTigangService({
    outlines: new OutlineCache(),
    statistics: new StatisticsCache(),
    settings: { get: async () => normalizeSettings({ inlayHints: true, charactersPerMinute: PACE }), forget: () => undefined },
    log: () => undefined,
    l10n: new L10n(locale),
  });
  const heading = '一、总体要求';
  const doc = TextDocument.create('file:///speech.txt', 'plaintext', 1, `${heading}\n${'字'.repeat(characters - heading.length)}\n`);
  const [hint] = await service.getInlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, new CancellationTokenSource().token);
  assert.ok(hint !== undefined, 'a hint after the heading');
  return { label: String(hint.label), tooltip: String(hint.tooltip) };
}

suite('One way of writing a duration', () => {
  test('A duration is written as minutes and two-digit seconds with primes, in whole seconds', () => {
    assert.deepEqual([0, 5, 38, 110, 120, 221, 4500, 37.6].map(formatDuration), ['0′00″', '0′05″', '0′38″', '1′50″', '2′00″', '3′41″', '75′00″', '0′38″']);
    assert.equal(speakingSeconds(812, 220), 221);
    assert.equal(speakingSeconds(141, 220), 38);
  });

  test('Every place of the client writes the same seconds the same way, in English and in Chinese', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 300 }), fc.constantFrom(...LOCALES), (seconds, limitMinutes, locale) => {
        for (const { place, text, expected } of places(wording(locale), seconds, limitMinutes * 60)) {
          assert.deepEqual(durations(text), expected, `${locale}, ${place}: ${text}`);
          assert.deepEqual(otherForms(text), [], `${locale}, ${place} writes no other form: ${text}`);
        }
      }),
    );
  });

  test('Set Time Limit’s prompt writes the speaking time so too (the 4:30 in it is a way of typing minutes)', () => {
    for (const locale of LOCALES) {
      const prompt = limitPromptText(wording(locale), 222, PACE);
      assert.deepEqual(durations(prompt), ['3′42″'], prompt);
      assert.deepEqual(otherForms(prompt.replace('4:30', '')), [], prompt);
    }
    assert.equal(limitPromptText(wording('zh-cn'), 222, PACE), '分钟数（如 4.5 或 4:30），留空即清除。现有 222 字，讲完约需 3′42″。');
  });

  test('A limit as written is what the time limit box reads back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6000 }), (seconds) => {
        assert.equal(Math.round((parseMinutes(formatDuration(seconds)) ?? 0) * 60), seconds);
      }),
    );
  });

  test('The server’s inlay hint reads as the 提纲 view’s description, its tooltip as the view’s tooltip', async () => {
    for (const locale of LOCALES) {
      for (const characters of [12, 222, 3368]) {
        const hint = await inlayHint(locale, characters);
        const w = wording(locale);
        assert.equal(hint.label, statsText(w, characters, PACE));
        assert.deepEqual(durations(hint.tooltip), durations(speakingTimeText(w, characters, PACE)), hint.tooltip);
        assert.deepEqual(otherForms(hint.tooltip), [], hint.tooltip);
      }
    }
  });

  test('In Chinese the sentences read with the duration in them', () => {
    const zh = wording('zh-cn');
    assert.equal(limitAccessibility(zh, 338, 300), '超出限时 5′00″，多了 0′38″');
    assert.equal(documentLengthText(zh, 3367, PACE, 3600).text, '全文 3,367 字 · 56′07″ / 60′00″');
    assert.equal(documentLengthText(zh, 3667, PACE, 3600).text, '全文 3,667 字 · 61′07″ / 60′00″ 超时');
    assert.equal(limitDecorationText(zh, 38, { seconds: 98, own: false }).time, '0′38″ / 1′38″（分摊）');
    assert.equal(limitSetText(zh, 4.5), 'Tigang：限时已设为 4′30″');
  });
});
