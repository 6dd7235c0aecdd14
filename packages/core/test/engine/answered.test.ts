/**
 * `answered: true` on a touch of yours: they answered it on the spot (a call they picked up). Found
 * in review: a recruiter whose candidate picked up each of three calls saw `silver-medalist` stop
 * ("no reply to this and the 2 touches before it"), as only a touch from them (`direction: in`)
 * answered; logging the call as theirs instead completed no step.
 */
import { describe, expect, test } from 'vitest';
import {
  isRunnerUpError,
  lintPipeline,
  type PipelineInput,
  parsePipeline,
  parsePipelineYaml,
  plan,
} from '../../src';

type Touch = NonNullable<PipelineInput['opportunities']>[number]['touchpoints'];

function pipeline(cadence: string, touchpoints: Touch): PipelineInput {
  return {
    version: 1,
    owner: { name: 'Lynne', timezone: 'UTC' },
    opportunities: [
      {
        id: 'o',
        kind: cadence === 'silver-medalist' ? 'candidate' : 'job',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-01-05' },
        contacts: [{ name: 'Sam Ortiz', role: 'candidate', email: 'sam@example.com' }],
        cadence,
        touchpoints,
      },
    ],
  };
}

const call = (on: string, answered?: boolean) => ({
  on,
  channel: 'call' as const,
  with: 'Sam Ortiz',
  ...(answered === undefined ? {} : { answered }),
});

const summary = (input: PipelineInput, now: string) =>
  plan(input, { now, horizon: 'P12M' }).map((r) => `${r.key} ${r.status}`);

