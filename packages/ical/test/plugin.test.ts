import { createRegistry, type SyncOptions } from '@runner-up/core';
import { describe, expect, it } from 'vitest';
import { createFeedHandler, icalPlugin, icalSink } from '../src/index';
import { reminder, unfoldedLines } from './helpers';

const now = () => new Date('2026-11-30T12:00:00Z');

describe('icalPlugin', () => {
  it('registers as the `ical` plugin with an `ical` sink', () => {
    const registry = createRegistry([icalPlugin({ write: () => {} })]);
    expect(registry.sinks.get('ical')?.name).toBe('ical');
  });

  it('rejects a missing write function', () => {
    expect(() => icalSink({} as never)).toThrow(
      '[runner-up] [ical] Missing required option `write`.',
    );
  });
});

describe('icalSink', () => {
  it('writes the calendar and counts each event once: created, updated, unchanged or cancelled', async () => {
    const written: string[] = [];
    const sink = icalSink({ write: (text) => void written.push(text), now });
    const a = reminder();
    const b = reminder({ key: 'acme-pm/check-in/1', stepId: 'check-in' });
    const first = await sink.sync([a, b]);
    expect(first).toMatchObject({
      sink: 'ical',
      created: 2,
      updated: 0,
      unchanged: 0,
      dryRun: false,
    });
    const second = await sink.sync([a, { ...b, status: 'cancelled' }]);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 1, cancelled: 1 });
    expect(written).toHaveLength(2);
    expect(unfoldedLines(written[1]!)).toContain('STATUS:CANCELLED');
    // Written cancelled again: unchanged. A moved reminder: updated.
    const third = await sink.sync([
      { ...a, due: '2026-11-24T15:30:00.000Z' },
      { ...b, status: 'cancelled' },
    ]);
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 1, cancelled: 0 });
  });

  it('refuses a `now` that is no clock when made, as the feed handler does (regression: TypeError at the first sync)', () => {
    const at = Date.parse('2026-11-30T15:00:00Z');
    for (const [now, got] of [
      [at, 'number'],
      [new Date(at), 'a Date'],
      ['2026-11-30T15:00:00Z', 'string'],
    ] as const) {
      const message = `[runner-up] [ical] option \`now\`: expected a clock, a function returning the current Date such as \`() => new Date()\`, got ${got}; \`toIcs\` and \`toCalendar\` take a fixed \`now\`.`;
      const wrong = now as unknown as () => Date;
      expect(() => icalSink({ write() {}, now: wrong })).toThrow(
        expect.objectContaining({ code: 'invalid_options', path: ['now'], message }),
      );
      expect(() =>
        createFeedHandler({
          token: 'f3b1c9d2e8a7465b9c0d1e2f3a4b5c6d',
          load: () => [],
          now: wrong,
        }),
      ).toThrow(message);
    }
  });

  it('writes nothing and keeps its state in a dry run', async () => {
    const written: string[] = [];
    const sink = icalSink({ write: (text) => void written.push(text), now });
    const report = await sink.sync([reminder()], { dryRun: true });
    expect(report).toMatchObject({ created: 1, dryRun: true });
    expect(written).toEqual([]);
    expect((await sink.sync([reminder()])).created).toBe(1);
  });

  it('refuses a misspelt sync option rather than writing for real', async () => {
    const written: string[] = [];
    const sink = icalSink({ write: (text) => void written.push(text), now });
    const options = { dryrun: true } as SyncOptions;
    await expect(sink.sync([reminder()], options)).rejects.toMatchObject({
      code: 'invalid_options',
      message: '[runner-up] [ical] Unknown option `dryrun`; did you mean `dryRun`?',
    });
    expect(written).toEqual([]);
    // Its state is untouched too: the first real sync still creates the event.
    expect((await sink.sync([reminder()])).created).toBe(1);
  });

  it('stops with an `aborted` error when the signal is already aborted', async () => {
    const sink = icalSink({ write: () => {}, now });
    await expect(sink.sync([reminder()], { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'aborted',
    });
  });
});
