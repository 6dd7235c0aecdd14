/**
 * expandRRule() + toInstant() against python-dateutil, the reference RRULE implementation.
 * The fixtures come from scripts/gen-recurrence-fixtures.py (see its header for how each case is
 * expanded) and are committed, so this runs without Python.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandRRule } from '../../src/time/recurrence';
import { toInstant, toLocal } from '../../src/time/zoned';

interface WallTime {
  date: string;
  time: string;
}

interface GoldenCase {
  name: string;
  rule: string;
  start: WallTime;
  range: { until: string; max?: number };
  occurrences: Array<{ floating: WallTime; instant: string; local: WallTime }>;
}

interface GoldenFile {
  zone: string;
  reference: string;
  cases: GoldenCase[];
}

const directory = new URL('../fixtures/recurrence/', import.meta.url);
const files: GoldenFile[] = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as GoldenFile);

it('has golden cases for every zone the DST policy must handle', () => {
  expect(files.map((file) => file.zone).sort()).toEqual([
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Europe/London',
  ]);
  expect(files.flatMap((file) => file.cases).length).toBeGreaterThanOrEqual(40);
});

for (const file of files) {
  describe(`${file.zone} (reference: ${file.reference})`, () => {
    it.each(file.cases.map((c) => [`${c.name}: ${c.rule}`, c] as const))(
      'matches dateutil for %s',
      (_label, golden) => {
        const floating = expandRRule(golden.rule, golden.start, golden.range);
        expect(floating).toEqual(golden.occurrences.map((o) => o.floating));
        const instants = floating.map((o) =>
          new Date(toInstant(o.date, o.time, file.zone)).toISOString().replace('.000Z', 'Z'),
        );
        expect(instants).toEqual(golden.occurrences.map((o) => o.instant));
        const local = golden.occurrences.map((o) => toLocal(Date.parse(o.instant), file.zone));
        expect(local).toEqual(golden.occurrences.map((o) => o.local));
      },
    );
  });
}
