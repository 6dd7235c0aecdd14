/**
 * Regression: `FREQ=MINUTELY` and `FREQ=HOURLY` flooded the plan (762,660 reminders in 13 s, and
 * HOURLY ignored `owner.at`). A follow-up repeats at most daily, so a pipeline refuses them; the
 * recurrence expander itself still expands them (the golden fixtures use HOURLY).
 */
import { describe, expect, it } from 'vitest';
import { isRunnerUpError, type RunnerUpError } from '../../src/errors';
import { parsePipeline, parsePipelineYaml } from '../../src/parse';
import { expandRRule } from '../../src/time/recurrence';

function pipelineWith(rule: string): string {
  return `version: 1
owner: { name: Lynne, timezone: America/Chicago }
opportunities:
  - id: acme-pm
    organization: Acme
    title: PM
    dates: { decided: 2026-11-20 }
    cadence:
      steps: [{ id: s, from: decided, after: P1D, title: x }]
      repeat: { rrule: "${rule}" }
`;
}

function errorOf(run: () => unknown): RunnerUpError {
  try {
    run();
  } catch (error) {
    if (isRunnerUpError(error)) return error;
    throw error;
  }
  throw new Error('expected a RunnerUpError');
}

const ADVICE =
  'a follow-up repeats by days at the most (FREQ=DAILY); for several reminders a day, list the hours: FREQ=DAILY;BYHOUR=9,14';

describe('a pipeline refuses repeats more often than daily', () => {
  it.each(['FREQ=HOURLY', 'FREQ=MINUTELY;INTERVAL=30', 'RRULE:freq=hourly;COUNT=3'])(
    'refuses %s at the rule, saying how to repeat several times a day',
    (rule) => {
      const error = errorOf(() => parsePipelineYaml(pipelineWith(rule), { file: 'f.yaml' }));
      expect(error.code).toBe('invalid_rrule');
      const freq = /freq=(\w+)/i.exec(rule)![1]!.toUpperCase();
      expect(error.message).toBe(
        `f.yaml:10:24 \`opportunities[0].cadence.repeat.rrule\`: invalid RRULE: FREQ=${freq} repeats by the ${freq === 'HOURLY' ? 'hour' : 'minute'}; ${ADVICE}`,
      );
    },
  );

  it('refuses them in a cadence under `cadences:` and from plain objects too', () => {
    const error = errorOf(() =>
      parsePipeline({
        version: 1,
        owner: { name: 'Lynne', timezone: 'UTC' },
        cadences: {
          often: {
            steps: [{ id: 's', from: 'decided', after: 'P1D', title: 'x' }],
            repeat: { rrule: 'FREQ=HOURLY;INTERVAL=24' },
          },
        },
      }),
    );
    expect(error.code).toBe('invalid_rrule');
    expect(error.path).toEqual(['cadences', 'often', 'repeat', 'rrule']);
  });

  it('accepts several times a day written as a daily rule', () => {
    expect(() => parsePipelineYaml(pipelineWith('FREQ=DAILY;BYHOUR=9,14'))).not.toThrow();
    const all = Array.from({ length: 24 }, (_, hour) => hour).join(',');
    expect(() => parsePipelineYaml(pipelineWith(`FREQ=DAILY;BYHOUR=${all}`))).not.toThrow();
  });

  it('refuses more than 24 listed times a day (regression: every minute through BYHOUR and BYMINUTE)', () => {
    const hours = Array.from({ length: 24 }, (_, hour) => hour).join(',');
    const minutes = Array.from({ length: 60 }, (_, minute) => minute).join(',');
    const flood = errorOf(() =>
      parsePipelineYaml(pipelineWith(`FREQ=DAILY;BYHOUR=${hours};BYMINUTE=${minutes}`), {
        file: 'f.yaml',
      }),
    );
    expect(flood.code).toBe('invalid_rrule');
    expect(flood.message).toBe(
      'f.yaml:10:24 `opportunities[0].cadence.repeat.rrule`: invalid RRULE: it gives 1440 reminders a day (24 hours in BYHOUR × 60 minutes in BYMINUTE); a rule gives at most 24 a day; for several reminders a day, list the hours: FREQ=DAILY;BYHOUR=9,14',
    );
    const quarters = errorOf(() =>
      parsePipelineYaml(
        pipelineWith('rrule:freq=weekly;byhour=8,9,10,11,12,13,14;byminute=0,15,30,45'),
      ),
    );
    expect(quarters.message).toContain(
      'it gives 28 reminders a day (7 hours in BYHOUR × 4 minutes in BYMINUTE)',
    );
    expect(() =>
      parsePipelineYaml(pipelineWith('FREQ=WEEKLY;BYHOUR=9,10,11,12,13,14;BYMINUTE=0,15,30,45')),
    ).not.toThrow();
  });

  it('does not suggest a refused frequency for a misspelt one', () => {
    const error = errorOf(() => parsePipelineYaml(pipelineWith('FREQ=HOURLI')));
    expect(error.message).toContain('unknown FREQ "HOURLI"');
    expect(error.message).not.toContain('HOURLY');
  });

  it('leaves the expander able to expand an hourly rule', () => {
    const occurrences = expandRRule(
      'FREQ=HOURLY;COUNT=3',
      { date: '2026-11-23', time: '09:00' },
      { until: '2026-11-24' },
    );
    expect(occurrences.map((o) => o.time)).toEqual(['09:00', '10:00', '11:00']);
  });
});
