import { describe, expect, test } from 'vitest';
import { type PlanOptions, parsePipeline, plan, RunnerUpError, reminderKey } from '../../src';
import { caught, step, withCadence } from './fixtures';

const pipeline = withCadence({ steps: [step('a', 'decided', 'P3D')] });

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RunnerUpError);
    return (error as RunnerUpError).code;
  }
  return undefined;
}

describe('plan options and input', () => {
  test('requires now, because plan never reads the clock', () => {
    expect(codeOf(() => plan(pipeline, {} as PlanOptions))).toBe('invalid_options');
    expect(codeOf(() => plan(pipeline, undefined as unknown as PlanOptions))).toBe(
      'invalid_options',
    );
  });

  test('rejects a now it cannot read, naming the option', () => {
    expect(() => plan(pipeline, { now: 'last tuesday' })).toThrow(/`now`/);
    expect(codeOf(() => plan(pipeline, { now: Number.NaN }))).toBe('invalid_options');
    // Date.parse would roll these over (to March 2, to the next day); they are no instants.
    for (const now of ['2026-02-30T15:00:00Z', '2026-11-30T24:00:00Z', '2026-11-30T15:00:00+24']) {
      expect(
        codeOf(() => plan(pipeline, { now })),
        now,
      ).toBe('invalid_options');
    }
  });

  test("reads a date-time without an offset on the owner's clock", () => {
    const local = plan(pipeline, { now: '2026-11-23T10:00' });
    const explicit = plan(pipeline, { now: '2026-11-23T16:00:00Z' });
    expect(local).toEqual(explicit);
  });

  test('reads an instant with an offset in any ISO 8601 form, hours alone too', () => {
    const explicit = plan(pipeline, { now: '2026-11-23T16:00:00Z' });
    for (const now of [
      '2026-11-23T21:00:00+05',
      '2026-11-23T21:00:00+0500',
      '2026-11-23T21:00:00+05:00',
      '2026-11-23T11:00-05',
    ]) {
      expect(plan(pipeline, { now }), now).toEqual(explicit);
    }
  });

  test('accepts a horizon as a duration or a last date', () => {
    const reminders = plan(pipeline, { now: '2026-11-01', horizon: '2026-11-22' });
    expect(reminders).toEqual([]);
    expect(plan(pipeline, { now: '2026-11-01', horizon: 'P1M' })).toHaveLength(1);
    expect(codeOf(() => plan(pipeline, { now: '2026-11-01', horizon: 'soon' }))).toBe(
      'invalid_options',
    );
  });

  test('a horizon date of today keeps past reminders and the one due today', () => {
    expect(plan(pipeline, { now: '2026-11-30', horizon: '2026-11-30' })).toMatchObject([
      { local: { date: '2026-11-23' }, status: 'overdue' },
    ]);
    expect(plan(pipeline, { now: '2026-11-23T12:00', horizon: '2026-11-23' })).toMatchObject([
      { local: { date: '2026-11-23' }, status: 'due' },
    ]);
  });

  test('refuses a horizon date before today rather than dropping past reminders', () => {
    expect(() => plan(pipeline, { now: '2026-11-30', horizon: '2026-11-29' })).toThrow(
      '`horizon`: 2026-11-29 is before today (2026-11-30 in America/Chicago)',
    );
    expect(codeOf(() => plan(pipeline, { now: '2026-11-30', horizon: '2020-01-01' }))).toBe(
      'invalid_options',
    );
  });

  test('refuses an option it does not know, suggesting the one meant', () => {
    const options = { now: '2026-11-30', horizn: 'P1D' };
    try {
      plan(pipeline, options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RunnerUpError);
      expect((error as RunnerUpError).code).toBe('invalid_options');
      expect((error as RunnerUpError).path).toEqual(['horizn']);
      expect((error as RunnerUpError).message).toBe(
        '[runner-up] [plan] Unknown option `horizn`; did you mean `horizon`?',
      );
    }
    expect(() => plan(pipeline, { now: '2026-11-30', colour: true } as PlanOptions)).toThrow(
      'Unknown option `colour`; the options are `now`, `horizon`, `plugins`',
    );
  });

  test('an input that breaks the schema is an invalid_pipeline error with its path', () => {
    const broken = { ...pipeline, owner: { ...pipeline.owner, timezone: 'Mars/Olympus' } };
    try {
      plan(broken, { now: '2026-11-01' });
      expect.unreachable();
    } catch (error) {
      expect((error as RunnerUpError).code).toBe('invalid_pipeline');
      expect((error as RunnerUpError).path).toEqual(['owner', 'timezone']);
      expect((error as RunnerUpError).message).toContain('`owner.timezone`');
    }
  });

  test('a pipeline built in code gets the checks parsing makes beyond the schema', () => {
    const [opportunity] = pipeline.opportunities!;
    const twice = { ...pipeline, opportunities: [opportunity!, opportunity!] };
    const error = caught(() => plan(twice, { now: '2026-11-30' }));
    expect(error.code).toBe('duplicate_id');
    expect(error.path).toEqual(['opportunities', 1, 'id']);
    expect(error.message).toContain('ids must be unique');
  });

  test('a pipeline built in code gets the messages parsing gives (regression: raw zod text)', () => {
    const parsedMessage = (input: unknown) => {
      try {
        parsePipeline(input);
      } catch (error) {
        return (error as RunnerUpError).message;
      }
      return expect.unreachable();
    };
    const typo = { ...pipeline, owner: { name: 'Lynne', timezon: 'America/Chicago' } };
    const [opportunity] = pipeline.opportunities!;
    const { title: _title, ...untitled } = opportunity!;
    const missing = { ...pipeline, opportunities: [untitled] };
    for (const [input, message] of [
      [typo, '`owner.timezon`: unknown field `timezon`; did you mean `timezone`?'],
      [missing, '`opportunities[0].title`: missing required field `title`'],
    ] as const) {
      const planned = caught(() => plan(input as never, { now: '2026-11-30' }));
      expect(planned.code).toBe('invalid_pipeline');
      expect(planned.message).toBe(`[runner-up] ${message}`);
      // As parsing says it, which adds only the place.
      expect(parsedMessage(input)).toContain(message);
    }
    const nothing = caught(() => plan(undefined as never, { now: '2026-11-30' }));
    expect(nothing.message).toBe(
      '[runner-up] expected a mapping with `version: 1`, `owner` and `opportunities`, got nothing',
    );
  });

  test('an error thrown while reading the input is a RunnerUpError keeping it as the cause', () => {
    const boom = new TypeError('boom');
    const owner = {
      ...pipeline.owner,
      get name(): string {
        throw boom;
      },
    };
    const error = caught(() => plan({ ...pipeline, owner }, { now: '2026-11-30' }));
    expect(error.code).toBe('invalid_pipeline');
    expect(error.message).toBe('[runner-up] the pipeline could not be read: boom');
    expect(error.cause).toBe(boom);
  });

  test('an unknown cadence is an unknown_cadence error naming the opportunity', () => {
    const unknown = withCadence({ steps: [step('a', 'decided', 'P1D')] });
    unknown.opportunities![0]!.cadence = 'no-such-cadence';
    try {
      plan(unknown, { now: '2026-11-01' });
      expect.unreachable();
    } catch (error) {
      expect((error as RunnerUpError).code).toBe('unknown_cadence');
      expect((error as RunnerUpError).path).toEqual(['opportunities', 0, 'cadence']);
      expect((error as RunnerUpError).message).toContain('runner-up, relocated');
    }
  });

  test('custom cadences and plugin cadences can be named', () => {
    const custom = withCadence({ steps: [step('a', 'decided', 'P1D')] });
    custom.opportunities![0]!.cadence = 'mine';
    custom.cadences = { mine: { steps: [step('mine', 'decided', 'P3D')] } };
    expect(plan(custom, { now: '2026-11-01' })[0]!.stepId).toBe('mine');
  });

  test('builds keys from opportunity, step and occurrence', () => {
    expect(reminderKey('acme-pm', 'thank-you', 2)).toBe('acme-pm/thank-you/2');
  });

  test('output is sorted by due then key and identical on every run', () => {
    const many = withCadence({
      steps: [
        step('b', 'decided', 'P3D'),
        step('a', 'decided', 'P3D'),
        step('c', 'decided', 'P1D'),
      ],
      rules: { businessDays: false },
    });
    const first = plan(many, { now: '2026-11-01' });
    expect(first.map((r) => r.stepId)).toEqual(['c', 'a', 'b']);
    expect(plan(many, { now: '2026-11-01' })).toEqual(first);
  });
});
