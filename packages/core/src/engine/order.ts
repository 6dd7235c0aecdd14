/**
 * Ordering by day then key without comparing date strings: a counting sort on day numbers, then
 * a key sort inside each day (a day holds a few dozen reminders even in a large plan).
 *
 * @module
 */

/** Beyond this many days between the first and last day, fall back to a comparison sort. */
const MAX_BUCKETS = 1 << 20;

/**
 * The permutation that orders items by `days[i]` (day numbers), then by `keyOf(i)` (unique, so
 * the order is total): `order[0]` is the index of the first item.
 */
export function orderByDayThenKey(days: Int32Array, keyOf: (index: number) => string): Uint32Array {
  const n = days.length;
  const order = new Uint32Array(n);
  if (n === 0) return order;
  const byKey = (a: number, b: number): number => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  let min = days[0]!;
  let max = days[0]!;
  for (let i = 1; i < n; i++) {
    const day = days[i]!;
    if (day < min) min = day;
    else if (day > max) max = day;
  }
  if (max - min >= MAX_BUCKETS) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => days[a]! - days[b]! || byKey(a, b));
  }
  const starts = new Uint32Array(max - min + 2);
  for (let i = 0; i < n; i++) starts[days[i]! - min + 1]! += 1;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const next = starts.slice(0, starts.length - 1);
  for (let i = 0; i < n; i++) order[next[days[i]! - min]!++] = i;
  const keys: string[] = [];
  for (let b = 0; b + 1 < starts.length; b++) {
    const from = starts[b]!;
    const to = starts[b + 1]!;
    if (to - from <= 1) continue;
    if (to - from > INSERTION_SORT_MAX) {
      order.subarray(from, to).sort(byKey);
      continue;
    }
    // A day holds a few dozen items: an insertion sort on keys read once beats a typed-array
    // sort calling back into a comparator.
    keys.length = 0;
    for (let i = from; i < to; i++) keys.push(keyOf(order[i]!));
    for (let i = 1; i < keys.length; i++) {
      const key = keys[i]!;
      const index = order[from + i]!;
      let j = i - 1;
      while (j >= 0 && keys[j]! > key) {
        keys[j + 1] = keys[j]!;
        order[from + j + 1] = order[from + j]!;
        j--;
      }
      keys[j + 1] = key;
      order[from + j + 1] = index;
    }
  }
  return order;
}

/** Days with more items than this are sorted with the built-in sort. */
const INSERTION_SORT_MAX = 256;
