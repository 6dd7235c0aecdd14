// Names that look the same are one name, however their accents are encoded: `Léa` with the
// accented letter (NFC) and `Léa` with the accent as a combining character of its own (NFD, as
// pasted from some input methods and macOS file names).
import { describe, expect, test } from 'vitest';
import {
  comparableName,
  lintPipeline,
  type OpportunityInput,
  type PipelineInput,
  plan,
} from '../../src';
import { early, owner, step } from './fixtures';

const nfc = 'Léa Hårt';
const nfd = nfc.normalize('NFD');

function pipelineOf(...opportunities: OpportunityInput[]): PipelineInput {
  return { version: 1, owner, opportunities };
}

test('the two spellings differ as strings, and compare as one name', () => {
  expect(nfd).not.toBe(nfc);
  expect(comparableName(` ${nfd.toUpperCase()} `)).toBe(comparableName(nfc));
  expect(comparableName('Dana')).not.toBe(comparableName('Dan'));
});

describe('a name typed in the other normal form than the file', () => {
  const candidateEntry = (withName: string): OpportunityInput => ({
    id: 'priya',
    kind: 'candidate',
    organization: 'Contoso',
    title: 'SRE',
    dates: { decided: '2026-11-20' },
    contacts: [
      { name: 'Priya Raman', role: 'candidate' },
      { name: nfc, role: 'hiring-manager' },
    ],
    cadence: { steps: [step('tell', 'decided', 'P10D')] },
    touchpoints: [{ on: '2026-11-25', channel: 'call', with: withName }],
  });

  test("is someone at the client, not the candidate: the candidate's step stays to do", () => {
    for (const withName of [nfc, nfd]) {
      const [reminder] = plan(pipelineOf(candidateEntry(withName)), { now: early });
      expect(reminder!.status).toBe('upcoming');
    }
  });

  test('is no unknown contact to validate', () => {
    const warnings = lintPipeline(pipelineOf(candidateEntry(nfd)), { now: early });
    expect(warnings.filter((w) => w.code === 'unknown_touch_contact')).toEqual([]);
  });

  test("a step's `to:` finds the contact, for plan() and validate alike", () => {
    const asking = (to: string) =>
      pipelineOf({
        id: 'acme',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-11-20' },
        contacts: [{ name: 'Dana Lee' }, { name: nfc }],
        cadence: { steps: [{ ...step('ask', 'decided', 'P10D'), to }] },
      });
    const reminders = plan(asking(nfd), { now: early });
    expect(reminders.map((r) => r.contact?.name)).toEqual([nfc]);
    // No warning that `to:` matches no contact, spaces around it included.
    const warnings = lintPipeline(asking(` ${nfd} `), { now: early });
    expect(warnings.filter((w) => w.code === 'unknown_contact')).toEqual([]);
  });

  test('is one person and one organization to minGapDays', () => {
    const entry = (id: string, organization: string, name: string, decided: string) => ({
      id,
      organization,
      title: 'PM',
      dates: { decided },
      contacts: [{ name }],
      cadence: { steps: [step('ask', 'decided', 'P10D')], rules: { minGapDays: 14 } },
    });
    const dates = (a: OpportunityInput, b: OpportunityInput) =>
      plan(pipelineOf(a, b), { now: early }).map((r) => [r.opportunityId, r.local.date]);
    // The same organization written both ways: the second reminder waits 14 days.
    const society = 'Société Générale';
    const apart = [
      ['one', '2026-11-30'],
      ['two', '2026-12-14'],
    ];
    expect(
      dates(
        entry('one', society, 'Ana', '2026-11-20'),
        entry('two', society.normalize('NFD'), 'Ben', '2026-11-21'),
      ),
    ).toEqual(apart);
    // One candidate (known by name only) for two roles at one client, written both ways: kept
    // apart per person, as a candidate is no one at the organization.
    const candidate = (id: string, name: string, decided: string) => ({
      ...entry(id, 'Acme', name, decided),
      kind: 'candidate' as const,
    });
    expect(dates(candidate('one', nfc, '2026-11-20'), candidate('two', nfd, '2026-11-21'))).toEqual(
      apart,
    );
  });
});
