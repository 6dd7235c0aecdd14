/**
 * Gaps between what `parsePipeline`/`lintPipeline` accept quietly and what `plan()` does.
 * Each `test.fails` passes once the bug is fixed.
 */
import { describe, expect, test } from 'vitest';
import { lintPipeline, parsePipeline, plan } from '../../src';

const owner = { name: 'Lynne', timezone: 'UTC' };

describe('lintPipeline and reminder keys', () => {
  // `thanks` is not the last step and there is no repeat: only occurrence 1 exists. A touch naming
  // occurrence 2 completes nothing (the thank-you is then completed by the next plain touch, or
  // stays due), as a touch naming an unknown step does, but only the unknown step is warned of.
  const pipeline = parsePipeline({
    version: 1,
    owner,
    opportunities: [
      {
        id: 'acme-pm',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-11-20' },
        cadence: {
          steps: [
            { id: 'thanks', from: 'decided', after: 'P1D', title: 'Thanks' },
            { id: 'later', from: 'previous', after: 'P3W', title: 'Later' },
          ],
        },
        touchpoints: [{ on: '2026-11-21', channel: 'email', reminder: 'acme-pm/thanks/2' }],
      },
    ],
  });

  test('the touch completes nothing (holds)', () => {
    const thanks = plan(pipeline, { now: '2026-11-22T12:00:00Z' }).find(
      (r) => r.key === 'acme-pm/thanks/1',
    );
    expect(thanks?.status).not.toBe('done');
  });

  test.fails('a reminder key naming an occurrence that never exists is warned of', () => {
    expect(lintPipeline(pipeline).map((w) => w.code)).toEqual(['unknown_reminder']);
  });
});

describe('parsePipeline and anchors named like Object.prototype members', () => {
  // A cadence with estimates and a step counting from `toString`, a date no opportunity has:
  // parsing accepts it (the estimate lookup finds Object.prototype.toString), and plan() then
  // throws unknown_anchor, so `runner-up validate` says the file is valid and `agenda` rejects it.
  const input = {
    version: 1 as const,
    owner,
    opportunities: [
      {
        id: 'acme-pm',
        organization: 'Acme',
        title: 'PM',
        dates: { decided: '2026-11-20' },
        cadence: {
          estimates: { kickoff: { from: 'decided', after: 'P1W' } },
          steps: [{ id: 'odd', from: 'toString', after: 'P1D', title: 'Odd' }],
        },
      },
    ],
  };

  test('plan() rejects it (holds)', () => {
    expect(() => plan(input, { now: '2026-11-22T12:00:00Z' })).toThrow(/toString/);
  });

  test.fails('parsePipeline rejects it too', () => {
    expect(() => parsePipeline(input)).toThrow();
  });
});
