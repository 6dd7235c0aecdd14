import { describe, expect, test } from 'vitest';
import { type OpportunityInput, type PipelineInput, plan } from '../../src';
import { early, owner, step } from './fixtures';

const oneStep = (after: string, minGapDays: number) => ({
  steps: [step('touch', 'decided', after)],
  rules: { minGapDays },
});

function twoOpportunities(minGapDays: number, secondOrganization = 'Acme Telecom'): PipelineInput {
  return {
    version: 1,
    owner,
    opportunities: [
      {
        id: 'acme-pm',
        organization: 'Acme Telecom',
        title: 'Program Manager',
        dates: { decided: '2026-11-20' },
        contacts: [{ name: 'Dana Lee', email: 'dana@acme.example' }],
        cadence: oneStep('P10D', minGapDays), // Mon 30 Nov
      },
      {
        id: 'acme-ops',
        organization: secondOrganization,
        title: 'Operations Lead',
        dates: { decided: '2026-11-20' },
        contacts: [{ name: 'Sam Ortiz', email: 'sam@acme.example' }],
        cadence: oneStep('P12D', minGapDays), // Wed 2 Dec
      },
    ],
  };
}

/** Dana Lee, one person wherever she is listed: the same address. */
const dana = [{ name: 'Dana Lee', email: 'dana@x.example' }];

/** An opportunity with no cadence and one recorded call or email to its contact. */
function touchedOnce(
  id: string,
  organization: string,
  on: string,
  channel: 'call' | 'email' = 'call',
  contacts: OpportunityInput['contacts'] = dana,
): OpportunityInput {
  return {
    id,
    organization,
    title: 'T',
    cadence: false,
    contacts,
    touchpoints: [{ on, channel, with: contacts![0]!.name }],
  };
}

