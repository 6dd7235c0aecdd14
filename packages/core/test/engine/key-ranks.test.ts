import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { reminderKey } from '../../src';
import { keyRanks, orderByDayThenRank } from '../../src/engine/order';
import type { PlannedItem, Series } from '../../src/engine/schedule';

/** Items with just what ranking reads: the series' ids, the occurrence and the key. */
function itemsOf(keys: readonly [opportunityId: string, stepId: string, occurrence: number][]) {
  const series = new Map<string, Series>();
  return keys.map(([opportunityId, stepId, occurrence]): PlannedItem => {
    let shared = series.get(`${opportunityId} ${stepId}`);
    if (!shared) {
      shared = { opportunity: { id: opportunityId }, stepId } as Series;
      series.set(`${opportunityId} ${stepId}`, shared);
    }
    return {
      series: shared,
      key: reminderKey(opportunityId, stepId, occurrence),
      occurrence,
    } as PlannedItem;
  });
}

/** Whether ranks order every pair of items as their keys compare as strings. */
function agreesWithKeys(items: readonly PlannedItem[], ranks: Float64Array): boolean {
  for (let a = 0; a < items.length; a++) {
    for (let b = 0; b < items.length; b++) {
      const ka = items[a]!.key;
      const kb = items[b]!.key;
      const expected = ka < kb ? -1 : ka > kb ? 1 : 0;
      if (Math.sign(ranks[a]! - ranks[b]!) !== expected) return false;
    }
  }
  return true;
}

const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,6}$/);
const stepId = fc.oneof(
  id,
  fc.tuple(id, id).map(([cadence, step]) => `${cadence}.${step}`),
);
// Small numbers and numbers one of which is the other followed by zeros, where text order and
// numeric order part.
const occurrence = fc.oneof(
  fc.integer({ min: 1, max: 120 }),
  fc.constantFrom(1, 10, 100, 1_000, 100_000, 2, 20, 9, 90, 99),
  fc.integer({ min: 1, max: 2_000_000 }),
);

describe('keyRanks', () => {
  test('orders ids as keys do where one id extends another with a character below `/`', () => {
    const items = itemsOf([
      ['opp-1', 'a', 1],
      ['opp-1-a', 'a', 1],
      ['opp-10', 'a', 1],
      ['opp-1', 'a.b', 1],
      ['opp-1', 'a-b', 1],
    ]);
    expect(agreesWithKeys(items, keyRanks(items))).toBe(true);
  });

  test('orders occurrences as text: 1, 10, 100, 2', () => {
    const items = itemsOf([
      ['o', 's', 2],
      ['o', 's', 100],
      ['o', 's', 10],
      ['o', 's', 1],
      ['o', 's', 19],
      ['o', 's', 999_999],
    ]);
    expect(agreesWithKeys(items, keyRanks(items))).toBe(true);
  });

  test('falls back to the keys themselves when an id holds a slash or an occurrence is huge', () => {
    const items = itemsOf([
      ['o', 'x/y', 1],
      ['o', 'x', 2],
      ['o', 'x', 1_000_000],
      ['o', 'x', 10],
    ]);
    expect(agreesWithKeys(items, keyRanks(items))).toBe(true);
  });

  test('agrees with comparing keys as strings for any ids and occurrences', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(id, stepId, occurrence), { maxLength: 40 }), (keys) => {
        const items = itemsOf(keys);
        return agreesWithKeys(items, keyRanks(items));
      }),
    );
  });
});

describe('orderByDayThenRank', () => {
  test('orders by day, then rank, keeping items equal in both in their order', () => {
    const days = Int32Array.from([3, 1, 3, 1, 2]);
    const ranks = Float64Array.from([5, 9, 5, 2, 0]);
    expect(Array.from(orderByDayThenRank(days, ranks))).toEqual([3, 1, 4, 0, 2]);
  });
});
