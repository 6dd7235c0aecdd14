import { isTimeZone } from '@runner-up/core';
import { dateIn } from './context';
import type { StarterAudience } from './starter-audiences';

/** Where editors (through yaml-language-server) find the JSON Schema of the file. */
export const SCHEMA_URL = 'https://unpkg.com/@runner-up/cli/schema/runner-up.schema.json';

/** Options of {@link starterPipeline}. */
export interface StarterOptions {
  /** "Now", an ISO instant; the example dates are set around it. */
  now: string;
  /**
   * The owner's IANA zone.
   * @default the host's zone (see `hostTimeZone`)
   */
  timezone?: string;
  /**
   * `job-seeker`: opportunities you came second for. `recruiter`: candidates who came second,
   * whom you keep warm (`kind: candidate`, the `silver-medalist` cadence).
   * @default 'job-seeker'
   */
  for?: StarterAudience;
}

/**
 * Zones whose current IANA name is not the one ICU reports: ICU keeps the CLDR canonical ids, which
 * are the old names (`Asia/Calcutta` for `Asia/Kolkata`). Each maps to the name the IANA database
 * uses now, which ICU accepts as an alias.
 */
const CURRENT_ZONE_NAMES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/**
 * The zone `runner-up init` writes: the host's, under its current IANA name, or `UTC` with
 * `usable: false` when the host's zone is unknown or no zone `Intl` can use (an empty or
 * misspelt `TZ` gives `Etc/Unknown` or none at all).
 */
export function hostTimeZone(
  reported: string | undefined = Intl.DateTimeFormat().resolvedOptions().timeZone,
): { zone: string; usable: boolean; reported?: string } {
  if (!reported || reported === 'Etc/Unknown' || !isTimeZone(reported)) {
    return { zone: 'UTC', usable: false, ...(reported ? { reported } : {}) };
  }
  const current = CURRENT_ZONE_NAMES[reported];
  return { zone: current !== undefined && isTimeZone(current) ? current : reported, usable: true };
}

/** The column the starter's end-of-line comments start at. */
const COMMENT_COLUMN = 33;

/**
 * The owner's `timezone:` line with its comment lined up with the others, or on the line above
 * it when the zone's name is too long for that (`America/Argentina/Rio_Gallegos`).
 */