describe('minGapDays', () => {
  test('pushes the later reminder to the same organization across opportunities', () => {
    const reminders = plan(twoOpportunities(7), { now: early });
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['acme-pm/touch/1', '2026-11-30'],
      ['acme-ops/touch/1', '2026-12-07'],
    ]);
    expect(reminders[1]!.why).toContain(
      'pushed from 2026-12-02 to 2026-12-07 to keep 7 days between touches to Acme Telecom (another falls on 2026-11-30)',
    );
  });

  test('leaves different organizations alone', () => {
    const reminders = plan(twoOpportunities(7, 'Globex'), { now: early });
    expect(reminders.map((r) => r.local.date)).toEqual(['2026-11-30', '2026-12-02']);
  });

  test('keeps a gap after a recorded touch to the same contact in another opportunity', () => {
    const pipeline = twoOpportunities(10, 'Globex');
    pipeline.opportunities![1]!.contacts = [{ name: 'Dana Lee', email: 'dana@acme.example' }];
    pipeline.opportunities![0]!.cadence = false;
    pipeline.opportunities![0]!.touchpoints = [
      { on: '2026-11-27', channel: 'email', with: 'Dana Lee' },
    ];
    const reminders = plan(pipeline, { now: early });
    expect(reminders).toHaveLength(1);
    // 27 Nov + 10 days = Mon 7 Dec.
    expect(reminders[0]!.local.date).toBe('2026-12-07');
    expect(reminders[0]!.why).toContain('between touches to Dana Lee');
  });

  test('a touch goes to the contact named exactly so, when two names differ only in case', () => {
    // "pat kim" (an old address) and "Pat Kim" are two contacts. The touch with Pat Kim keeps
    // Globex's reminder to the old address where it is.
    const pipeline = twoOpportunities(10, 'Globex');
    pipeline.opportunities![0]!.cadence = false;
    pipeline.opportunities![0]!.contacts = [
      { name: 'pat kim', email: 'pat@old.example' },
      { name: 'Pat Kim', email: 'pat@acme.example' },
    ];
    pipeline.opportunities![0]!.touchpoints = [
      { on: '2026-11-30', channel: 'email', with: 'Pat Kim' },
    ];
    pipeline.opportunities![1]!.contacts = [{ name: 'Pat K.', email: 'pat@old.example' }];
    const reminders = plan(pipeline, { now: early });
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['acme-ops/touch/1', '2026-12-02'],
    ]);
  });

  test('names a shared address after its earliest touch, whatever order the file lists them in', () => {
    // Two people behind one address: the gap is kept to the address, named after the person
    // written to first.
    const pipeline = twoOpportunities(10, 'Globex');
    pipeline.opportunities![0]!.cadence = false;
    pipeline.opportunities![0]!.contacts = [
      { name: 'Dana Lee', email: 'team@acme.example' },
      { name: 'Riley Chen', email: 'team@acme.example' },
    ];
    pipeline.opportunities![1]!.contacts = [{ name: 'Sam Ortiz', email: 'team@acme.example' }];
    const touches = [
      { on: '2026-11-27', channel: 'email', with: 'Riley Chen' },
      { on: '2026-11-25', channel: 'email', with: 'Dana Lee' },
    ] as const;
    for (const listed of [touches, [...touches].reverse()]) {
      pipeline.opportunities![0]!.touchpoints = [...listed];
      const [reminder] = plan(pipeline, { now: early });
      expect(reminder!.local.date).toBe('2026-12-07');
      expect(reminder!.why).toContain(
        'to keep 10 days between touches to Dana Lee (another falls on 2026-11-25)',
      );
    }
  });

  test('names a shared address touched under two names on one day alike in either order of opportunities (regression)', () => {
    // One address written with two names in two opportunities, both touched on the same day: the
    // name followed the opportunity listed first.
    const touched = (id: string, name: string) => ({
      id,
      organization: 'Globex',
      title: 'Data Engineer',
      dates: { decided: '2026-11-20' },
      contacts: [{ name, email: 'team@globex.example' }],
      cadence: false as const,
      touchpoints: [{ on: '2026-11-27', channel: 'email' as const, with: name }],
    });
    const pipeline = twoOpportunities(10, 'Initech');
    pipeline.opportunities![1]!.contacts = [{ name: 'Sam Ortiz', email: 'team@globex.example' }];
    const planned = [touched('a', 'Riley Chen'), touched('b', 'Pat Kim')];
    const whys = [planned, [...planned].reverse()].map((listed) => {
      const reminders = plan(
        { ...pipeline, opportunities: [pipeline.opportunities![1]!, ...listed] },
        { now: early },
      );
      return reminders.map((r) => r.why);
    });
    expect(whys[0]![0]).toContain(
      '10 days between touches to Pat Kim (another falls on 2026-11-27)',
    );
    expect(whys[1]).toEqual(whys[0]);
  });

  test('one person on one day is one touch: two roles with the same manager stay on their day', () => {
    // Both roles at Acme Telecom, both with Dana, both planned for Mon 30 Nov: one message can
    // cover both, so neither waits for the other.
    const pipeline = twoOpportunities(7);
    pipeline.opportunities![1]!.contacts = [{ name: 'Dana Lee', email: 'dana@acme.example' }];
    pipeline.opportunities![1]!.cadence = oneStep('P10D', 7);
    const reminders = plan(pipeline, { now: early });
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['acme-ops/touch/1', '2026-11-30'],
      ['acme-pm/touch/1', '2026-11-30'],
    ]);
    expect(reminders.map((r) => r.why).join(' ')).not.toContain('pushed');
  });

  test('two people at one organization on one day are still two touches to it', () => {
    const pipeline = twoOpportunities(7);
    pipeline.opportunities![1]!.cadence = oneStep('P10D', 7);
    expect(plan(pipeline, { now: early }).map((r) => [r.key, r.local.date])).toEqual([
      ['acme-ops/touch/1', '2026-11-30'],
      ['acme-pm/touch/1', '2026-12-07'],
    ]);
  });

  test('a reminder on the day of a recorded touch to the same person stays there; the next day waits', () => {
    const pipeline = twoOpportunities(10, 'Globex');
    pipeline.opportunities![1]!.contacts = [{ name: 'Dana Lee', email: 'dana@acme.example' }];
    pipeline.opportunities![0]!.cadence = false;
    const withTouchOn = (on: string) => {
      pipeline.opportunities![0]!.touchpoints = [{ on, channel: 'call', with: 'Dana Lee' }];
      return plan(pipeline, { now: early });
    };
    // Planned for Wed 2 Dec, the day Dana was called about the other role.
    expect(withTouchOn('2026-12-02').map((r) => r.local.date)).toEqual(['2026-12-02']);
    // Called the day before: the reminder keeps its 10 days.
    expect(withTouchOn('2026-12-01').map((r) => r.local.date)).toEqual(['2026-12-11']);
    // Called two days later: the reminder joins that call rather than wait 10 days after it.
    const [joined] = withTouchOn('2026-12-04');
    expect(joined!.local.date).toBe('2026-12-04');
    expect(joined!.why).toBe(
      'Planned 12 days after decided (2026-11-20); pushed from 2026-12-02 to 2026-12-04, the day of another touch to Dana Lee, to keep 10 days between touches to them.',
    );
  });

  test('two steps or repeats of one opportunity are two touches, even on one day (regression: they piled up)', () => {
    const pipeline = twoOpportunities(10, 'Globex');
    pipeline.opportunities![0]!.cadence = false;
    pipeline.opportunities![0]!.contacts = [{ name: 'Sam Ortiz', email: 'sam@acme.example' }];
    pipeline.opportunities![0]!.touchpoints = [
      { on: '2026-11-30', channel: 'call', with: 'Sam Ortiz' },
    ];
    pipeline.opportunities![1]!.cadence = {
      steps: [step('one', 'decided', 'P11D'), step('two', 'decided', 'P14D')],
      repeat: { every: 'P1W', count: 2 },
      rules: { minGapDays: 10, businessDays: false },
    };
    const dates = plan(pipeline, { now: early }).map((r) => [r.key, r.local.date]);
    // 1 Dec is too close to the call on 30 Nov at Acme: `one` goes to 10 Dec, and each touch after
    // it keeps its 10 days from the one before, none on a day another already holds.
    expect(dates).toEqual([
      ['acme-ops/one/1', '2026-12-10'],
      ['acme-ops/two/1', '2026-12-20'],
      ['acme-ops/two/2', '2026-12-30'],
      ['acme-ops/two/3', '2027-01-09'],
    ]);
  });

  test('a reminder that joins a touch to the same person names the person, whichever group found it', () => {
    const pipeline = twoOpportunities(10);
    pipeline.opportunities![1]!.contacts = [{ name: 'Dana Lee', email: 'dana@acme.example' }];
    pipeline.opportunities![0]!.cadence = false;
    pipeline.opportunities![0]!.touchpoints = [
      { on: '2026-11-25', channel: 'call', with: 'Dana Lee' },
      { on: '2026-12-09', channel: 'call', with: 'Dana Lee' },
    ];
    const [reminder] = plan(pipeline, { now: early });
    // Wed 2 Dec is too close to 25 Nov; the first day clear of it, 5 Dec, is too close to 9 Dec,
    // a call to Dana too, so it joins that call.
    expect(reminder!.local.date).toBe('2026-12-09');
    expect(reminder!.why).toContain(
      'pushed from 2026-12-02 to 2026-12-09, the day of another touch to Dana Lee, to keep 10 days between touches to them',
    );
  });

  test('a reminder whose room ends past a touch to the same person joins it, even when an earlier touch made the room', () => {
    // Dana, one person at three organizations: called about `a` on 10 Nov and about `b` on a
    // later day; `c` plans a thank-you for Tue 17 Nov, too close to 10 Nov (room until 24 Nov).
    const withSecondCallOn = (on: string) =>
      plan(
        {
          version: 1,
          owner,
          opportunities: [
            touchedOnce('a', 'Org 1', '2026-11-10', 'email'),
            touchedOnce('b', 'Org 2', on, 'email'),
            {
              id: 'c',
              organization: 'Org 3',
              title: 'PM',
              dates: { decided: '2026-11-16' },
              contacts: dana,
              cadence: oneStep('P1D', 14),
            },
          ],
        },
        { now: early },
      );
    // The later the second call, the later the thank-you: onto the call's day while the room
    // reaches past it (it used to wait 14 days after the call on 18 or 20 Nov, but not on 25).
    for (const on of ['2026-11-18', '2026-11-20', '2026-11-23']) {
      const [reminder] = withSecondCallOn(on);
      expect(reminder!.local.date).toBe(on);
      expect(reminder!.why).toBe(
        `Planned 1 day after decided (2026-11-16); pushed from 2026-11-17 to ${on}, the day of another touch to Dana Lee, to keep 14 days between touches to them.`,
      );
    }
    // A second call well after the room: the thank-you waits for the end of the room.
    expect(withSecondCallOn('2026-12-20')[0]!.local.date).toBe('2026-11-24');
  });

  test('a reminder on the day of a touch to the same person is that touch: it stays, whatever else is near', () => {
    const pipeline = twoOpportunities(10);
    pipeline.opportunities![1]!.contacts = [{ name: 'Dana Lee', email: 'dana@acme.example' }];
    pipeline.opportunities![0]!.cadence = false;
    // Dana was called about the other role on 27 Nov, and again on Wed 2 Dec, the reminder's day.
    pipeline.opportunities![0]!.touchpoints = [
      { on: '2026-11-27', channel: 'call', with: 'Dana Lee' },
      { on: '2026-12-02', channel: 'call', with: 'Dana Lee' },
    ];
    const [reminder] = plan(pipeline, { now: early });
    expect(reminder!.local.date).toBe('2026-12-02');
    expect(reminder!.why).toBe('Planned 12 days after decided (2026-11-20).');
  });

  test("joining a touch made at another organization still keeps this organization's gap", () => {
    // Dana moved from Acme to Globex. The Acme reminder (Wed 2 Dec) could join a call to her
    // about the Globex role on Fri 4 Dec, but Sam at Acme was called on 1 Dec: Acme asks for 10
    // days, which a call to Globex does not cover.
    const pipeline = twoOpportunities(10, 'Globex');
    pipeline.opportunities![0]!.organization = 'Acme Telecom';
    pipeline.opportunities![1]!.organization = 'Globex';
    pipeline.opportunities![0]!.cadence = false;
    pipeline.opportunities![0]!.contacts = [{ name: 'Sam Ortiz', email: 'sam@acme.example' }];
    pipeline.opportunities![0]!.touchpoints = [
      { on: '2026-12-01', channel: 'call', with: 'Sam Ortiz' },
    ];
    pipeline.opportunities!.push({
      id: 'acme-new',
      organization: 'Acme Telecom',
      title: 'Program Lead',
      dates: { decided: '2026-11-20' },
      contacts: [{ name: 'Dana Lee', email: 'dana@acme.example' }],
      cadence: oneStep('P12D', 10),
    });
    pipeline.opportunities![1]!.contacts = [{ name: 'Dana Lee', email: 'dana@acme.example' }];
    pipeline.opportunities![1]!.cadence = false;
    pipeline.opportunities![1]!.touchpoints = [
      { on: '2026-12-04', channel: 'call', with: 'Dana Lee' },
    ];
    const reminders = plan(pipeline, { now: early });
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['acme-new/touch/1', '2026-12-14'],
    ]);
    expect(reminders[0]!.why).toContain(
      'to keep 10 days between touches to Dana Lee (another falls on 2026-12-04)',
    );
  });

  test("a push by the organization's gap that ends on a touch to the same person says the organization pushed it", () => {
    const withSamCalledOn = (on: string, danaAt: string) =>
      plan(
        {
          version: 1,
          owner,
          opportunities: [
            touchedOnce('x', 'Acme', on, 'call', [
              { name: 'Sam Ortiz', email: 'sam@acme.example' },
            ]),
            touchedOnce('y', danaAt, '2026-12-14'),
            {
              id: 'z',
              organization: 'Acme',
              title: 'T',
              dates: { decided: '2026-11-20' },
              contacts: dana,
              cadence: oneStep('P12D', 10),
            },
          ],
        },
        { now: early },
      );
    // Sam at Acme on Thu 3 Dec pushes Wed 2 Dec's reminder to Sun 13 Dec, a workday on to Mon
    // 14 Dec: the day of a call to Dana (at Globex), 12 days from the planned day. Her gap moved
    // nothing; Acme's did.
    const [pushed] = withSamCalledOn('2026-12-03', 'Globex');
    expect(pushed!.local.date).toBe('2026-12-14');
    expect(pushed!.why).toBe(
      'Planned 12 days after decided (2026-11-20); pushed from 2026-12-02 to 2026-12-14 to keep 10 days between touches to Acme (another falls on 2026-12-03).',
    );
    // Sam called on 5 Dec, Dana's call on 14 Dec also at Acme: the room Acme asks for (to 15 Dec)
    // reaches past her call, so the reminder joins it, and says whose room it left.
    const [joined] = withSamCalledOn('2026-12-05', 'Acme');
    expect(joined!.local.date).toBe('2026-12-14');
    expect(joined!.why).toBe(
      'Planned 12 days after decided (2026-11-20); pushed from 2026-12-02 to 2026-12-14, the day of another touch to Dana Lee, to keep 10 days between touches to Acme.',
    );
  });

  test('a reminder joins no touch on a day that holds another step of its own opportunity', () => {
    const reminders = plan(
      {
        version: 1,
        owner,
        opportunities: [
          touchedOnce('b', 'Acme', '2026-12-04'),
          {
            id: 'z',
            organization: 'Acme',
            title: 'T',
            dates: { decided: '2026-11-20' },
            contacts: dana,
            cadence: {
              steps: [step('thanks', 'decided', 'P12D'), step('visible', 'decided', 'P13D')],
              rules: { minGapDays: 10 },
            },
          },
        ],
      },
      { now: early },
    );
    // `thanks` joins the call on 4 Dec; `visible` may not join it too (two steps of one
    // opportunity are two touches), so it keeps 10 days from that day.
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['z/thanks/1', '2026-12-04'],
      ['z/visible/1', '2026-12-14'],
    ]);
  });

  test('a reminder on 31 Dec 1969, day -1 of the day count, still keeps its gap (regression)', () => {
    const reminders = plan(
      {
        version: 1,
        owner,
        opportunities: [
          touchedOnce('a', 'Globex', '1969-12-29'),
          {
            id: 'z',
            organization: 'Acme',
            title: 'T',
            dates: { decided: '1969-12-20' },
            contacts: dana,
            cadence: {
              steps: [step('s', 'decided', 'P11D')],
              rules: { minGapDays: 10, businessDays: false },
            },
          },
        ],
      },
      { now: '1969-12-01T12:00:00Z' },
    );
    expect(reminders.map((r) => r.local.date)).toEqual(['1970-01-08']);
    expect(reminders[0]!.why).toContain(
      'to keep 10 days between touches to Dana Lee (another falls on 1969-12-29)',
    );
  });

  test('a tick without `with:` went to the contact of its reminder: ticking one of two reminders to one person on one day moves neither', () => {
    const pipeline = twoOpportunities(10);
    pipeline.opportunities![1]!.contacts = [{ name: 'Dana Lee', email: 'dana@acme.example' }];
    pipeline.opportunities![1]!.cadence = oneStep('P10D', 10);
    const before = plan(pipeline, { now: early });
    expect(before.map((r) => r.local.date)).toEqual(['2026-11-30', '2026-11-30']);
    pipeline.opportunities![0]!.touchpoints = [
      { on: '2026-11-30', channel: 'email', reminder: 'acme-pm/touch/1' },
    ];
    const after = plan(pipeline, { now: early });
    expect(after.map((r) => [r.key, r.status, r.local.date])).toEqual([
      ['acme-ops/touch/1', 'upcoming', '2026-11-30'],
      ['acme-pm/touch/1', 'done', '2026-11-30'],
    ]);
  });

  test("one step's repeats asking for no gap never share a day when another cadence's gap pushes them (regression)", () => {
    // Weekly repeats at Globex with no gap of their own, beside weekly repeats asking for 4 days:
    // pushed by those, repeat 3 landed on the day repeat 4 was planned for, 30 March.
    const weekly = (id: string, minGapDays: number): OpportunityInput => ({
      id,
      organization: 'Globex',
      title: 'Role',
      dates: { decided: '2026-03-02' },
      contacts: [],
      cadence: {
        steps: [step('hello', 'decided', 'P0D')],
        repeat: { every: 'P1W', count: 4 },
        rules: { minGapDays, businessDays: false },
      },
    });
    const reminders = plan(
      { version: 1, owner, opportunities: [weekly('paced', 4), weekly('weekly', 0)] },
      { now: '2026-02-01T12:00:00Z' },
    );
    const days = reminders.filter((r) => r.opportunityId === 'weekly').map((r) => r.local.date);
    expect(days).toEqual(['2026-03-06', '2026-03-14', '2026-03-22', '2026-03-30', '2026-04-07']);
  });

  test('a gap of one day is written in the singular', () => {
    const reminders = plan(twoOpportunities(1), { now: early });
    const pipeline = twoOpportunities(1);
    pipeline.opportunities![1]!.cadence = oneStep('P10D', 1);
    const [, pushed] = plan(pipeline, { now: early });
    expect(reminders.map((r) => r.local.date)).toEqual(['2026-11-30', '2026-12-02']);
    expect(pushed!.why).toContain(
      'pushed from 2026-11-30 to 2026-12-01 to keep 1 day between touches to Acme Telecom (another falls on 2026-11-30)',
    );
  });

  test('with no gap configured, touches may fall close together', () => {
    const reminders = plan(twoOpportunities(0), { now: early });
    expect(reminders.map((r) => r.local.date)).toEqual(['2026-11-30', '2026-12-02']);
  });
});

