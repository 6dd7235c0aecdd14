// Rules a review of the engine found broken (not about snoozes). Each test failed before its fix.
import { describe, expect, test } from 'vitest';
import {
  type CadenceInput,
  type OpportunityInput,
  type PipelineInput,
  plan,
  RunnerUpError,
} from '../../src';

type TouchpointInput = NonNullable<OpportunityInput['touchpoints']>[number];

const owner = { name: 'Lynne', timezone: 'UTC' } as const;

function single(
  cadence: CadenceInput,
  touchpoints: TouchpointInput[] = [],
  dates: Record<string, string | null> = { decided: '2026-03-02' },
): PipelineInput {
  return {
    version: 1,
    owner,
    opportunities: [{ id: 'o', organization: 'Acme', title: 'PM', dates, cadence, touchpoints }],
  };
}

const rows = (pipeline: PipelineInput, now: string, horizon = 'P6M') =>
  plan(pipeline, { now, horizon }).map((r) => [r.key, r.local.date, r.status]);

const email = (on: string, reminder?: string): TouchpointInput => ({
  on,
  channel: 'email',
  ...(reminder === undefined ? {} : { reminder }),
});

describe('a first step counting from lastTouch', () => {
  // Decided 2026-03-02: `a` falls a week later, `b` a week after `a`.
  const chain: CadenceInput = {
    steps: [
      { id: 'a', from: 'lastTouch', after: 'P1W', title: 'A' },
      { id: 'b', from: 'previous', after: 'P1W', title: 'B' },
    ],
    rules: { businessDays: false },
  };

  test('a touch on its day completes it, and the next touch the step after it', () => {
    // It used to count from the latest touch of all (2026-03-16), leaving both steps overdue a
    // week after it and neither done.
    expect(rows(single(chain, [email('2026-03-09'), email('2026-03-16')]), '2026-04-15')).toEqual([
      ['o/a/1', '2026-03-09', 'done'],
      ['o/b/1', '2026-03-16', 'done'],
    ]);
  });

  test('a touch before it falls due restarts its clock', () => {
    expect(rows(single(chain, [email('2026-03-05')]), '2026-03-06')).toEqual([
      ['o/a/1', '2026-03-12', 'upcoming'],
      ['o/b/1', '2026-03-19', 'upcoming'],
    ]);
  });

  test('ticked by key, each reminder is done on the date it shows', () => {
    // `a` used to show 2026-03-23, "done on 2026-03-09", counting from the tick of `b`.
    expect(
      rows(
        single(chain, [email('2026-03-09', 'o/a/1'), email('2026-03-16', 'o/b/1')]),
        '2026-04-15',
      ),
    ).toEqual([
      ['o/a/1', '2026-03-09', 'done'],
      ['o/b/1', '2026-03-16', 'done'],
    ]);
  });

  test('a tick of a later repeat does not move it', () => {
    const repeating: CadenceInput = {
      steps: [
        { id: 'first', from: 'lastTouch', after: 'P1W', title: 'First' },
        { id: 'second', from: 'previous', after: 'P1W', title: 'Second' },
      ],
      repeat: { every: 'P2W' },
      rules: { businessDays: false },
    };
    const before = plan(single(repeating), { now: '2026-04-15', horizon: 'P1M' });
    const after = plan(single(repeating, [email('2026-04-13', 'o/second/3')]), {
      now: '2026-04-15',
      horizon: 'P1M',
    });
    const first = (reminders: typeof before) => reminders.find((r) => r.key === 'o/first/1');
    expect(first(after)?.local.date).toBe('2026-03-09');
    expect(first(after)).toEqual(first(before));
  });
});

describe('the touches that restart a first lastTouch step', () => {
  const cadence: CadenceInput = {
    steps: [
      { id: 'a', from: 'lastTouch', after: 'P1W', title: 'A' },
      { id: 'b', from: 'decided', after: 'P6W', title: 'B' },
    ],
    rules: { businessDays: false },
  };

  test('are spent on it: none completes a later step', () => {
    // The touch of 2026-03-05 only restarted `a`; it used to complete `b` (due 2026-04-13) too.
    expect(rows(single(cadence, [email('2026-03-05'), email('2026-03-10')]), '2026-03-11')).toEqual(
      [
        ['o/a/1', '2026-03-17', 'upcoming'],
        ['o/b/1', '2026-04-13', 'upcoming'],
      ],
    );
  });

  test('two on one day restart it once, and neither completes it', () => {
    const one: CadenceInput = { ...cadence, steps: [cadence.steps[0]!] };
    const call: TouchpointInput = { on: '2026-03-05', channel: 'call' };
    expect(rows(single(one, [email('2026-03-05'), call]), '2026-03-06')).toEqual([
      ['o/a/1', '2026-03-12', 'upcoming'],
    ]);
  });

  test('do not include touches before the decision, which belong to the selection', () => {
    // A thank-you after the interview used to pull the step before the decision, overdue at once.
    expect(rows(single(cadence, [email('2026-02-10')]), '2026-03-02')).toEqual([
      ['o/a/1', '2026-03-09', 'upcoming'],
      ['o/b/1', '2026-04-13', 'upcoming'],
    ]);
  });
});

