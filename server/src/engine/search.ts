// The one binary search: everything the engine keeps is sorted by line
// (markers, headings, lines read), and every "first at or after" and "last
// on or before" question is this partition point.

/**
 * The first index in [0, length) at which `past(i)` holds, for a predicate
 * that is false and then true along the range; `length` when it never holds.
 */
export function partitionPoint(length: number, past: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first item whose line is at or after `line` (items sorted by line). */
export function firstAtOrAfterLine(items: readonly { readonly line: number }[], line: number): number {
  return partitionPoint(items.length, (i) => items[i].line >= line);
}
