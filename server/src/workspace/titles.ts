// The names the workspace index keeps for references between documents
// (docs/headings.md §9): which files go by a title, and which cite a name.
// Kept as entries come and go (FileTable.set and delete, the same moments the
// symbols and the heading count change), so a lookup costs what it finds,
// not a walk over every file of the workspace.

import { normaliseTitle } from '../engine';

/** Keys filed by name: one key as a string, several as a set (most titles are one file's; a set each would cost the memory of the index's symbols again). */
class KeysByName {
  private readonly map = new Map<string, string | Set<string>>();

  /** Files a key under a name; true when the name is new. */
  add(name: string, key: string): boolean {
    const held = this.map.get(name);
    if (held === undefined) this.map.set(name, key);
    else if (typeof held === 'string') {
      if (held !== key) this.map.set(name, new Set([held, key]));
    } else held.add(key);
    return held === undefined;
  }

  /** Takes a key out from under a name; true when the name holds nothing now. */
  remove(name: string, key: string): boolean {
    const held = this.map.get(name);
    if (held === undefined) return false;
    if (typeof held === 'string') {
      if (held !== key) return false;
      this.map.delete(name);
      return true;
    }
    held.delete(key);
    if (held.size === 1) this.map.set(name, held.values().next().value!);
    return false;
  }

  get(name: string): Iterable<string> {
    const held = this.map.get(name);
    return held === undefined ? [] : typeof held === 'string' ? [held] : held;
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * Lengths of the endings a title is filed under. A name that a title must end
 * in (titleMatches) is looked up under its longest such ending: the titles
 * there are the only ones that can end in it, and few that do not share more
 * than its last eight characters with it.
 */
const ENDINGS = [2, 4, 8];

/** What one entry brings: the titles it goes by, the names its references give (FileEntry.titles, cites). */
export interface Named {
  readonly key: string;
  readonly titles?: readonly string[];
  readonly cites?: readonly string[];
}

export class TitleIndex {
  /** Title → the keys of the files going by it. */
  private readonly byTitle = new KeysByName();
  /** The last 2, 4 and 8 characters of every title → the titles ending so. */
  private readonly byEnding = new KeysByName();
  /** A cited name, as titleMatches compares it (normaliseTitle, two characters or more) → the keys of the files citing it. */
  private readonly byCited = new KeysByName();

  add(entry: Named): void {
    for (const title of new Set(entry.titles)) {
      if (!this.byTitle.add(title, entry.key)) continue;
      for (const length of ENDINGS) if (title.length >= length) this.byEnding.add(title.slice(-length), title);
    }
    for (const name of citedNames(entry)) this.byCited.add(name, entry.key);
  }

  remove(entry: Named): void {
    for (const title of new Set(entry.titles)) {
      if (!this.byTitle.remove(title, entry.key)) continue;
      for (const length of ENDINGS) if (title.length >= length) this.byEnding.remove(title.slice(-length), title);
    }
    for (const name of citedNames(entry)) this.byCited.remove(name, entry.key);
  }

  /** The keys of the files with this very title (as written: `titles.includes(name)`). */
  titled(name: string): Iterable<string> {
    return this.byTitle.get(name);
  }

  /** The keys of the files with a title the name matches (titleMatches: the title is the name, normalised, or ends in it). */
  titledEnding(name: string): Set<string> {
    const found = new Set<string>();
    const n = normaliseTitle(name);
    if (n.length < 2) return found;
    let length = ENDINGS[0];
    for (const l of ENDINGS) if (l <= n.length) length = l;
    for (const title of this.byEnding.get(n.slice(-length))) if (title.endsWith(n)) for (const key of this.byTitle.get(title)) found.add(key);
    return found;
  }

  /**
   * The keys of the files citing a name that one of these titles matches
   * (titleMatches(title, name)): the names each title ends in, two
   * characters or more, looked up one by one — as many as the titles have
   * characters, whatever the size of the workspace.
   */
  citing(titles: readonly string[]): Set<string> {
    const found = new Set<string>();
    for (const title of titles) {
      for (let i = 0; i + 2 <= title.length; i++) for (const key of this.byCited.get(title.slice(i))) found.add(key);
    }
    return found;
  }

  /** How many titles and cited names are filed (tests). */
  get sizes(): { titles: number; endings: number; cited: number } {
    return { titles: this.byTitle.size, endings: this.byEnding.size, cited: this.byCited.size };
  }
}

/** The cited names of an entry as titleMatches compares them, each once; shorter than two characters they match no title. */
function citedNames(entry: Named): Set<string> {
  const names = new Set<string>();
  for (const name of entry.cites ?? []) {
    const n = normaliseTitle(name);
    if (n.length >= 2) names.add(n);
  }
  return names;
}
