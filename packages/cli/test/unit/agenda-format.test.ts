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

  it("gives a call the number to dial, and other steps only the contact's name", () => {
    expect(text).toContain(
      'call with Dev Patel (+44 7700 900123): Tell Dev they were a close second',
    );
    expect(text).toContain('email with Dev Patel: Share openings that fit Dev');
  });
});