describe('a touch of yours they answered', () => {
  // silver-medalist: close-second (01-06), share-openings (+6 weeks), availability-check (+3
  // months, then every 4 months); it stops after three touches with no reply.
  const calls = ['2026-01-06', '2026-02-17', '2026-05-18'];

  test('is no unanswered touch: silver-medalist goes on after three calls they picked up', () => {
    const answered = summary(
      pipeline(
        'silver-medalist',
        calls.map((on) => call(on, true)),
      ),
      '2026-05-19T12:00:00Z',
    );
    expect(answered.slice(0, 4)).toEqual([
      'o/close-second/1 done',
      'o/share-openings/1 done',
      'o/availability-check/1 done',
      'o/availability-check/2 upcoming',
    ]);
    // The same three calls unanswered stop it, as before.
    const unanswered = plan(
      pipeline(
        'silver-medalist',
        calls.map((on) => call(on)),
      ),
      { now: '2026-05-19T12:00:00Z', horizon: 'P12M' },
    );
    expect(unanswered.map((r) => `${r.key} ${r.status}`)).toEqual([
      'o/close-second/1 done',
      'o/share-openings/1 done',
      'o/availability-check/1 done',
    ]);
    expect(unanswered[2]!.why).toContain('so cadence `silver-medalist` stops here');
  });

  test('answers the unanswered touches before it', () => {
    // Two unanswered calls, then one they picked up, then two more unanswered: never three in a row.
    const touches = [
      call('2026-01-06'),
      call('2026-02-17'),
      call('2026-05-18', true),
      call('2026-09-18'),
      call('2027-01-18'),
    ];
    const shown = summary(pipeline('silver-medalist', touches), '2027-01-19T12:00:00Z');
    expect(shown).toContain('o/availability-check/4 upcoming');
    expect(shown.filter((line) => line.endsWith(' done'))).toHaveLength(5);
  });

  test('answers the touches of its own day, whichever the file lists first (found in review)', () => {
    // The third call went unanswered; she picked up when called again that day. `log` appends,
    // so the answered call is listed last.
    const third = '2026-05-18';
    for (const order of [
      [call(third), call(third, true)],
      [call(third, true), call(third)],
      [call(third), { on: third, channel: 'email' as const, direction: 'in' as const }],
    ]) {
      const touches = [call('2026-01-06'), call('2026-02-17'), ...order];
      const reminders = plan(pipeline('silver-medalist', touches), {
        now: '2026-05-19T12:00:00Z',
        horizon: 'P12M',
      });
      // It goes on. (A second call of yours that day completes the next check-in, as two touches
      // on one day complete two steps.)
      expect(
        reminders.some((r) => r.status === 'upcoming'),
        JSON.stringify(order),
      ).toBe(true);
      expect(reminders.map((r) => r.why).join(' ')).not.toContain('stops here');
    }
  });

  test('completes its step and, as a reply, stops a cadence that stops on one', () => {
    // runner-up stops on a reply: the thank-you call they picked up is done, and nothing follows.
    const input = pipeline('runner-up', [call('2026-01-06', true)]);
    input.opportunities![0]!.contacts = [{ name: 'Sam Ortiz', email: 'sam@example.com' }];
    const reminders = plan(input, { now: '2026-01-07T12:00:00Z', horizon: 'P12M' });
    expect(reminders.map((r) => `${r.key} ${r.status}`)).toEqual(['o/thank-you/1 done']);
    // Not answered, it completes the same step and the cadence goes on.
    input.opportunities![0]!.touchpoints = [call('2026-01-06')];
    const goesOn = plan(input, { now: '2026-01-07T12:00:00Z', horizon: 'P12M' });
    expect(goesOn.map((r) => `${r.key} ${r.status}`).slice(0, 2)).toEqual([
      'o/thank-you/1 done',
      'o/stay-visible/1 upcoming',
    ]);
  });

  test('is no reply on the decision day, as a touch from them is not', () => {
    // The call in which they told you that you came second, made by you and answered.
    const input = pipeline('runner-up', [call('2026-01-05', true)]);
    input.opportunities![0]!.contacts = [{ name: 'Sam Ortiz', email: 'sam@example.com' }];
    const shown = summary(input, '2026-01-05T12:00:00Z');
    expect(shown.slice(0, 2)).toEqual(['o/thank-you/1 done', 'o/stay-visible/1 upcoming']);
  });

  test('is refused on a touch from them, naming the field and its place in the file', () => {
    const yaml = [
      'version: 1',
      'owner: { name: Lynne, timezone: UTC }',
      'opportunities:',
      '  - id: o',
      '    organization: Acme',
      '    title: PM',
      '    dates: { decided: 2026-01-05 }',
      '    touchpoints:',
      '      - { on: 2026-01-06, channel: call, direction: in, answered: true }',
      '',
    ].join('\n');
    let error: unknown;
    try {
      parsePipelineYaml(yaml, { file: 'runner-up.yaml' });
    } catch (caught) {
      error = caught;
    }
    expect(isRunnerUpError(error) && error.code).toBe('invalid_pipeline');
    expect((error as Error).message).toContain('runner-up.yaml:9:');
    expect((error as Error).message).toContain('opportunities[0].touchpoints[0].answered');
    expect((error as Error).message).toContain(
      'a touch from them (`direction: in`) is their reply already, so remove `answered`',
    );
    // Answered, of yours: accepted.
    expect(() =>
      parsePipeline(pipeline('runner-up', [{ ...call('2026-01-06', true), direction: 'out' }])),
    ).not.toThrow();
  });

  test('validate says a future one already counts as their reply', () => {
    const parsed = parsePipeline(pipeline('runner-up', [call('2026-03-01', true)]));
    const warning = lintPipeline(parsed, { now: '2026-01-07T12:00:00Z' }).find(
      (w) => w.code === 'future_touchpoint',
    );
    expect(warning?.message).toContain('already completes a reminder and counts as their reply');
  });

  test('validate does not say one with someone other than a candidate does anything (found in review)', () => {
    const input = pipeline('silver-medalist', [
      { on: '2026-03-01', channel: 'call', with: 'Lee Hart', answered: true },
    ]);
    input.opportunities![0]!.contacts!.push({ name: 'Lee Hart', role: 'hiring-manager' });
    const warning = lintPipeline(parsePipeline(input), { now: '2026-01-07T12:00:00Z' }).find(
      (w) => w.code === 'future_touchpoint',
    );
    expect(warning?.message).toBe(
      '`on: 2026-03-01` is after today (2026-01-07 in UTC): a touchpoint records a contact that happened (a typo in the date? To put follow-ups off, use `snoozedUntil`)',
    );
  });
});