test('an inbound touch on the decision day does not reset the count of unanswered touches', () => {
  // Two unanswered touches hand over to `quarterly`, whatever the order of the decision day's
  // touches in the file.
  const cadence: CadenceInput = {
    steps: [{ id: 'a', from: 'decided', after: 'P1D', title: 'A' }],
    rules: { businessDays: false, maxUnanswered: 2, thenCadence: 'quarterly' },
  };
  const call: TouchpointInput = { on: '2026-03-02', channel: 'call', direction: 'in' };
  const keys = (touchpoints: TouchpointInput[]) =>
    plan(single(cadence, touchpoints), { now: '2026-03-10' }).map((r) => r.key);
  const outFirst = keys([email('2026-03-02'), call, email('2026-03-05')]);
  expect(outFirst).toContain('o/quarterly.check-in/1');
  expect(keys([call, email('2026-03-02'), email('2026-03-05')])).toEqual(outFirst);
});

test('a tick of a lastTouch step or of its repeats is not what the step counts from', () => {
  // `b` counts from your last touch up to `a` (2026-04-01): the touch of 2026-03-02.
  const cadence: CadenceInput = {
    steps: [
      { id: 'a', from: 'kickoff', after: 'P0D', title: 'A' },
      { id: 'b', from: 'lastTouch', after: 'P1W', title: 'B' },
    ],
    repeat: { every: 'P1W' },
    rules: { businessDays: false },
  };
  const dates = { decided: '2026-03-01', kickoff: '2026-04-01' };
  const touches = (...more: TouchpointInput[]) => [email('2026-03-02'), ...more];
  const b = (pipeline: PipelineInput) =>
    rows(pipeline, '2026-03-20').filter(([key]) => key === 'o/b/1' || key === 'o/b/2');
  expect(b(single(cadence, touches(), dates))).toEqual([
    ['o/b/1', '2026-03-09', 'overdue'],
    ['o/b/2', '2026-03-16', 'overdue'],
  ]);
  // Each tick used to become the date `b` counts from, moving `b/1` onto it.
  // Done a day late: the repeats count from that day.
  expect(b(single(cadence, touches(email('2026-03-10', 'o/b/1')), dates))).toEqual([
    ['o/b/1', '2026-03-09', 'done'],
    ['o/b/2', '2026-03-17', 'overdue'],
  ]);
  expect(b(single(cadence, touches(email('2026-03-16', 'o/b/2')), dates))).toEqual([
    ['o/b/1', '2026-03-09', 'overdue'],
    ['o/b/2', '2026-03-16', 'done'],
  ]);
});

test('a lastTouch step after a step waiting for its date waits too', () => {
  const cadence: CadenceInput = {
    steps: [
      { id: 'thanks', from: 'decided', after: 'P1D', title: 'Thanks' },
      { id: 'day90', from: 'winnerStarts', after: 'P11W', title: 'Day 90' },
      { id: 'nudge', from: 'lastTouch', after: 'P2W', title: 'Nudge' },
    ],
    rules: { businessDays: false },
  };
  const dates = { decided: '2026-03-02', winnerStarts: null };
  // `nudge` used to appear on 2026-03-17, two weeks after the thank-you.
  expect(rows(single(cadence, [email('2026-03-03')], dates), '2026-03-10', 'P1Y')).toEqual([
    ['o/thanks/1', '2026-03-03', 'done'],
  ]);
});

test('a touch completes a step from its anchor date, even when a step listed before falls later', () => {
  const cadence: CadenceInput = {
    steps: [
      { id: 'kickoff-call', from: 'kickoff', after: 'P2W', title: 'Call after kickoff' },
      { id: 'debrief', from: 'decided', after: 'P1D', title: 'Ask for a debrief' },
    ],
    rules: { businessDays: false },
  };
  const dates = { decided: '2026-03-02', kickoff: '2026-04-01' };
  // The debrief used to stay overdue: its window opened on the kickoff call's date.
  expect(rows(single(cadence, [email('2026-03-03')], dates), '2026-03-10')).toEqual([
    ['o/debrief/1', '2026-03-03', 'done'],
    ['o/kickoff-call/1', '2026-04-15', 'upcoming'],
  ]);
});

