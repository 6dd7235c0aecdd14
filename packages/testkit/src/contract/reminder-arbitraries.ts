/**
 * fast-check generators of reminders for sink property tests: keys and texts that stress a
 * remote's escaping and limits, and due instants made the way `plan()` makes them (a wall-clock
 * time in the owner's zone, turned into an instant with core's `toInstant`).
 */
import {
  ActionSchema,
  type Reminder,
  ReminderSchema,
  ReminderStatusSchema,
  toInstant,
  toLocal,
} from '@runner-up/core';
import fc from 'fast-check';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

const ODD_TEXTS = [
  '',
  ' ',
  '  padded  ',
  'two\nlines',
  'crlf\r\nline',
  'tab\there',
  '😀👍🏽🇫🇷👩‍👩‍👧',
  'a, b; c',
  `"quoted" {brace} \\back 'single'`,
  'zero\u200Bwidth',
  'e\u0301 combining',
  '\u0000nul',
];

/** The zones due times are made in: daylight-saving, half- and quarter-hour offsets, and UTC. */
export const SINK_ZONES = [
  'America/Chicago',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'UTC',
] as const;

/** A reminder key and the ids it is made of. */
export interface KeyParts {
  opp: string;
  step: string;
  occurrence: number;
  key: string;
}

/** Options of {@link sinkReminderArbitraries}: what one remote's generators add or leave out. */
export interface SinkReminderOptions {
  /** Texts this remote escapes in its own way (Airtable formulas, say), mixed into every text. */
  extraTexts?: readonly string[];
  /** Ids with quotes, braces, backslashes and line breaks, mixed into the keys. */
  oddIds?: boolean;
  /** The earliest local minute of the day for due times (6 × 60 keeps clear of DST changes). */
  firstMinute?: number;
}

/** The generators, for one remote's options. */
export function sinkReminderArbitraries(options: SinkReminderOptions = {}) {
  const textArb = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }).filter(wellFormed),
    fc.constantFrom(...ODD_TEXTS, ...(options.extraTexts ?? [])),
  );
  const ids = [
    fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
    ...(options.oddIds
      ? [fc.constantFrom(`it's`, 'say "hi"', 'close } brace', 'back\\slash', 'two\nlines')]
      : []),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).filter((s) => !s.includes('/')),
  ];
  const idArb = fc.oneof(...ids);
  const keyArb: fc.Arbitrary<KeyParts> = fc
    .record({ opp: idArb, step: idArb, occurrence: fc.integer({ min: 1, max: 5 }) })
    .map(({ opp, step, occurrence }) => ({
      opp,
      step,
      occurrence,
      key: `${opp}/${step}/${occurrence}`,
    }));
  /** The values a sink owns on a row, and when and where the reminder is due. */
  const fieldsArb = fc.record({
    title: textArb,
    organization: textArb,
    contact: fc.option(textArb, { nil: null }),
    why: textArb,
    action: fc.constantFrom(...ActionSchema.options),
    status: fc.constantFrom(...ReminderStatusSchema.options),
    zone: fc.constantFrom(...SINK_ZONES),
    day: fc.integer({ min: 0, max: 730 }),
    minuteOfDay: fc.integer({ min: options.firstMinute ?? 0, max: 23 * 60 + 59 }),
  });
  type Fields = typeof fieldsArb extends fc.Arbitrary<infer T> ? T : never;
  const build = (parts: KeyParts, fields: Fields): Reminder =>
    makeSinkReminder(
      parts,
      fields,
      toInstant(dateOf(fields.day), timeOf(fields.minuteOfDay), fields.zone),
    );
  /** Reminders with unique keys; a third of the time more than one page (100) of results. */
  const remindersArb = fc
    .oneof(
      {
        weight: 2,
        arbitrary: fc.uniqueArray(fc.record({ parts: keyArb, fields: fieldsArb }), {
          selector: (e) => e.parts.key,
          maxLength: 20,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.uniqueArray(fc.record({ parts: keyArb, fields: fieldsArb }), {
          selector: (e) => e.parts.key,
          minLength: 101,
          maxLength: 130,
        }),
      },
    )
    .map((entries) => entries.map((e) => build(e.parts, e.fields)));
  return { textArb, keyArb, fieldsArb, build, remindersArb };
}

/** The generators {@link sinkReminderArbitraries} returns for one remote. */
export type SinkReminderArbitraries = ReturnType<typeof sinkReminderArbitraries>;

/**
 * Texts of up to `maxLength` `x`s, broken by a newline every so often, with emoji (two UTF-16 code
 * units each) at the positions `emojiAt` draws: for a remote's chunking and length limits.
 */
export function longTextArb(
  maxLength: number,
  emojiAt: fc.Arbitrary<number> = fc.nat({ max: maxLength }),
): fc.Arbitrary<string> {
  return fc
    .record({
      length: fc.integer({ min: 0, max: maxLength }),
      emoji: fc.uniqueArray(emojiAt, { maxLength: 6 }),
      newlineEvery: fc.integer({ min: 0, max: 300 }),
    })
    .map(({ length, emoji, newlineEvery }) => {
      const chars: string[] = Array.from({ length }, (_, i) =>
        newlineEvery > 0 && i % newlineEvery === newlineEvery - 1 ? '\n' : 'x',
      );
      for (const at of emoji.filter((i) => i < length).sort((a, b) => b - a))
        chars.splice(at, 1, '😀');
      return chars.join('');
    });
}

/** The local date `day` days after 2027-01-01. */
export const dateOf = (day: number) =>
  new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10);

/** `HH:MM` of a minute of the day. */
export const timeOf = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** A reminder with the given key, owned values and due instant, checked by `ReminderSchema`. */
export function makeSinkReminder(
  parts: KeyParts,
  fields: {
    title: string;
    organization: string;
    contact: string | null;
    why: string;
    action: Reminder['action'];
    status: Reminder['status'];
    zone: string;
  },
  due: number,
): Reminder {
  const local = toLocal(due, fields.zone);
  return ReminderSchema.parse({
    key: parts.key,
    opportunityId: parts.opp,
    stepId: parts.step,
    occurrence: parts.occurrence,
    organization: fields.organization,
    title: fields.title,
    action: fields.action,
    contact: fields.contact === null ? null : { name: fields.contact },
    due: new Date(due).toISOString(),
    local: { date: local.date, time: local.time, timezone: fields.zone },
    duration: 'PT30M',
    status: fields.status,
    why: fields.why,
    talkingPoints: [],
    draft: null,
  });
}
