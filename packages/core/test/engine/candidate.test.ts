// The employer or recruiter side: `kind: candidate`, an opportunity that is a runner-up candidate
// kept warm. Its contact is the candidate, and its organization the one that hired someone else.
import { describe, expect, test } from 'vitest';
import {
  addDays,
  candidateOf,
  type OpportunityInput,
  type PipelineInput,
  parsePipeline,
  plan,
} from '../../src';
import { early, owner, step } from './fixtures';

const touch = (minGapDays: number) => ({
  steps: [step('touch', 'decided', 'P10D')],
  rules: { minGapDays },
});

function candidates(...opportunities: OpportunityInput[]): PipelineInput {
  return { version: 1, owner, opportunities };
}

/**
 * As {@link candidates}, each entry decided a day after the one before: their first touches fall
 * on days in a row, so a push by `minGapDays` shows that two entries are one person (touches to one
 * person on the same day are never kept apart).
 */
function staggered(...opportunities: OpportunityInput[]): PipelineInput {
  return candidates(
    ...opportunities.map((o, k) => ({
      ...o,
      dates: { ...o.dates, decided: addDays(o.dates!.decided!, k) },
    })),
  );
}

/** Each reminder's key and local date, for {@link staggered} entries planned at `early`. */
function staggeredDates(...opportunities: OpportunityInput[]): string[][] {
  return plan(staggered(...opportunities), { now: early }).map((r) => [r.key, r.local.date]);
}

function candidate(id: string, name: string, overrides: Partial<OpportunityInput> = {}) {
  return {
    id,
    kind: 'candidate' as const,
    organization: 'Globex',
    title: 'Senior SRE',
    dates: { decided: '2026-11-20' },
    contacts: [{ name, email: `${id}@mail.example` }],
    cadence: touch(30),
    ...overrides,
  };
}

