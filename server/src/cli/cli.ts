// `tigang outline <file…>`: the outline without an editor.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeText } from '../decode';
import { CompiledRules, Heading, NO_RULES, PlainTextDocument, compileRules, parseOutline, truncateName } from '../engine';
import { DEFAULT_SETTINGS, normalizeSettings } from '../configuration';
import { L10n, ruleErrorMessage } from '../l10n';
import { VERSION } from '../version';

export const USAGE = `Usage: tigang outline [options] <file…>

Prints the outline (提纲) of Chinese plain-text documents.
Files may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

Options:
  --json                  print a JSON array of { name, style, rank, line, endLine, children }
                          (lines 1-based; endLine is the last line of the section);
                          with several files, an array of { file, outline }
  --depth N               show N levels at most
  --no-enumerations       leave out run-in points 一是/一要/一关于
  --max-name-length N     shorten names longer than N characters (default ${DEFAULT_SETTINGS.maxNameLength})
  --rules FILE            user-defined rules, JSON: the array of tigang.customRules
                          ([{ "pattern", "rank", "name"? }]), or an object with
                          "customRules" and "notHeadings" (or their tigang.* keys,
                          as in settings.json); a bad rule is reported and left out
  -h, --help              show this help
  -v, --version           show the version

Exit status: 0 success, 1 bad usage or a rules file that cannot be read,
2 a file could not be read as text.
`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

interface OutlineJson {
  name: string;
  style: string;
  rank: number;
  line: number;
  endLine: number;
  children: OutlineJson[];
}

interface Options {
  json: boolean;
  depth: number;
  enumerations: boolean;
  maxNameLength: number;
  /** The file --rules names. */
  rulesFile: string | undefined;
  files: string[];
}

/** Runs the CLI and returns the exit status. */
export function runCli(args: readonly string[], io: CliIo): number {
  const [command, ...rest] = args;
  if (command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command !== 'outline') return usageError(io, command === undefined ? 'missing command' : `unknown command: ${command}`);
  const options = parseOptions(rest);
  if (typeof options === 'string') return usageError(io, options);
  const rules = options.rulesFile === undefined ? NO_RULES : readRulesFile(options.rulesFile);
  if (typeof rules === 'string') {
    io.err(`tigang: ${options.rulesFile}: ${rules}\n`);
    return 1;
  }
  const l10n = new L10n('en');
  for (const error of rules.errors) io.err(`tigang: ${options.rulesFile}: ${ruleErrorMessage(l10n, error)}\n`);

  let status = 0;
  const results: { file: string; outline: OutlineJson[] }[] = [];
  for (const file of options.files) {
    const text = readText(file);
    if (typeof text !== 'string') {
      io.err(`tigang: ${file}: ${text.error}\n`);
      status = 2;
      continue;
    }
    const doc = new PlainTextDocument(pathToFileURL(resolve(file)).href, text);
    const outline = parseOutline(doc, { enumerations: options.enumerations, rules });
    const json = outline.roots.map((h) => toJson(h, options));
    if (options.json) {
      results.push({ file, outline: json });
    } else {
      if (options.files.length > 1) io.out(`${file}\n`);
      io.out(formatText(json, options.files.length > 1 ? 1 : 0));
    }
  }
  if (options.json) {
    const value = options.files.length === 1 ? (results[0]?.outline ?? []) : results;
    io.out(JSON.stringify(value, null, 2) + '\n');
  }
  return status;
}

function usageError(io: CliIo, message: string): number {
  io.err(`tigang: ${message}\n\n${USAGE}`);
  return 1;
}

function parseOptions(args: readonly string[]): Options | string {
  const options: Options = { json: false, depth: Infinity, enumerations: true, maxNameLength: DEFAULT_SETTINGS.maxNameLength, rulesFile: undefined, files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const number = (): number | undefined => {
      const value = Number(args[++i]);
      return Number.isInteger(value) && value > 0 ? value : undefined;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--no-enumerations') options.enumerations = false;
    else if (arg === '--depth') {
      const depth = number();
      if (depth === undefined) return '--depth needs a whole number ≥ 1';
      options.depth = depth;
    } else if (arg === '--max-name-length') {
      const length = number();
      if (length === undefined) return '--max-name-length needs a whole number ≥ 1';
      options.maxNameLength = normalizeSettings({ maxNameLength: length }).maxNameLength;
    } else if (arg === '--rules') {
      const file = args[++i];
      if (file === undefined || file === '') return '--rules needs a file';
      options.rulesFile = file;
    } else if (arg === '--') {
      options.files.push(...args.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') return `unknown option: ${arg}`;
    else options.files.push(arg);
  }
  if (options.files.length === 0) return 'no file given';
  return options;
}

/**
 * The rules of a --rules file (docs/headings.md §10), in the settings'
 * shape: an array is tigang.customRules; an object gives customRules and
 * notHeadings, with or without the `tigang.` of settings.json. A message when
 * the file cannot be read or is not such JSON.
 */
function readRulesFile(file: string): CompiledRules | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return `cannot read the rules (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return `the rules are not JSON (${(e as Error).message})`;
  }
  if (Array.isArray(value)) return compileRules(value, []);
  if (value === null || typeof value !== 'object') return 'the rules must be an array of { "pattern", "rank", "name"? }, or an object with "customRules" and "notHeadings"';
  const o = value as Record<string, unknown>;
  return compileRules(o.customRules ?? o['tigang.customRules'], o.notHeadings ?? o['tigang.notHeadings']);
}

function readText(file: string): string | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EISDIR: 'is a directory, not a file',
      ELOOP: 'too many symbolic links',
    };
    return { error: reason[code ?? ''] ?? `cannot read (${code ?? (e as Error).message})` };
  }
  const decoded = decodeText(bytes);
  if ('binary' in decoded) return { error: 'binary file, not text (UTF-8, UTF-16 with BOM or GB18030)' };
  return decoded.text;
}

function toJson(h: Heading, options: Options, level = 1): OutlineJson {
  return {
    name: truncateName(h.name, options.maxNameLength),
    style: h.style,
    rank: h.rank,
    line: h.line + 1,
    endLine: h.endLine + 1,
    children: level < options.depth ? h.children.map((c) => toJson(c, options, level + 1)) : [],
  };
}

function formatText(items: readonly OutlineJson[], indent: number): string {
  let out = '';
  const visit = (item: OutlineJson, depth: number): void => {
    out += '  '.repeat(depth) + item.name + '\n';
    item.children.forEach((c) => visit(c, depth + 1));
  };
  items.forEach((item) => visit(item, indent));
  return out;
}
