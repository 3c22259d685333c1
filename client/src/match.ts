// Filtering heading names by what the user types: the Chinese text itself,
// full pinyin (zhengzhizhanwei), initials (zzzw) or a mix (zhengzzw),
// contiguous in the name. Jump to Section and the 提纲 view's filter match
// with the workspace section search's own matcher (server/src/engine/nameMatch.ts):
// one normalisation of queries and names (normalizeQuery: whitespace removed,
// full-width ASCII as ASCII, lower case) and one pinyin reading table, so a
// query finds a heading in Jump exactly when the workspace search finds it
// by text or pinyin. Only the search's last tier, characters in order with
// gaps (政站 → 政治站位), is left out here: the pickers of one document keep
// document order, where such loose matches would stand among the real ones.

import { NameTable, matchingNames, nameTable, normalizeQuery } from '../../server/src/engine/nameMatch';
import { PinyinTable } from '../../server/src/engine/pinyin';

export { normalizeQuery };

/** The readings of Han characters, read from the dictionary when the first picker gets a query. */
const pinyin = new PinyinTable();

/** Whether the name matches the query (normalised or not: see normalizeQuery). */
export function matches(name: string, query: string): boolean {
  return matchingNames(nameTable([name], pinyin), query, pinyin).length > 0;
}

/**
 * Filters a fixed list as the user types: the names are read into one table
 * once (NameTable), and each query is one pass over it.
 */
export class NameFilter<T> {
  private table: NameTable | undefined;

  constructor(
    private readonly all: readonly T[],
    private readonly nameOf: (item: T) => string,
  ) {}

  /** The items whose name matches the query, in list order (all of them for an empty query). */
  filter(query: string): T[] {
    if (normalizeQuery(query) === '') return [...this.all];
    this.table ??= nameTable(this.all.map(this.nameOf), pinyin);
    return matchingNames(this.table, query, pinyin).map((i) => this.all[i]);
  }

  /** The first item whose name matches the query. */
  first(query: string): T | undefined {
    return this.filter(query)[0];
  }
}

/** A heading of an outline, as sectionsMatching needs it (client/src/headings.ts HeadingEntry). */
export interface FilteredHeading {
  readonly index: number;
  /** The whole name, not the one shortened for display. */
  readonly fullName: string;
  readonly parent: FilteredHeading | undefined;
}

/** The filter of each list of headings the view asked about: the view asks again on every refresh while it is filtered. */
const filters = new WeakMap<readonly FilteredHeading[], NameFilter<FilteredHeading>>();

/** The 提纲 view's filter: the headings whose name matches, and their ancestors (by index). */
export function sectionsMatching(headings: readonly FilteredHeading[], query: string): Set<number> {
  let filter = filters.get(headings);
  if (filter === undefined) filters.set(headings, (filter = new NameFilter(headings, (h) => h.fullName)));
  const shown = new Set<number>();
  for (const s of filter.filter(query)) {
    for (let p: FilteredHeading | undefined = s; p !== undefined && !shown.has(p.index); p = p.parent) shown.add(p.index);
  }
  return shown;
}