describe('kind: candidate', () => {
  test('two candidates for one client are kept apart per person, not per organization', () => {
    const reminders = plan(
      staggered(candidate('ana', 'Ana Souza'), candidate('ben', 'Ben Okafor')),
      {
        now: early,
      },
    );
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['ana/touch/1', '2026-11-30'],
      ['ben/touch/1', '2026-12-01'],
    ]);
    // The same two as job-seeker opportunities at one organization: the second waits 30 days.
    const seeker = plan(
      staggered(
        candidate('ana', 'Ana Souza', { kind: 'job' }),
        candidate('ben', 'Ben Okafor', { kind: 'job' }),
      ),
      { now: early },
    );
    expect(seeker.map((r) => r.local.date)).toEqual(['2026-11-30', '2026-12-30']);
  });

  test('a candidate shortlisted at two clients is one person, by LinkedIn profile when there is no email', () => {
    const hana = (id: string, organization: string, linkedin: string) =>
      candidate(id, 'Hana Sato', { organization, contacts: [{ name: 'Hana Sato', linkedin }] });
    const reminders = plan(
      staggered(
        hana('initech-hana', 'Initech', 'linkedin.com/in/hanasato'),
        hana('stark-hana', 'Stark Logistics', 'https://www.linkedin.com/in/HanaSato/'),
      ),
      { now: early },
    );
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['initech-hana/touch/1', '2026-11-30'],
      ['stark-hana/touch/1', '2026-12-30'],
    ]);
    expect(reminders[1]!.why).toContain('30 days between touches to Hana Sato');
  });

  test("one LinkedIn profile is one person on any of LinkedIn's hosts, on a page under it, or encoded", () => {
    const hana = (id: string, organization: string, linkedin: string) =>
      candidate(id, 'Hana Sato', { organization, contacts: [{ name: 'Hana Sato', linkedin }] });
    expect(
      staggeredDates(
        hana('initech-hana', 'Initech', 'https://m.linkedin.com/in/hanasato'),
        hana('stark-hana', 'Stark', 'https://www.linkedin.com/in/HanaSato/details/experience/'),
        hana('wayne-hana', 'Wayne', 'uk.linkedin.com/in/hana%73ato?trk=people'),
      ),
    ).toEqual([
      ['initech-hana/touch/1', '2026-11-30'],
      ['stark-hana/touch/1', '2026-12-30'],
      ['wayne-hana/touch/1', '2026-12-30'],
    ]);
    // Another profile, and a company page (everyone who works there shares it), are not her:
    // nothing pushes their days in a row.
    expect(
      staggeredDates(
        hana('initech-hana', 'Initech', 'https://m.linkedin.com/in/hanasato'),
        hana('stark-hana', 'Stark', 'https://www.linkedin.com/in/hanasato-2/'),
        hana('wayne-hana', 'Wayne', 'https://www.linkedin.com/company/hanasato'),
      ).map(([, date]) => date),
    ).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });

  test('one LinkedIn profile is one person however its accented letters are written', () => {
    const elise = (id: string, organization: string, linkedin: string) =>
      candidate(id, 'Élise Roux', { organization, contacts: [{ name: 'Élise Roux', linkedin }] });
    expect(
      staggeredDates(
        elise('initech-elise', 'Initech', 'https://www.linkedin.com/in/Élise-Roux'),
        // Percent-encoded capital, and an `e` followed by a combining accent.
        elise('stark-elise', 'Stark', 'https://www.linkedin.com/in/%C3%89lise-Roux'),
        elise('wayne-elise', 'Wayne', 'https://www.linkedin.com/in/e\u0301lise-roux'),
      ).map(([, date]) => date),
    ).toEqual(['2026-11-30', '2026-12-30', '2026-12-30']);
  });

  test('doNotContact holds for the same LinkedIn profile written on another host', () => {
    const ana = (id: string, organization: string, linkedin: string, doNotContact: boolean) =>
      candidate(id, 'Ana Souza', {
        organization,
        contacts: [{ name: 'Ana Souza', linkedin, ...(doNotContact ? { doNotContact } : {}) }],
      });
    const reminders = plan(
      candidates(
        ana('globex-ana', 'Globex', 'https://www.linkedin.com/in/ana-souza/', true),
        ana('initech-ana', 'Initech', 'https://m.linkedin.com/in/ana-souza', false),
      ),
      { now: early },
    );
    expect(reminders).toEqual([]);
  });

  test('one phone number is one person, with or without its country code and extension', () => {
    const sam = (id: string, organization: string, phone: string) =>
      candidate(id, 'Sam Reyes', { organization, contacts: [{ name: 'Sam Reyes', phone }] });
    expect(
      staggeredDates(
        sam('initech-sam', 'Initech', '+1 312 555 0100'),
        sam('stark-sam', 'Stark Logistics', '(312) 555-0100 ext. 4'),
        sam('wayne-sam', 'Wayne', '1-312-555-0100'),
      ),
    ).toEqual([
      ['initech-sam/touch/1', '2026-11-30'],
      ['stark-sam/touch/1', '2026-12-30'],
      // Pushed past the first touch onto the day of the second: one call covers both.
      ['wayne-sam/touch/1', '2026-12-30'],
    ]);
  });

  test('numbers that share their last digits but not their area or country are different people', () => {
    const reminders = plan(
      staggered(
        candidate('ana', 'Ana', { contacts: [{ name: 'Ana', phone: '(312) 555-0100' }] }),
        candidate('bo', 'Bo', { contacts: [{ name: 'Bo', phone: '+1 212 555 0100' }] }),
        candidate('cy', 'Cy', { contacts: [{ name: 'Cy', phone: '+49 30 2555 0100' }] }),
      ),
      { now: early },
    );
    expect(reminders.map((r) => r.local.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
  });

  test('a national number is the international one it ends, with its trunk 0 dropped', () => {
    const reminders = plan(
      staggered(
        candidate('uk-1', 'Ana', { contacts: [{ name: 'Ana', phone: '+44 7700 900123' }] }),
        candidate('uk-2', 'Ana', { contacts: [{ name: 'Ana', phone: '07700 900123' }] }),
        candidate('fr-1', 'Léa', { contacts: [{ name: 'Léa', phone: '0033 1 23 45 67 89' }] }),
        candidate('fr-2', 'Léa', { contacts: [{ name: 'Léa', phone: '01 23 45 67 89' }] }),
      ),
      { now: early },
    );
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['uk-1/touch/1', '2026-11-30'],
      ['fr-1/touch/1', '2026-12-02'],
      ['uk-2/touch/1', '2026-12-30'],
      // 2027-01-01 is a holiday, then a weekend.
      ['fr-2/touch/1', '2027-01-04'],
    ]);
  });

  test('someone who asked not to be contacted in one entry is not contacted in another', () => {
    const reminders = plan(
      candidates(
        candidate('contoso-aisha', 'Aisha Khan', {
          organization: 'Contoso',
          contacts: [{ name: 'Aisha Khan', email: 'aisha@mail.example', doNotContact: true }],
        }),
        candidate('globex-aisha', 'Aisha Khan', {
          organization: 'Globex',
          contacts: [{ name: 'Aisha Khan', email: 'Aisha@Mail.example' }],
        }),
      ),
      { now: early },
    );
    expect(reminders).toEqual([]);
  });

  test('one person when entries share any of email, LinkedIn or phone, even if one has more', () => {
    expect(
      staggeredDates(
        candidate('a-priya', 'Priya Raman', {
          organization: 'Contoso',
          contacts: [{ name: 'Priya Raman', email: 'p@x.example', phone: '+44 7700 900123' }],
        }),
        candidate('b-priya', 'Priya Raman', {
          organization: 'Globex',
          contacts: [{ name: 'Priya Raman', phone: '+44 (0)7700 900123' }],
        }),
      ),
    ).toEqual([
      ['a-priya/touch/1', '2026-11-30'],
      ['b-priya/touch/1', '2026-12-30'],
    ]);
  });

  test('eleven digits starting with 1 are the Chinese mobile number they end, unless written as North American', () => {
    const li = (id: string, organization: string, phone: string) =>
      candidate(id, 'Li Wei', { organization, contacts: [{ name: 'Li Wei', phone }] });
    expect(
      staggeredDates(
        li('a-li', 'Initech', '+86 138 0013 8000'),
        li('b-li', 'Stark', '138 0013 8000'),
      ),
    ).toEqual([
      ['a-li/touch/1', '2026-11-30'],
      ['b-li/touch/1', '2026-12-30'],
    ]);
    // Written with +1 too: read as North American, as a number with a leading 1 usually is.
    expect(
      staggeredDates(
        li('a-li', 'Initech', '+86 138 0013 8000'),
        li('b-li', 'Stark', '138 0013 8000'),
        li('c-li', 'Wayne', '+1 380 013 8000'),
      ),
    ).toEqual([
      ['a-li/touch/1', '2026-11-30'],
      ['b-li/touch/1', '2026-12-01'],
      ['c-li/touch/1', '2026-12-31'],
    ]);
  });

  test('a North American number written without + is not taken for a foreign one that ends alike (regression: a barred German contact hid it)', () => {
    const reminders = plan(
      staggered(
        candidate('berlin', 'Jonas Weber', {
          contacts: [{ name: 'Jonas Weber', phone: '+49 1512 3456789', doNotContact: true }],
        }),
        candidate('austin', 'Alex Moore', {
          contacts: [{ name: 'Alex Moore', phone: '15123456789' }],
        }),
        candidate('chengdu', 'Wang Fang', {
          contacts: [{ name: 'Wang Fang', phone: '+86 151 2345 6789' }],
        }),
        candidate('dallas', 'Sam Cole', {
          contacts: [{ name: 'Sam Cole', phone: '1 (512) 345-6789' }],
        }),
      ),
      { now: early },
    );
    // `15123456789` is the Chinese number, as exactly one +86 number ends with it; written in
    // North American groups, `1 (512) 345-6789` is not.
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([
      ['austin/touch/1', '2026-12-01'],
      ['dallas/touch/1', '2026-12-03'],
      ['chengdu/touch/1', '2026-12-31'],
    ]);
  });

  test('a London number with its trunk 0 is not a North American one that ends alike', () => {
    const reminders = plan(
      staggered(
        candidate('us', 'Joe', { contacts: [{ name: 'Joe', phone: '+1 207 946 0018' }] }),
        candidate('uk', 'Priya', { contacts: [{ name: 'Priya', phone: '020 7946 0018' }] }),
      ),
      { now: early },
    );
    expect(reminders.map((r) => r.local.date)).toEqual(['2026-11-30', '2026-12-01']);
  });

  test("a touch with someone else at the client neither completes the candidate's step nor answers", () => {
    const withManager = (direction: 'in' | 'out') =>
      plan(
        candidates(
          candidate('priya', 'Priya Raman', {
            contacts: [
              { name: 'Priya Raman', role: 'candidate', email: 'p@x.example' },
              { name: 'Lee Hart', role: 'hiring-manager' },
            ],
            cadence: {
              steps: [step('touch', 'decided', 'P10D')],
              repeat: { every: 'P1M', count: 1 },
            },
            touchpoints: [{ on: '2026-11-30', channel: 'call', with: 'Lee Hart', direction }],
          }),
        ),
        { now: early },
      );
    for (const direction of ['out', 'in'] as const) {
      const reminders = withManager(direction);
      expect(reminders.map((r) => [r.key, r.status, r.contact?.name])).toEqual([
        ['priya/touch/1', 'upcoming', 'Priya Raman'],
        ['priya/touch/2', 'upcoming', 'Priya Raman'],
      ]);
    }
  });

  test("a candidate's touch without `with:` is with them, and spaces their other entries", () => {
    const reminders = plan(
      candidates(
        candidate('a-sam', 'Sam', {
          organization: 'Contoso',
          cadence: false,
          contacts: [{ name: 'Sam', role: 'candidate', email: 'sam@x.example' }],
          touchpoints: [{ on: '2026-11-28', channel: 'call' }],
        }),
        candidate('b-sam', 'Sam', {
          organization: 'Globex',
          contacts: [{ name: 'Sam', role: 'candidate', email: 'sam@x.example' }],
        }),
      ),
      { now: early },
    );
    expect(reminders.map((r) => [r.key, r.local.date])).toEqual([['b-sam/touch/1', '2026-12-28']]);
  });

  test('two email addresses are two people, whatever number or company page they share', () => {
    expect(
      staggeredDates(
        candidate('dana', 'Dana', {
          contacts: [
            {
              name: 'Dana',
              email: 'dana@acme.example',
              phone: '+1 800 555 0000',
              doNotContact: true,
            },
          ],
        }),
        candidate('lee', 'Lee', {
          contacts: [
            {
              name: 'Lee',
              email: 'lee@acme.example',
              phone: '(800) 555-0000',
              linkedin: 'linkedin.com/company/acme',
            },
          ],
        }),
        candidate('kim', 'Kim', {
          contacts: [{ name: 'Kim', linkedin: 'https://www.linkedin.com/company/acme/' }],
        }),
      ),
    ).toEqual([
      ['lee/touch/1', '2026-12-01'],
      ['kim/touch/1', '2026-12-02'],
    ]);
  });

  test('a number of six digits or fewer tells no one apart', () => {
    const reminders = plan(
      staggered(
        candidate('a', 'Ann', {
          organization: 'Acme',
          contacts: [{ name: 'Ann', phone: '123456' }],
        }),
        candidate('b', 'Bo', {
          organization: 'Globex',
          contacts: [{ name: 'Bo', phone: '123-456' }],
        }),
      ),
      { now: early },
    );
    expect(reminders.map((r) => r.local.date)).toEqual(['2026-11-30', '2026-12-01']);
  });

  test('a contact known by name alone is the one known person of that name at the organization', () => {
    const pipeline = (aliceHasEmail: boolean) =>
      candidates(
        candidate('a', 'Alex Kim', {
          cadence: false,
          contacts: [
            {
              name: 'Alex Kim',
              ...(aliceHasEmail ? { email: 'alex@mail.example' } : {}),
              doNotContact: true,
            },
          ],
        }),
        candidate('b', 'Alex Kim', { contacts: [{ name: 'alex kim' }] }),
      );
    expect(plan(pipeline(true), { now: early })).toEqual([]);
    expect(plan(pipeline(false), { now: early })).toEqual([]);
  });

  test("the reminder gives the candidate's phone and LinkedIn, for the call", () => {
    const [reminder] = plan(
      candidates(
        candidate('dev', 'Dev Patel', {
          contacts: [
            {
              name: 'Dev Patel',
              role: 'candidate',
              phone: '+44 7700 900123',
              linkedin: 'linkedin.com/in/devp',
            },
          ],
        }),
      ),
      { now: early },
    );
    expect(reminder!.contact).toEqual({
      name: 'Dev Patel',
      role: 'candidate',
      phone: '+44 7700 900123',
      linkedin: 'linkedin.com/in/devp',
    });
  });

  test("a step's `to:` does not send a candidate's message to someone else", () => {
    const reminders = plan(
      candidates(
        candidate('priya', 'Priya Raman', {
          contacts: [
            { name: 'Lee Hart', role: 'hiring-manager' },
            { name: 'Priya Raman', role: 'candidate' },
          ],
          cadence: { steps: [{ ...step('touch', 'decided', 'P10D'), to: 'hiring-manager' }] },
        }),
      ),
      { now: early },
    );
    expect(reminders.map((r) => r.contact?.name)).toEqual(['Priya Raman']);
  });

  test('touches to a candidate do not count against their client', () => {
    // A job-seeker opportunity at Globex, and a candidate Globex passed over, touched recently.
    const pipeline = candidates(
      {
        id: 'globex-pm',
        organization: 'Globex',
        title: 'Program Manager',
        dates: { decided: '2026-11-20' },
        contacts: [{ name: 'Dana Lee', email: 'dana@globex.example' }],
        cadence: touch(30),
      },
      candidate('ana', 'Ana Souza', {
        cadence: false,
        touchpoints: [{ on: '2026-11-27', channel: 'call', with: 'Ana Souza' }],
      }),
    );
    expect(plan(pipeline, { now: early }).map((r) => r.local.date)).toEqual(['2026-11-30']);
  });

  test('every step goes to the candidate, and a candidate you may not contact gets nothing', () => {
    const contacts = [
      { name: 'Lee Hart', role: 'hiring-manager', email: 'lee@umbrella.example' },
      { name: 'Kim Novak', role: 'candidate', email: 'kim@mail.example' },
    ];
    const reachable = plan(candidates(candidate('kim', 'Kim Novak', { contacts })), { now: early });
    expect(reachable.map((r) => r.contact?.name)).toEqual(['Kim Novak']);
    const off = contacts.map((c) => (c.role === 'candidate' ? { ...c, doNotContact: true } : c));
    // Not to the hiring manager instead, as a job-seeker's steps would fall back to.
    expect(
      plan(candidates(candidate('kim', 'Kim Novak', { contacts: off })), { now: early }),
    ).toEqual([]);
    // Without a `candidate` role, the candidate is the first contact.
    const first = [{ ...contacts[1]!, role: undefined, doNotContact: true }, contacts[0]!];
    expect(
      plan(candidates(candidate('kim', 'Kim Novak', { contacts: first })), { now: early }),
    ).toEqual([]);
  });

  test('a candidate passed over by two clients on one day gets one call about both', () => {
    // Both clients decided on Friday 20 Nov: both first calls fall on Monday, and neither waits
    // `minGapDays` for the other.
    const hana = (id: string, organization: string, title: string) =>
      candidate(id, 'Hana Sato', {
        organization,
        title,
        contacts: [{ name: 'Hana Sato', role: 'candidate', email: 'hana@mail.example' }],
        cadence: 'silver-medalist',
      });
    const reminders = plan(
      candidates(
        hana('initech-hana', 'Initech', 'SRE'),
        hana('stark-hana', 'Stark', 'Platform Lead'),
      ),
      { now: early },
    );
    const first = reminders.filter((r) => r.occurrence === 1 && r.stepId === reminders[0]!.stepId);
    expect(first.map((r) => [r.key, r.local.date])).toEqual([
      [`initech-hana/${reminders[0]!.stepId}/1`, '2026-11-23'],
      [`stark-hana/${reminders[0]!.stepId}/1`, '2026-11-23'],
    ]);
    expect(first.map((r) => r.title)).toEqual([
      expect.stringContaining('SRE at Initech'),
      expect.stringContaining('Platform Lead at Stark'),
    ]);
  });

  test('silver-medalist goes on after a reply, which answers the touches before it', () => {
    const pipeline = candidates(
      candidate('ana', 'Ana Souza', {
        cadence: 'silver-medalist',
        dates: { decided: '2026-03-02' },
        touchpoints: [
          { on: '2026-03-03', channel: 'call', with: 'Ana Souza' },
          { on: '2026-03-04', channel: 'email', direction: 'in', note: 'keep me in mind' },
        ],
      }),
    );
    const reminders = plan(pipeline, { now: '2026-11-30T15:00:00Z' });
    expect(reminders[0]).toMatchObject({ key: 'ana/close-second/1', status: 'done' });
    // Nothing skipped, and the cadence's later steps and repeats still come.
    expect(reminders.some((r) => r.status === 'skipped')).toBe(false);
    expect(reminders.map((r) => r.stepId)).toEqual(
      expect.arrayContaining(['share-openings', 'availability-check']),
    );
    expect(reminders.filter((r) => r.local.date > '2026-11-30').length).toBeGreaterThan(0);
  });
});

