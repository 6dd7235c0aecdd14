/**
 * A cadence handed over to plans nothing before the hand-over. Found in review: its steps that
 * count from a date of the opportunity (`decided`, an estimate) fell before the hand-over and
 * were overdue at once: handing over to `silver-medalist` six months after the decision asked for
 * the "you were a close second" call of the day after the decision, and the steps counting from
 * it, all at once.
 */
import { describe, expect, test } from 'vitest';
import { type PipelineInput, plan } from '../../src';

/** Two unanswered emails hand over from `first` to `next`; `touches` are those recorded. */
function handingOver(next: string, touches: string[], dates: object): PipelineInput {
  return {
    version: 1,
    owner: { name: 'Lynne', timezone: 'UTC' },
    cadences: {
      first: {
        steps: [
          { id: 'a', action: 'email', from: 'decided', after: 'P1D', title: 'Write' },
          { id: 'b', action: 'email', from: 'previous', after: 'P1M', title: 'Write again' },
        ],
        rules: { maxUnanswered: 2, thenCadence: next },
      },
    },
    opportunities: [
      {
        id: 'o',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-01-05', ...dates },
        contacts: [{ name: 'Dana Lee', email: 'dana@acme.example' }],
        cadence: 'first',
        touchpoints: touches.map((on) => ({ on, channel: 'email' as const })),
      },
    ],
  };
}

const lines = (input: PipelineInput, now: string, horizon = 'P12M') =>
  plan(input, { now, horizon })
    .filter((r) => r.key.includes('.'))
    .map((r) => `${r.key} ${r.local.date} ${r.status}: ${r.why}`);

describe('a cadence handed over to', () => {
  test('leaves out a step that would fall before the hand-over; the next counts from the hand-over', () => {
    // Handed over on 2026-07-01, six months after the decision.
    const input = handingOver('silver-medalist', ['2026-01-06', '2026-07-01'], {});
    expect(lines(input, '2026-07-02T12:00:00Z')).toEqual([
      'o/silver-medalist.share-openings/1 2026-08-12 upcoming: Planned 6 weeks after the hand-over from cadence `first` (2026-07-01).',
      'o/silver-medalist.availability-check/1 2026-11-12 upcoming: Planned 3 months after the previous step (2026-08-12).',
      'o/silver-medalist.availability-check/2 2027-03-12 upcoming: Planned as repeat 1 of every 4 months after the last step (2026-11-12).',
    ]);
    // Nothing of it is overdue the day after the hand-over.
    const statuses = plan(input, { now: '2026-07-02T12:00:00Z' }).map((r) => r.status);
    expect(statuses).not.toContain('overdue');
  });

  test('keeps a step that counts from a date after the hand-over', () => {
    // proposal-runner-up: ask-debrief counts from `decided` (left out); after-kickoff from the
    // kickoff, known and after the hand-over (kept); before-renewal from the renewal review.
    const input = handingOver('proposal-runner-up', ['2026-01-07', '2026-03-02'], {
      kickoff: '2026-04-01',
      renewalReview: '2026-10-01',
    });
    expect(lines(input, '2026-03-03T12:00:00Z', 'P18M')).toEqual([
      'o/proposal-runner-up.after-kickoff/1 2026-05-13 upcoming: Planned 6 weeks after kickoff (2026-04-01).',
      'o/proposal-runner-up.before-renewal/1 2026-10-01 upcoming: Planned on the day of renewalReview (2026-10-01).',
      'o/proposal-runner-up.before-renewal/2 2027-04-01 upcoming: Planned as repeat 1 of every 6 months after the last step (2026-10-01).',
    ]);
  });

  test("leaves out a named date's step and its repeats before the hand-over, and keeps the later ones", () => {
    // The renewal review (2026-04-01) and its first repeat (2026-10-01) fall before the hand-over
    // of 2026-11-02; the second repeat (2027-04-01) after it.
    const input = handingOver('proposal-runner-up', ['2026-01-07', '2026-11-02'], {
      kickoff: '2026-02-01',
      renewalReview: '2026-04-01',
    });
    expect(lines(input, '2026-11-03T12:00:00Z')).toEqual([
      'o/proposal-runner-up.before-renewal/3 2027-04-01 upcoming: Planned as repeat 2 of every 6 months after the last step (2026-04-01, before the hand-over, so not planned).',
    ]);
  });

  test('a touch after the hand-over completes the first step planned after it', () => {
    const input = handingOver('silver-medalist', ['2026-01-06', '2026-07-01', '2026-07-03'], {});
    expect(lines(input, '2026-07-04T12:00:00Z').slice(0, 2)).toEqual([
      'o/silver-medalist.share-openings/1 2026-08-12 done: Planned 6 weeks after the hand-over from cadence `first` (2026-07-01); done on 2026-07-03.',
      'o/silver-medalist.availability-check/1 2026-10-05 upcoming: Planned 3 months after your touch on 2026-07-03 that completed the previous step; moved from Saturday 2026-10-03 to the next workday.',
    ]);
  });

  test('leaves out a step on the day of the hand-over, which had its touch', () => {
    // `first` hands over on the decision day's next business day, the day close-second is due:
    // the touch of that day was the first cadence's, and the call would be overdue the next day.
    const input = handingOver('silver-medalist', ['2026-01-05', '2026-01-06'], {});
    expect(lines(input, '2026-01-06T20:00:00Z')[0]).toBe(
      'o/silver-medalist.share-openings/1 2026-02-17 upcoming: Planned 6 weeks after the hand-over from cadence `first` (2026-01-06).',
    );
  });
});