test("a hand-over's estimates do not change the first cadence's texts", () => {
  const pipeline: PipelineInput = {
    version: 1,
    owner,
    cadences: {
      first: {
        estimates: { winnerStarts: { from: 'decided', after: 'P3W' } },
        steps: [
          { id: 'hello', from: 'decided', after: 'P1D', title: 'Hello' },
          { id: 'ws', from: 'winnerStarts', after: 'P0D', title: 'Starts {dates.winnerStarts}' },
        ],
        rules: { businessDays: false, maxUnanswered: 1, thenCadence: 'second' },
      },
      second: {
        estimates: { winnerStarts: { from: 'decided', after: 'P8W' } },
        steps: [
          { id: 'later', from: 'winnerStarts', after: 'P1W', title: 'Then {dates.winnerStarts}' },
        ],
        rules: { businessDays: false },
      },
    },
    opportunities: [
      {
        id: 'o',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-03-02' },
        cadence: 'first',
        touchpoints: [email('2026-03-25')],
      },
    ],
  };
  const titles = plan(pipeline, { now: '2026-03-01', horizon: 'P1Y' }).map((r) => [r.key, r.title]);
  // `ws` used to read "Starts 2026-04-27", the second cadence's estimate.
  expect(titles).toEqual([
    ['o/hello/1', 'Hello'],
    ['o/ws/1', 'Starts 2026-03-23'],
    ['o/second.later/1', 'Then 2026-04-27'],
  ]);
});

describe('replies', () => {
  const cadence: CadenceInput = {
    steps: [{ id: 'thanks', from: 'decided', after: 'P1D', title: 'Thanks' }],
    rules: { businessDays: false },
  };

  test('an inbound touch on the decision day is not a reply', () => {
    // The call that told you that you came second used to stop the cadence.
    const call: TouchpointInput = { on: '2026-03-02', channel: 'call', direction: 'in' };
    expect(rows(single(cadence, [call]), '2026-03-02')).toEqual([
      ['o/thanks/1', '2026-03-03', 'upcoming'],
    ]);
  });

  test('an inbound touch the day after is one', () => {
    const reply: TouchpointInput = { on: '2026-03-03', channel: 'email', direction: 'in' };
    expect(rows(single(cadence, [reply]), '2026-03-04')).toEqual([
      ['o/thanks/1', '2026-03-03', 'skipped'],
    ]);
  });
});

test('without restartOnTouch, the why of a lastTouch step does not claim that no touch exists', () => {
  const cadence: CadenceInput = {
    steps: [
      { id: 'a', from: 'decided', after: 'P1W', title: 'A' },
      { id: 'b', from: 'lastTouch', after: 'P2W', title: 'B' },
    ],
    rules: { businessDays: false, restartOnTouch: false },
  };
  // `a` is done late, on 2026-03-12: `b` counts from the date `a` was planned for.
  const b = plan(single(cadence, [email('2026-03-12')]), { now: '2026-03-13' }).find(
    (r) => r.stepId === 'b',
  );
  expect(b?.why).toBe(
    'Planned 2 weeks after the previous step (2026-03-09), as no touch is recorded by then.',
  );
});

describe('the last date runner-up plans', () => {
  const monthly: CadenceInput = {
    steps: [{ id: 's', from: 'decided', after: 'P1W', title: 'S' }],
    repeat: { every: 'P1M' },
    rules: { businessDays: false },
  };

  test('a horizon reaching past 9999-12-30 is refused, naming the option', () => {
    // It used to plan nothing at all: dates of five-digit years sorted before every other.
    let caught: unknown;
    try {
      plan(single(monthly), { now: '2026-03-01', horizon: 'P8000Y' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RunnerUpError);
    expect(caught).toMatchObject({ code: 'invalid_options', path: ['horizon'] });
    expect((caught as Error).message).toBe(
      '[runner-up] [plan] `horizon`: P8000Y from 2026-03-01 reaches past 9999-12-30, the last day runner-up plans; give a shorter duration or an earlier date.',
    );
    // The last day itself is refused too: a reminder on it would fall in the year 10000 in UTC
    // for anyone west of it.
    expect(() => plan(single(monthly), { now: '2026-03-01', horizon: '9999-12-31' })).toThrow(
      '`horizon`: 9999-12-31 reaches past 9999-12-30',
    );
  });

  test('a cadence running into the year 10000 plans what falls by the horizon', () => {
    const dates = { decided: '9999-10-01' };
    const horizon = '9999-12-30';
    const now = '2026-03-01';
    // It used to throw "Invalid date … 10000-01-08" for `every`, and an invalid RRULE start.
    expect(rows(single(monthly, [], dates), now, horizon).map((r) => r[1])).toEqual([
      '9999-10-08',
      '9999-11-08',
      '9999-12-08',
    ]);
    const rrule = { ...monthly, repeat: { rrule: 'FREQ=MONTHLY' } };
    expect(rows(single(rrule, [], { decided: '9999-12-30' }), now, horizon)).toEqual([]);
    expect(rows(single(monthly, [], { decided: '9999-12-30' }), now, horizon)).toEqual([]);
  });
});