describe('candidateOf', () => {
  const manager = { name: 'Lee Hart', role: 'hiring-manager', email: 'lee@globex.example' };
  const ana = { name: 'Ana Souza', role: ' Candidate ', email: 'ana@mail.example' };

  test('is the contact whose role is candidate, in any case, whom plan() addresses', () => {
    const pipeline = parsePipeline(
      candidates(candidate('ana', 'Ana Souza', { contacts: [manager, ana] })),
    );
    const opportunity = pipeline.opportunities[0]!;
    expect(candidateOf(opportunity)?.name).toBe('Ana Souza');
    expect(plan(pipeline, { now: early }).map((r) => r.contact?.name)).toEqual(['Ana Souza']);
  });

  test('is the first contact when none has the role', () => {
    const pipeline = parsePipeline(
      candidates(candidate('ana', 'Ana Souza', { contacts: [{ name: 'Ana Souza' }, manager] })),
    );
    expect(candidateOf(pipeline.opportunities[0]!)?.name).toBe('Ana Souza');
  });

  test('is undefined for another kind of opportunity, or one with no contacts', () => {
    const job = { ...candidate('ana', 'Ana Souza', { contacts: [ana] }), kind: 'job' as const };
    const pipeline = parsePipeline(candidates(job, candidate('none', 'Nobody', { contacts: [] })));
    expect(pipeline.opportunities.map(candidateOf)).toEqual([undefined, undefined]);
  });
});