/** `first` hands over to `bb` on 2026-07-01 (two unanswered touches); `bb` is given. */
function toBb(bb: object, extra: object = {}): PipelineInput {
  const input = handingOver('bb', ['2026-01-06', '2026-07-01'], {});
  input.cadences!.bb = bb as never;
  Object.assign(input.opportunities![0]!, extra);
  return input;
}

const fromDecided = (id: string, after: string) => ({ id, from: 'decided', after, title: id });
const fromPrevious = (id: string, after: string) => ({ id, from: 'previous', after, title: id });

describe('what is before the hand-over (review)', () => {
  test('is judged on the date a step falls on, before a snooze moves it', () => {
    const bb = { steps: [fromDecided('s1', 'P1W'), fromPrevious('s2', 'P1M')] };
    // The snooze would move s1 (2026-01-12) to 2026-08-17, after the hand-over: still left out.
    const input = toBb(bb, { snoozedUntil: '2026-08-15' });
    expect(lines(input, '2026-07-04T12:00:00Z')).toEqual([
      'o/bb.s2/1 2026-08-17 upcoming: Planned 1 month after the hand-over from cadence `first` (2026-07-01); moved from Saturday 2026-08-01 to the next workday; snoozed from 2026-08-03 until 2026-08-15, then to the next workday.',
    ]);
  });

  test('is judged before a move to a workday: a step moved past the hand-over by a holiday stays out', () => {
    // s1 falls on Wednesday 2026-07-01, the day of the hand-over and a holiday: moved to the next
    // workday it would come after the hand-over; judged on the day it falls on, it is left out.
    const bb = { steps: [fromDecided('s1', 'P5M26D')] };
    const input = toBb(bb);
    input.owner!.holidays = ['2026-07-01'];
    expect(lines(input, '2026-07-06T12:00:00Z')).toEqual([]);
  });

  test('a step after one left out counts from the last step planned', () => {
    const bb = {
      steps: [fromPrevious('s1', 'P2W'), fromDecided('s2', 'P3M'), fromPrevious('s3', 'P2W')],
    };
    expect(lines(toBb(bb), '2026-07-02T12:00:00Z')).toEqual([
      'o/bb.s1/1 2026-07-15 upcoming: Planned 2 weeks after the hand-over from cadence `first` (2026-07-01).',
      'o/bb.s3/1 2026-07-29 upcoming: Planned 2 weeks after the previous step (2026-07-15).',
    ]);
  });

  test('the repeats of a last step left out say it is not planned', () => {
    const bb = { steps: [fromDecided('s1', 'P1W')], repeat: { every: 'P2M' } };
    expect(lines(toBb(bb), '2026-07-02T12:00:00Z')[0]).toBe(
      'o/bb.s1/4 2026-07-13 upcoming: Planned as repeat 3 of every 2 months after the last step (2026-01-12, before the hand-over, so not planned); moved from Sunday 2026-07-12 to the next workday.',
    );
  });

  test('a hand-over to a cadence whose steps all fell by it says it has nothing left to plan', () => {
    const bb = { steps: [fromDecided('s1', 'P1W'), fromDecided('s2', 'P2W')] };
    const reminders = plan(toBb(bb), { now: '2026-07-02T12:00:00Z', horizon: 'P12M' });
    expect(reminders.map((r) => `${r.key} ${r.status}`)).toEqual(['o/a/1 done', 'o/b/1 done']);
    expect(reminders[1]!.why).toBe(
      'Planned 1 month after the previous step (2026-01-06); done on 2026-07-01; no reply to this and the touch before it (`maxUnanswered: 2`), so cadence `first` hands over to `bb`, which has nothing left to plan.',
    );
    // One that plans something says nothing of the kind.
    const planning = plan(toBb({ steps: [fromPrevious('s1', 'P1W')] }), {
      now: '2026-07-02T12:00:00Z',
    });
    expect(planning[1]!.why).toMatch(/hands over to `bb`\.$/);
  });

  test('a step a touch names (a tick read back by sync) stays, done', () => {
    const bb = { steps: [fromDecided('s1', 'P1W'), fromPrevious('s2', 'P1M')] };
    const input = toBb(bb);
    input.opportunities![0]!.touchpoints!.push({
      on: '2026-07-03',
      channel: 'email',
      reminder: 'o/bb.s1/1',
    });
    expect(lines(input, '2026-07-04T12:00:00Z')).toEqual([
      'o/bb.s1/1 2026-01-12 done: Planned 1 week after decided (2026-01-05); done on 2026-07-03.',
      'o/bb.s2/1 2026-08-03 upcoming: Planned 1 month after your touch on 2026-07-03 that completed the previous step.',
    ]);
  });
});
