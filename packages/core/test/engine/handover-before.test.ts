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
      'o/proposal-runner-up.before-renewal/3 2027-04-01 upcoming: Planned as repeat 2 of every 6 months after the last step (2026-04-01).',
    ]);
  });

  test('a touch after the hand-over completes the first step planned after it', () => {
    const input = handingOver('silver-medalist', ['2026-01-06', '2026-07-01', '2026-07-03'], {});
    expect(lines(input, '2026-07-04T12:00:00Z').slice(0, 2)).toEqual([
      'o/silver-medalist.share-openings/1 2026-08-12 done: Planned 6 weeks after the hand-over from cadence `first` (2026-07-01); done on 2026-07-03.',
      'o/silver-medalist.availability-check/1 2026-10-05 upcoming: Planned 3 months after your touch on 2026-07-03 that completed the previous step; moved from Saturday 2026-10-03 to the next workday.',
    ]);
  });

  test('a step on the day of the hand-over is kept', () => {
    // `first` hands over on the decision day's next business day, the day close-second is due.
    const input = handingOver('silver-medalist', ['2026-01-05', '2026-01-06'], {});
    const [call] = lines(input, '2026-01-06T20:00:00Z');
    expect(call).toBe(
      'o/silver-medalist.close-second/1 2026-01-06 due: Planned 1 business day after decided (2026-01-05).',
    );
  });
});
