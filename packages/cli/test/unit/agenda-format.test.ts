import { plan } from '@runner-up/core';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { formatAgenda } from '../../src/output/agenda-format';

const reminders = plan(
  {
    version: 1,
    owner: { name: 'Morgan Hale', timezone: 'Europe/London' },
    opportunities: [
      {
        id: 'contoso-sre-dev',
        kind: 'candidate',
        organization: 'Contoso',
        title: 'Senior SRE',
        cadence: 'silver-medalist',
        dates: { decided: '2026-11-30' },
        contacts: [{ name: 'Dev Patel', role: 'candidate', phone: '+44 7700 900123' }],
      },
    ],
  },
  { now: '2026-12-01T08:00:00Z', horizon: 'P3M' },
);

describe('the agenda as text', () => {
  const text = formatAgenda(reminders, {
    colors: pc.createColors(false),
    today: '2026-12-01',
    days: 90,
    timezone: 'Europe/London',
  });

  it('gives a call the number to dial, and an email to someone without an address another way', () => {
    expect(text).toContain(
      'call with Dev Patel (+44 7700 900123): Tell Dev they were a close second',
    );
    // Dev has a phone number only: the email step says so rather than leave nothing to act on.
    expect(text).toContain(
      'email with Dev Patel (no email address in this entry; phone +44 7700 900123): Share openings that fit Dev',
    );
  });

  it('gives a LinkedIn step the profile it has, an email step with an address nothing more, and says what a call or an email lacks', () => {
    const linkedin = 'https://www.linkedin.com/in/sam-okafor';
    const lines = (contact: { name: string; email?: string; linkedin?: string; phone?: string }) =>
      formatAgenda(
        plan(
          {
            version: 1,
            owner: { name: 'Morgan Hale', timezone: 'Europe/London' },
            opportunities: (['call', 'email', 'linkedin'] as const).map((action) => ({
              id: action,
              organization: 'Contoso',
              title: 'SRE',
              dates: { decided: '2026-11-30' },
              contacts: [contact],
              cadence: {
                steps: [
                  { id: 'touch', from: 'decided', after: 'P1D', title: 'Touch', action } as const,
                ],
              },
            })),
          },
          { now: '2026-12-01T08:00:00Z', horizon: 'P1M' },
        ),
        {
          colors: pc.createColors(false),
          today: '2026-12-01',
          days: 30,
          timezone: 'Europe/London',
        },
      );
    const sam = lines({ name: 'Sam Okafor', linkedin });
    expect(sam).toContain(`linkedin with Sam Okafor (${linkedin}): Touch`);
    expect(sam).toContain(
      `call with Sam Okafor (no phone number in this entry; LinkedIn ${linkedin}): Touch`,
    );
    expect(sam).toContain(
      `email with Sam Okafor (no email address in this entry; LinkedIn ${linkedin}): Touch`,
    );
    const ana = lines({ name: 'Ana Souza', email: 'ana@mail.example' });
    expect(ana).toContain('email with Ana Souza: Touch');
    expect(ana).toContain(
      'call with Ana Souza (no phone number in this entry; email ana@mail.example): Touch',
    );
    // A LinkedIn step needs no profile in the file: the name finds it.
    expect(ana).toContain('linkedin with Ana Souza: Touch');
    const nobody = lines({ name: 'Lee Hart' });
    expect(nobody).toContain('call with Lee Hart (no phone number in this entry): Touch');
  });
});

describe('dates in another year (regression: a reminder a year old read as this year)', () => {
  const pipeline = {
    version: 1 as const,
    owner: { name: 'Lynne Park', timezone: 'America/Chicago' },
    opportunities: [
      {
        id: 'acme-pm',
        organization: 'Acme',
        title: 'Program Manager',
        cadence: 'runner-up',
        dates: { decided: '2026-11-10' },
        contacts: [
          { name: 'Dana Lee', role: 'hiring-manager' as const, email: 'dana@acme.example' },
        ],
      },
    ],
  };
  const format = (now: string, days: number) =>
    formatAgenda(plan(pipeline, { now: `${now}T15:00:00Z`, horizon: `P${days}D` }), {
      colors: pc.createColors(false),
      today: now,
      days,
      timezone: 'America/Chicago',
    });

  it('shows the year of an overdue reminder from last year, and of weeks in next year', () => {
    const text = format('2027-12-01', 90);
    const overdue = text.slice(text.indexOf('Overdue'), text.indexOf('Week of'));
    expect(overdue).toContain('\n  Wed Nov 11 2026 09:00  email with Dana Lee: Thank Dana');
    // This year's dates need none.
    expect(overdue).toContain('\n  Wed Nov 17 09:00  email with Dana Lee: Quarterly hello');
    expect(text).toContain('\nWeek of Mon Feb 14 2028 (1)\n  Thu Feb 17 2028 09:00  email');
  });

  it('leaves the year out for dates in the current year', () => {
    const text = format('2026-11-12', 30);
    expect(text.split('\n')[0]).toBe(
      'Agenda for Thu Nov 12, 2026-11-12 (America/Chicago, next 30 days)',
    );
    expect(text).not.toMatch(/ 20\d\d 09:00/);
  });
});

describe('formatAgenda from a library (regression: colors was required, undefined threw)', () => {
  it('writes plain text without colors', () => {
    const options = { today: '2026-12-01', days: 90, timezone: 'Europe/London' };
    expect(formatAgenda(reminders, options)).toBe(
      formatAgenda(reminders, { ...options, colors: pc.createColors(false) }),
    );
  });
});
