/**
 * Ordering by day then key without comparing strings: a counting sort on day numbers, then a
 * sort inside each day (a day holds a few dozen reminders even in a large plan) on a number per
 * item that orders items exactly as their keys compare as strings.
 *
 * @module
 */

import type { PlannedItem } from './schedule';

/** Beyond this many days between the first and last day, fall back to a comparison sort. */
const MAX_BUCKETS = 1 << 20;

/** Occurrences below 10^6 are ranked from their digits (see {@link occurrenceRank}). */
const OCCURRENCE_DIGITS = 6;
const OCCURRENCE_LIMIT = 10 ** OCCURRENCE_DIGITS;
/** One more than the largest {@link occurrenceRank}. */
const OCCURRENCE_SPAN = OCCURRENCE_LIMIT * 16;

/**
 * Orders occurrences as their decimal strings compare (`'10' < '2'`): the digits padded on the
 * right to a fixed width, then the length, so a prefix (`'1'`) comes before what extends it
 * (`'10'`).
 */
function occurrenceRank(occurrence: number): number {
  let digits = 1;
  let scale = OCCURRENCE_LIMIT / 10;
  for (let bound = 10; occurrence >= bound; bound *= 10) {
    digits++;
    scale /= 10;
  }
  return occurrence * scale * 16 + digits;
}

const SLASH = 0x2f;

/** Compares two ids (neither holding a `/`) as strings, each as if followed by `/`. */
function compareSegments(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return a.length < b.length ? SLASH - b.charCodeAt(n) : a.charCodeAt(n) - SLASH;
}

/** Dense ranks of ids in the order {@link compareSegments} gives. */
function segmentRanks(values: Iterable<string>): Map<string, number> {
  // Compared in place rather than with a `/` appended: the appended copies are ropes, which
  // the sort would flatten again and again.
  const sorted = [...values].sort(compareSegments);
  return new Map(sorted.map((value, rank) => [value, rank]));
}

/**
 * A number per item such that `ranks[a] < ranks[b]` exactly when `items[a].key < items[b].key`
 * as strings (equal keys, equal ranks).
 *
 * A key is `<opportunityId>/<stepId>/<occurrence>` (see `reminderKey`). When no id holds a `/`,
 * comparing keys is comparing the opportunity ids, then the step ids, each as if followed by
 * `/`, then the occurrences as text: each part is ranked on its own and the ranks combined.
 * Otherwise (or when the combination would not fit a double exactly) the keys themselves are
 * sorted once.
 */
export function keyRanks(items: readonly PlannedItem[]): Float64Array {
  const n = items.length;
  const ranks = new Float64Array(n);
  const opportunityIds = new Set<string>();
  const stepIds = new Set<string>();
  let segmented = true;
  let last: PlannedItem['series'] | undefined;
  for (let i = 0; i < n && segmented; i++) {
    const item = items[i]!;
    if (item.occurrence >= OCCURRENCE_LIMIT || !Number.isInteger(item.occurrence)) {
      segmented = false;
    }
    if (item.series === last) continue;
    last = item.series;
    opportunityIds.add(last.opportunity.id);
    stepIds.add(last.stepId);
  }
  for (const id of opportunityIds) if (id.includes('/')) segmented = false;
  for (const id of stepIds) if (id.includes('/')) segmented = false;
  if (segmented && opportunityIds.size * stepIds.size * OCCURRENCE_SPAN > Number.MAX_SAFE_INTEGER) {
    segmented = false;
  }
  if (!segmented) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const ka = items[a]!.key;
      const kb = items[b]!.key;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    let rank = 0;
    for (let k = 0; k < n; k++) {
      if (k > 0 && items[order[k]!]!.key !== items[order[k - 1]!]!.key) rank++;
      ranks[order[k]!] = rank;
    }
    return ranks;
  }
  const opportunityRanks = segmentRanks(opportunityIds);
  const stepRanks = segmentRanks(stepIds);
  const steps = stepRanks.size;
  let base = 0;
  last = undefined;
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    if (item.series !== last) {
      last = item.series;
      base =
        (opportunityRanks.get(last.opportunity.id)! * steps + stepRanks.get(last.stepId)!) *
        OCCURRENCE_SPAN;
    }
    ranks[i] = base + occurrenceRank(item.occurrence);
  }
  return ranks;
}

/**
 * The permutation that orders items by `days[i]` (day numbers), then by `ranks[i]`: `order[0]`
 * is the index of the first item. Items equal in both keep their relative order.
 */
export function orderByDayThenRank(days: Int32Array, ranks: Float64Array): Uint32Array {
  const n = days.length;
  const order = new Uint32Array(n);
  if (n === 0) return order;
  let min = days[0]!;
  let max = days[0]!;
  for (let i = 1; i < n; i++) {
    const day = days[i]!;
    if (day < min) min = day;
    else if (day > max) max = day;
  }
  if (max - min >= MAX_BUCKETS) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => days[a]! - days[b]! || ranks[a]! - ranks[b]! || a - b);
  }
  const starts = new Uint32Array(max - min + 2);
  for (let i = 0; i < n; i++) starts[days[i]! - min + 1]! += 1;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const next = starts.slice(0, starts.length - 1);
  for (let i = 0; i < n; i++) order[next[days[i]! - min]!++] = i;
  for (let b = 0; b + 1 < starts.length; b++) {
    const from = starts[b]!;
    const to = starts[b + 1]!;
    if (to - from <= 1) continue;
    if (to - from > INSERTION_SORT_MAX) {
      // Indices within a bucket are ascending, so breaking ties by index keeps it stable.
      order.subarray(from, to).sort((x, y) => ranks[x]! - ranks[y]! || x - y);
      continue;
    }
    // A day holds a few dozen items: an insertion sort beats a typed-array sort calling back
    // into a comparator.
    for (let i = from + 1; i < to; i++) {
      const index = order[i]!;
      const rank = ranks[index]!;
      let j = i - 1;
      while (j >= from && ranks[order[j]!]! > rank) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = index;
    }
  }
  return order;
}

/** Days with more items than this are sorted with the built-in sort. */
const INSERTION_SORT_MAX = 256;