function timezoneLines(timezone: string): string {
  const line = `  timezone: ${timezone}`;
  const comment = '# IANA zone: every reminder falls at `at` in this zone';
  return line.length + 2 <= COMMENT_COLUMN
    ? `${line.padEnd(COMMENT_COLUMN)}${comment}`
    : `  ${comment}\n${line}`;
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** The owner block both starters share. */
function ownerLines(timezone: string): string {
  return `owner:
  name: Your Name
${timezoneLines(timezone)}
  workdays: [mon, tue, wed, thu, fri]
  holidays: []                   # dates to skip, like 2026-12-25
  at: "09:30"                    # time of day reminders fall at (quote it)
  duration: PT30M                # how long the calendar block is`;
}

/**
 * The commented starter `runner-up.yaml` that `runner-up init` writes, with dates set around
 * `now` so the agenda has something to show at once: two opportunities you came second for, or,
 * `for: 'recruiter'`, two candidates who came second whom you keep warm.
 */
export function starterPipeline(options: StarterOptions): string {
  const timezone = options.timezone ?? hostTimeZone().zone;
  const today = dateIn(options.now, timezone);
  return options.for === 'recruiter'
    ? recruiterStarter(timezone, today)
    : jobSeekerStarter(timezone, today);
}

function jobSeekerStarter(timezone: string, today: string): string {
  const decided = addDays(today, -2);
  const winnerStarts = addDays(today, 30);
  const relocatedDecided = addDays(today, -20);
  return `# yaml-language-server: $schema=${SCHEMA_URL}
#
# runner-up: stay visible to the organizations that picked someone else.
# Coming second is a good result: the person chosen may not last past the first three months,
# a second opening may follow, or the need may move and come back as contract work. Whoever kept
# in touch gets that call. This file lists the opportunities you came second for; runner-up plans
# when to get back in touch, why then, and what to say.
#
#   runner-up agenda          what is due now and over the next weeks, with the reason for each date
#   runner-up log <id> --channel email --note "..."   record a contact (this file is edited in place)
#   runner-up validate        check this file after editing it by hand

version: 1

${ownerLines(timezone)}

opportunities:
  # A job where the other finalist got the offer. The \`runner-up\` cadence thanks them the next
  # business day, checks in after a few weeks, again before the new hire's 90th day, then quarterly.
  - id: acme-telecom-pm          # a stable slug: reminder keys and calendar entries derive from it
    kind: job                    # job | contract | proposal | partnership | other (candidate: init --for recruiter)
    organization: Acme Telecom
    title: Program Manager
    status: runner-up
    dates:
      decided: ${decided}        # when they told you
      winnerStarts: ${winnerStarts}   # unknown? write null and the plan will estimate it
    contacts:
      - name: Dana Lee
        role: hiring-manager
        email: dana@acme.example
    cadence: runner-up
    touchpoints: []              # \`runner-up log\` appends here

  # A role that moved to another state. Offer to help locally, on contract, while they staff up.
  - id: northwind-ops-lead
    kind: job
    organization: Northwind Networks
    title: Operations Lead
    status: runner-up
    dates:
      decided: ${relocatedDecided}
    contacts:
      - { name: Sam Ortiz, role: recruiter, email: sam@northwind.example }
    cadence: relocated
`;
}

/**
 * The recruiter's starter: one candidate who came second at a client, and one already called,
 * so the file shows a logged touch and a reply that, for a candidate, does not stop the cadence.
 */
function recruiterStarter(timezone: string, today: string): string {
  const decided = addDays(today, -2);
  const calledDecided = addDays(today, -40);
  const called = addDays(today, -39);
  const replied = addDays(today, -36);
  return `# yaml-language-server: $schema=${SCHEMA_URL}
#
# runner-up for recruiters: keep warm with the candidates who came a close second.
# A runner-up candidate has already been screened, interviewed and liked. The hire may not last
# past probation, the same role may open again, or the next role may fit them better; whoever kept
# in touch makes that placement. This file lists the candidates you keep warm, one entry per
# candidate and role; runner-up plans when to get back in touch, why then, and what to say.
#
#   runner-up agenda          what is due now and over the next weeks, with the reason for each date
#   runner-up log <id> --channel call --note "..."   record a call with the candidate (edits this file)
#   runner-up validate        check this file after editing it by hand

version: 1

${ownerLines(timezone)}

opportunities:
  # A candidate who came second for a client's role. The \`silver-medalist\` cadence calls them the
  # next business day, sends openings that fit six weeks later, asks three months on whether they
  # are still open to a move, and again every four months for two years. Their replies do not
  # stop it (\`status\` does); three touches in a row with no reply do.
  - id: contoso-sre-priya        # a stable slug, one per candidate and role: reminder keys derive from it
    kind: candidate              # a candidate you keep warm: every step goes to the candidate
    organization: Contoso        # who hired someone else: your client, or your own company
    title: Senior SRE            # the role they came second for
    status: runner-up            # won once placed (by you or elsewhere), closed when you stop
    dates:
      decided: ${decided}        # when the client chose someone else
    contacts:
      - name: Priya Raman
        role: candidate          # the one every step goes to
        email: priya.raman@mail.example
        phone: "+1 312 555 0147" # the agenda gives a call the number to dial
      - name: Lee Hart           # people at the client, for your notes: steps never go to them, and a
                                 # touchpoint with them completes none
        role: hiring-manager
        email: lee.hart@contoso.example
    cadence: silver-medalist     # for candidates only: validate warns on it without kind: candidate
    touchpoints: []              # \`runner-up log\` appends here

  # A candidate you have already called: the next step counts from that call. The same email,
  # LinkedIn profile or phone in two entries is one person, whose follow-ups \`minGapDays\` keeps a
  # month apart. Add \`doNotContact: true\` to a candidate who asks you to stop: nothing is planned
  # for them, in this entry or any other that lists them.
  - id: fabrikam-data-jordan
    kind: candidate
    organization: Fabrikam Logistics
    title: Data Analyst
    status: runner-up
    dates:
      decided: ${calledDecided}
    contacts:
      - { name: Jordan Blake, role: candidate, linkedin: linkedin.com/in/jordanblake }
    cadence: silver-medalist
    touchpoints:
      - { on: ${called}, channel: call, with: Jordan Blake, note: "Close second; open to other roles" }
      - { on: ${replied}, channel: linkedin, with: Jordan Blake, direction: in, note: "Keep me in mind" }
`;
}
