/**
 * Gaps between what `parsePipeline`/`lintPipeline` accept quietly and what `plan()` does.
 * Found in review; each was a `test.fails` until its fix.
 */
import { describe, expect, test } from 'vitest';
import { lintPipeline, parsePipeline, plan } from '../../src';

const owner = { name: 'Lynne', timezone: 'UTC' };

describe('lintPipeline and reminder keys', () => {
  // `thanks` is not the last step and there is no repeat: only occurrence 1 exists. A touch naming
  // occurrence 2 completes nothing, as a touch naming an unknown step does, and is warned of too.
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

  test('a reminder key naming an occurrence that never exists is warned of', () => {
    expect(lintPipeline(pipeline).map((w) => [w.code, w.message])).toEqual([
      [
        'unknown_reminder',
        '`reminder: acme-pm/thanks/2` names occurrence 2 of step `thanks`, which does not repeat: its only reminder is `acme-pm/thanks/1`, so this touchpoint completes no reminder',
      ],
    ]);
  });
});

describe('parsePipeline and anchors named like Object.prototype members', () => {
  // A cadence with estimates and a step counting from `toString`, a date no opportunity has:
  // parsing used to accept it (the estimate lookup found Object.prototype.toString), and plan()
  // then threw unknown_anchor, so `runner-up validate` said the file was valid and `agenda`
  // rejected it.
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

  test('parsePipeline rejects it too', () => {
    expect(() => parsePipeline(input)).toThrow();
  });
});
