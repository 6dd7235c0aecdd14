import { describe, expect, test } from 'vitest';
import { plan, RunnerUpError } from '../../src';
import { early, step, withCadence } from './fixtures';

const cadence = {
  estimates: { winnerStarts: { from: 'decided', after: 'P3W' } },
  steps: [
    {
      ...step('day-90', 'winnerStarts', 'P11W'),
      talkingPoints: ['The winner started around {dates.winnerStarts}.'],
    },
  ],
};

describe('anchor estimates', () => {
  test('estimates a missing anchor and says so in `why`', () => {
    const reminders = plan(withCadence(cadence), { now: early });
    // 20 Nov + 3 weeks = 11 Dec; + 11 weeks = Fri 26 Feb 2027.
    expect(reminders[0]!.local.date).toBe('2027-02-26');
    expect(reminders[0]!.why).toBe(
      'Planned 11 weeks after winnerStarts (2026-12-11); winnerStarts is not known yet, so it is estimated as 3 weeks after decided (2026-11-20).',
    );
    expect(reminders[0]!.talkingPoints).toEqual(['The winner started around 2026-12-11.']);
  });

  test('estimates an anchor that is known to exist but is still null', () => {
    const reminders = plan(
      withCadence(cadence, { dates: { decided: '2026-11-20', winnerStarts: null } }),
      { now: early },
    );
    expect(reminders[0]!.why).toContain('is estimated');
  });

  test('a date named like an Object.prototype member is no estimate: its step waits for it', () => {
    const reminders = plan(
      withCadence(
        { ...cadence, steps: [...cadence.steps, step('later', 'constructor', 'P1D')] },
        { dates: { decided: '2026-11-20', constructor: null } },
      ),
      { now: early },
    );
    expect(reminders.map((r) => r.stepId)).toEqual(['day-90']);
  });

  test('uses the real date as soon as it is known', () => {
    const reminders = plan(
      withCadence(cadence, { dates: { decided: '2026-11-20', winnerStarts: '2027-01-04' } }),
      { now: early },
    );
    expect(reminders[0]!.local.date).toBe('2027-03-22');
    expect(reminders[0]!.why).not.toContain('estimate');
  });

  test('an estimate counted from another estimate says that one is estimated too', () => {
    const reminders = plan(
      withCadence({
        estimates: {
          kickoff: { from: 'decided', after: 'P4W' },
          renewalReview: { from: 'kickoff', after: 'P9M' },
        },
        steps: [step('before-renewal', 'renewalReview', 'P3D')],
      }),
      { now: early },
    );
    // 20 Nov + 4 weeks = 18 Dec; + 9 months = Sat 18 Sep 2027; + 3 days = Tue 21 Sep.
    expect(reminders[0]!.why).toBe(
      'Planned 3 days after renewalReview (2027-09-18); renewalReview is not known yet, so it is estimated as 9 months after kickoff (2026-12-18), itself estimated as 4 weeks after decided (2026-11-20).',
    );
  });

  test('fills an estimate in a text when no step counts from it', () => {
    const reminders = plan(
      withCadence({
        estimates: {
          winnerStarts: { from: 'decided', after: 'P3W' },
          settled: { from: 'winnerStarts', after: 'P90D' },
          // Counts from a date the opportunity does not have yet: nothing to write.
          renewal: { from: 'signed', after: 'P1Y' },
        },
        steps: [
          {
            ...step('thank-you', 'decided', 'P1D'),
            talkingPoints: [
              'The winner starts around {dates.winnerStarts}, settled by {dates.settled}.',
              'Renewal: {dates.renewal}.',
            ],
          },
        ],
      }),
      { now: early },
    );
    // 20 Nov + 3 weeks = 11 Dec; + 90 days = 11 Mar 2027.
    expect(reminders[0]!.talkingPoints).toEqual([
      'The winner starts around 2026-12-11, settled by 2027-03-11.',
      'Renewal: {dates.renewal}.',
    ]);
  });

  test('fills a chain of thousands of estimates, and leaves one with no date to count from', () => {
    const estimates: Record<string, { from: string; after: string }> = {};
    const length = 8_000;
    for (let i = 0; i < length; i++) {
      estimates[`e${i}`] = { from: i === length - 1 ? 'decided' : `e${i + 1}`, after: 'P0D' };
      // A second chain that ends at a date the opportunity does not have.
      estimates[`x${i}`] = { from: i === length - 1 ? 'signed' : `x${i + 1}`, after: 'P1D' };
    }
    const reminders = plan(
      withCadence({
        estimates,
        steps: [{ ...step('hello', 'decided', 'P1D'), talkingPoints: ['{dates.e0} {dates.x0}'] }],
      }),
      { now: early },
    );
    expect(reminders[0]!.talkingPoints).toEqual(['2026-11-20 {dates.x0}']);
  });

  test('writes no estimate past the last date there is', () => {
    const reminders = plan(
      withCadence(
        {
          estimates: { winnerStarts: { from: 'decided', after: 'P3W' } },
          steps: [
            {
              ...step('thank-you', 'decided', 'P1D'),
              talkingPoints: ['Around {dates.winnerStarts}.'],
            },
            // Counts from the estimate, past the last date: planned for no day.
            step('later', 'winnerStarts', 'P1D'),
          ],
        },
        { dates: { decided: '9999-12-20' } },
      ),
      { now: '9999-12-20T12:00:00Z', horizon: '9999-12-30' },
    );
    expect(reminders.map((r) => r.stepId)).toEqual(['thank-you']);
    expect(reminders[0]!.talkingPoints).toEqual(['Around {dates.winnerStarts}.']);
  });

  test('estimates that depend on each other are an unknown_anchor error', () => {
    const looping = {
      estimates: { a: { from: 'b', after: 'P1D' }, b: { from: 'a', after: 'P1D' } },
      steps: [step('x', 'a', 'P1D')],
    };
    expect(() => plan(withCadence(looping), { now: early })).toThrow(RunnerUpError);
    // Found when the pipeline is checked, as parsePipeline does, at the estimate that closes the loop.
    expect(() => plan(withCadence(looping), { now: early })).toThrow(
      /`opportunities\[0\]\.cadence\.estimates\.b\.from`: the estimates of `a` → `b` → `a` count from each other/,
    );
  });
});
