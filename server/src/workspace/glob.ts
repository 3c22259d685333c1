// Glob patterns as VS Code writes them in files.exclude and search settings:
// matched against a path relative to the workspace folder, with / as the
// separator. `*` and `?` stay inside one path segment, `**` spans any number
// of segments (zero included), `{a,b}` is an alternative (nesting allowed),
// `[abc]` `[a-z]` `[!a]` `[^a]` are character classes. Unlike minimatch's
// default, `*` also matches names that start with a dot (.git, .vscode), as
// in VS Code.
//
// Hand-written rather than imported: VS Code's dialect differs from minimatch
// and picomatch in details that matter here (dotfiles, `**` semantics), the
// whole of it is the translation to a RegExp below, and the server bundle
// stays free of a dependency for ~60 lines.

export type GlobMatcher = (path: string) => boolean;

const REGEXP_SPECIAL = new Set('\\^$.|+()[]{}*?'.split(''));

/** The RegExp source (without anchors) for a VS Code glob pattern. */
function globSource(glob: string): string {
  let out = '';
  let braceDepth = 0;
  let i = 0;
  const n = glob.length;
  const atSegmentStart = (at: number) => at === 0 || glob[at - 1] === '/' || (braceDepth > 0 && (glob[at - 1] === '{' || glob[at - 1] === ','));
  while (i < n) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*' && atSegmentStart(i) && (i + 2 === n || glob[i + 2] === '/' || glob[i + 2] === ',' || glob[i + 2] === '}')) {
        // ** as a whole segment
        if (glob[i + 2] === '/') {
          out += '(?:[^/]*/)*'; // **/ : zero or more whole segments
          i += 3;
        } else if (out.endsWith('/')) {
          out = out.slice(0, -1) + '(?:/.*)?'; // a/** : a itself or anything under it
          i += 2;
        } else {
          out += '.*';
          i += 2;
        }
        continue;
      }
      while (glob[i] === '*') i++; // a** inside a segment is a plain *
      out += '[^/]*';
      continue;
    }
    if (ch === '?') {
      out += '[^/]';
      i++;
      continue;
    }
    if (ch === '{') {
      braceDepth++;
      out += '(?:';
      i++;
      continue;
    }
    if (ch === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
      i++;
      continue;
    }
    if (ch === ',' && braceDepth > 0) {
      out += '|';
      i++;
      continue;
    }
    if (ch === '[') {
      const close = glob.indexOf(']', i + 2); // []] : a ] right after [ is literal
      if (close !== -1) {
        let body = glob.slice(i + 1, close);
        let negate = false;
        if (body[0] === '!' || body[0] === '^') {
          negate = true;
          body = body.slice(1);
        }
        body = body.replace(/[\\\]^]/g, (c) => '\\' + c);
        out += negate ? `[^/${body}]` : `[${body}]`;
        i = close + 1;
        continue;
      }
    }
    out += REGEXP_SPECIAL.has(ch) ? '\\' + ch : ch;
    i++;
  }
  while (braceDepth-- > 0) out += ')'; // an unclosed { is closed at the end
  return out;
}

/** `ignoreCase` where the file system does (WorkspaceFs.ignoresCase): Windows, macOS. */
export function compileGlob(glob: string, ignoreCase = false): GlobMatcher {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  if (pattern.endsWith('/') && pattern.length > 1) pattern = pattern.slice(0, -1);
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${globSource(pattern)})$`, ignoreCase ? 'i' : '');
  } catch {
    return () => false; // a pattern we cannot translate matches nothing
  }
  return (path) => re.test(path);
}

/** Any of several globs. */
export function compileGlobs(globs: readonly string[], ignoreCase = false): GlobMatcher {
  const matchers = globs.filter((g) => g.trim() !== '').map((g) => compileGlob(g, ignoreCase));
  if (matchers.length === 0) return () => false;
  if (matchers.length === 1) return matchers[0];
  return (path) => matchers.some((m) => m(path));
}

/**
 * An exclude pattern of files.exclude: `true`, or `{ when: "$(basename).ts" }`
 * which excludes a file only when a sibling with that name exists.
 */
export interface ExcludeRule {
  readonly glob: string;
  readonly when?: string;
}

export interface ExcludeMatcher {
  /**
   * Whether a rule matches the path itself (relative, / separated).
   * `siblingExists` answers `when` clauses; without it they do not exclude.
   */
  matches(path: string, siblingExists?: (name: string) => boolean): boolean;
  /** Whether the path or one of its ancestor folders is excluded: what is in an excluded folder is excluded. */
  excludes(path: string, siblingExists?: (name: string) => boolean): boolean;
}

export function compileExcludes(rules: readonly ExcludeRule[], ignoreCase = false): ExcludeMatcher {
  const plain = compileGlobs(rules.filter((r) => r.when === undefined).map((r) => r.glob), ignoreCase);
  const conditional = rules.filter((r) => r.when !== undefined).map((r) => ({ match: compileGlob(r.glob, ignoreCase), when: r.when! }));
  const matches = (path: string, siblingExists?: (name: string) => boolean): boolean => {
    if (plain(path)) return true;
    if (siblingExists === undefined || conditional.length === 0) return false;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    const basename = dot > 0 ? name.slice(0, dot) : name;
    return conditional.some((c) => c.match(path) && siblingExists(c.when.replace(/\$\(basename\)/g, basename)));
  };
  return {
    matches,
    excludes(path, siblingExists) {
      if (matches(path, siblingExists)) return true;
      for (let p = parentOf(path); p !== ''; p = parentOf(p)) {
        if (plain(p)) return true;
      }
      return false;
    },
  };
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
