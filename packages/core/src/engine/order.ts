/**
 * Ordering by day then key without comparing date strings: a counting sort on day numbers, then
 * a key sort inside each day (a day holds a few dozen reminders even in a large plan).
 *
 * @module
 */

/** Beyond this many days between the first and last day, fall back to a comparison sort. */
const MAX_BUCKETS = 1 << 20;

/**
 * `values` ordered by `days[i]` (the day number of `values[i]`), then by `key` (unique, so the
 * order is total).
 */
export function sortByDayThenKey<T extends { key: string }>(
  values: readonly T[],
  days: Int32Array,
): T[] {
  const n = values.length;
  if (n === 0) return [];
  let min = days[0]!;
  let max = days[0]!;
  for (let i = 1; i < n; i++) {
    const day = days[i]!;
    if (day < min) min = day;
    else if (day > max) max = day;
  }
  if (max - min >= MAX_BUCKETS) {
    const order = Array.from(values.keys());
    order.sort((a, b) => days[a]! - days[b]! || byKey(values[a]!, values[b]!));
    return order.map((i) => values[i]!);
  }
  const starts = new Uint32Array(max - min + 2);
  for (let i = 0; i < n; i++) starts[days[i]! - min + 1]! += 1;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const sorted: T[] = new Array(n);
  const next = starts.slice(0, starts.length - 1);
  for (let i = 0; i < n; i++) sorted[next[days[i]! - min]!++] = values[i]!;
  const bucket: T[] = [];
  for (let b = 0; b + 1 < starts.length; b++) {
    const from = starts[b]!;
    const to = starts[b + 1]!;
    if (to - from < 2) continue;
    bucket.length = 0;
    for (let i = from; i < to; i++) bucket.push(sorted[i]!);
    bucket.sort(byKey);
    for (let i = from; i < to; i++) sorted[i] = bucket[i - from]!;
  }
  return sorted;
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