test('two recorded touches on one day give the same plan, `why` included, whatever the order of the file', () => {
  const sam = [{ name: 'Sam Ortiz', email: 'sam@globex.example' }];
  const touched = (id: string, contacts: OpportunityInput['contacts']): OpportunityInput => ({
    id,
    organization: 'Globex',
    title: 'T',
    cadence: false,
    contacts,
    touchpoints: [
      { on: '2026-03-30', channel: 'call', ...(contacts!.length > 0 ? { with: 'Sam Ortiz' } : {}) },
    ],
  });
  const c: OpportunityInput = {
    id: 'c',
    organization: 'Globex',
    title: 'T',
    dates: { decided: '2026-03-20' },
    contacts: sam,
    cadence: {
      steps: [step('one', 'decided', 'P3D'), step('two', 'decided', 'P7D')],
      rules: { minGapDays: 5 },
    },
  };
  const planned = (list: OpportunityInput[]) =>
    plan(
      { version: 1, owner: { name: 'Lynne', timezone: 'UTC' }, opportunities: list },
      {
        now: early,
      },
    );
  const a = touched('a', sam);
  const b = touched('b', []);
  expect(planned([b, a, c])).toEqual(planned([a, b, c]));
});

describe('an `urgent` step: news that should not wait', () => {
  const urgentStep = (after: string, minGapDays: number) => ({
    steps: [{ ...step('touch', 'decided', after), urgent: true }],
    rules: { minGapDays },
  });

  test('is never pushed: a reminder before it within its own gap moves past it, as for a recorded touch', () => {
    const pipeline = twoOpportunities(7);
    // The urgent one (Wed 2 Dec) would have waited 7 days after the first (Mon 30 Nov).
    pipeline.opportunities![1]!.cadence = urgentStep('P12D', 7);
    expect(plan(pipeline, { now: early }).map((r) => [r.key, r.local.date, r.why])).toEqual([
      ['acme-ops/touch/1', '2026-12-02', 'Planned 12 days after decided (2026-11-20).'],
      [
        'acme-pm/touch/1',
        '2026-12-09',
        'Planned 10 days after decided (2026-11-20); pushed from 2026-11-30 to 2026-12-09 to keep 7 days between touches to Acme Telecom (another falls on 2026-12-02).',
      ],
    ]);
    // A touch to the organization the day before it moves it no more: not urgent, it would wait
    // 7 days after that touch, then 7 after the other reminder, pushed there by the touch too.
    pipeline.opportunities!.push(touchedOnce('acme-call', 'Acme Telecom', '2026-12-01'));
    const after = plan(pipeline, { now: early });
    expect(after.find((r) => r.key === 'acme-ops/touch/1')?.local.date).toBe('2026-12-02');
    pipeline.opportunities![1]!.cadence = oneStep('P12D', 7);
    expect(
      plan(pipeline, { now: early }).find((r) => r.key === 'acme-ops/touch/1')?.local.date,
    ).toBe('2026-12-15');
  });

  test('recorded done on its day, it moves nothing else (it already counted as that touch)', () => {
    const pipeline = twoOpportunities(7);
    pipeline.opportunities![1]!.cadence = urgentStep('P12D', 7);
    const before = plan(pipeline, { now: early }).filter((r) => r.opportunityId === 'acme-pm');
    pipeline.opportunities![1]!.touchpoints = [
      { on: '2026-12-02', channel: 'email', with: 'Sam Ortiz' },
    ];
    const after = plan(pipeline, { now: early });
    expect(after.find((r) => r.key === 'acme-ops/touch/1')?.status).toBe('done');
    expect(after.filter((r) => r.opportunityId === 'acme-pm')).toEqual(before);
  });

  test("is the step's own reminder only: its repeats, planned only within the horizon, are follow-ups", () => {
    const pipeline: PipelineInput = {
      version: 1,
      owner: { name: 'Lynne', timezone: 'UTC' },
      opportunities: [
        {
          id: 'a',
          organization: 'Acme',
          title: 'T',
          dates: { decided: '2026-11-20' },
          contacts: [{ name: 'Dana Lee' }],
          cadence: {
            steps: [{ ...step('news', 'decided', 'P1D'), urgent: true }],
            repeat: { every: 'P1W', count: 3 },
          },
        },
        {
          id: 'b',
          organization: 'Acme',
          title: 'T',
          dates: { decided: '2026-11-20' },
          contacts: [{ name: 'Sam Ortiz' }],
          cadence: oneStep('P14D', 4),
        },
      ],
    };
    const within = (horizon: string) =>
      plan(pipeline, { now: early, horizon })
        .filter((r) => r.local.date <= '2026-12-04')
        .map((r) => [r.key, r.local.date, r.why]);
    // A longer horizon plans more repeats, after 12-04: the reminders up to 12-04 are the same.
    expect(within('2026-12-31')).toEqual(within('2026-12-04'));
    expect(within('2026-12-04').map(([key, date]) => [key, date])).toEqual([
      ['a/news/1', '2026-11-23'],
      ['a/news/2', '2026-11-30'],
      ['b/touch/1', '2026-12-04'],
    ]);
  });

  test('gives the same plan whatever the order of the file, `why` included', () => {
    const entry = (
      id: string,
      decided: string,
      options: { contact?: boolean; urgent?: boolean; candidate?: boolean; gap?: number } = {},
    ): OpportunityInput => ({
      id,
      ...(options.candidate ? { kind: 'candidate' as const } : {}),
      organization: 'Globex',
      title: 'T',
      dates: { decided },
      contacts: options.contact ? [{ name: 'Dana Lee', email: 'dana@globex.example' }] : [],
      cadence: {
        steps: [{ ...step('hello', 'decided', 'P0D'), urgent: options.urgent === true }],
        rules: { minGapDays: options.gap ?? 0 },
      },
    });
    const opportunities = [
      entry('a', '2026-03-11', { contact: true, gap: 3 }),
      entry('b', '2026-03-10'),
      entry('e', '2026-03-11', { contact: true, candidate: true, urgent: true }),
      entry('c', '2026-03-16', { urgent: true }),
      entry('d', '2026-03-16', { contact: true, urgent: true }),
    ];
    const planned = (list: OpportunityInput[]) =>
      plan(
        { version: 1, owner: { name: 'Lynne', timezone: 'UTC' }, opportunities: list },
        {
          now: early,
        },
      );
    expect(planned([...opportunities].reverse())).toEqual(planned(opportunities));
  });

  test('is a touch the reminders after it keep their gap from', () => {
    const pipeline = twoOpportunities(7);
    // Now the urgent one comes first (Mon 30 Nov): the other, 2 days later, waits 7 days.
    pipeline.opportunities![0]!.cadence = urgentStep('P10D', 0);
    expect(plan(pipeline, { now: early }).map((r) => [r.key, r.local.date])).toEqual([
      ['acme-pm/touch/1', '2026-11-30'],
      ['acme-ops/touch/1', '2026-12-07'],
    ]);
  });

  test('`silver-medalist` tells a candidate passed over at two clients a few days apart the day after each', () => {
    const candidate = (id: string, organization: string, decided: string): OpportunityInput => ({
      id,
      kind: 'candidate',
      organization,
      title: 'SRE',
      dates: { decided },
      contacts: [{ name: 'Hana Ito', role: 'candidate', email: 'hana@mail.example' }],
      cadence: 'silver-medalist',
    });
    const first = candidate('initech', 'Initech', '2026-11-16');
    const second = candidate('globex', 'Globex', '2026-11-19');
    // The first call was made; the second client passed three days later.
    first.touchpoints = [{ on: '2026-11-17', channel: 'call', with: 'Hana Ito' }];
    const reminders = plan({ version: 1, owner, opportunities: [first, second] }, { now: early });
    const calls = reminders.filter((r) => r.stepId === 'close-second');
    // Not a month later, as the 30 days of `minGapDays` would have it.
    expect(calls.map((r) => [r.key, r.local.date, r.status])).toEqual([
      ['initech/close-second/1', '2026-11-17', 'done'],
      ['globex/close-second/1', '2026-11-20', 'upcoming'],
    ]);
    // The follow-ups still keep 30 days from it.
    const next = reminders.find((r) => r.key === 'globex/share-openings/1')!;
    expect(next.local.date > '2026-12-20').toBe(true);
  });

  test('must be true or false', () => {
    const pipeline = twoOpportunities(7);
    pipeline.opportunities![0]!.cadence = {
      steps: [{ ...step('touch', 'decided', 'P1D'), urgent: 'yes' as never }],
    };
    expect(() => plan(pipeline, { now: early })).toThrow(
      /`opportunities\[0\]\.cadence\.steps\[0\]\.urgent`: expected true or false/,
    );
  });
});
