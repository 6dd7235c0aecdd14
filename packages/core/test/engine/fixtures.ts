import { expect } from 'vitest';
import {
  type CadenceInput,
  type OpportunityInput,
  type PipelineInput,
  RunnerUpError,
} from '../../src';

/** The RunnerUpError `run` throws; fails the test if it throws anything else, or nothing. */
export function caught(run: () => unknown): RunnerUpError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RunnerUpError);
    return error as RunnerUpError;
  }
  throw new Error('expected a RunnerUpError, nothing was thrown');
}

/** Chicago owner, Mon–Fri, Christmas and New Year off, reminders at 09:30. */
export const owner: PipelineInput['owner'] = {
  name: 'Lynne',
  timezone: 'America/Chicago',
  holidays: ['2026-12-25', '2027-01-01'],
  at: '09:30',
};

/** An opportunity with one reachable contact, decided on Friday 2026-11-20. */
export function opportunity(overrides: Partial<OpportunityInput> = {}): OpportunityInput {
  return {
    id: 'acme-pm',
    organization: 'Acme Telecom',
    title: 'Program Manager',
    dates: { decided: '2026-11-20' },
    contacts: [{ name: 'Dana Lee', role: 'hiring-manager', email: 'dana@acme.example' }],
    ...overrides,
  };
}

/** A one-opportunity pipeline using `cadence` inline. */
export function withCadence(
  cadence: CadenceInput,
  overrides: Partial<OpportunityInput> = {},
  ownerOverrides: Partial<PipelineInput['owner']> = {},
): PipelineInput {
  return {
    version: 1,
    owner: { ...owner, ...ownerOverrides },
    opportunities: [opportunity({ cadence, ...overrides })],
  };
}

/** A step with the fields tests rarely care about filled in. */
export function step(id: string, from: string, after: string | { businessDays: number }) {
  return { id, from, after, title: `Do ${id}` };
}

/** A moment well before every fixture's dates, so everything is upcoming. */
export const early = '2026-11-01T12:00:00Z';
