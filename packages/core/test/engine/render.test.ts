import { describe, expect, test } from 'vitest';
import { builtinCadences, definePlugin, mailtoLink, plan, renderText } from '../../src';
import { early, withCadence } from './fixtures';

const context = {
  contact: { name: 'Dana Lee' },
  organization: 'Acme Telecom',
  title: 'Program Manager',
  dates: { decided: '2026-11-20', winnerStarts: null },
};

describe('talking points and drafts', () => {
  test('{contact.firstName} skips a title before the name, and keeps it before a surname alone', () => {
    const first = (name: string) =>
      renderText('Hi {contact.firstName},', { ...context, contact: { name } });
    expect(first('Dana Lee')).toBe('Hi Dana,');
    expect(first('  Kai  ')).toBe('Hi Kai,');
    expect(first('Dr. Zoë Ünïcødé-Smith')).toBe('Hi Zoë,');
    expect(first('prof Ada Lovelace')).toBe('Hi Ada,');
    expect(first('Ms Okafor')).toBe('Hi Ms Okafor,');
    // A first name that only looks like a title is a first name.
    expect(first('Miss')).toBe('Hi Miss,');
    expect(first('Drew Barrymore')).toBe('Hi Drew,');
    // Any whitespace separates words: a tab, a no-break space, several at once.
    expect(first('Ana\tSouza')).toBe('Hi Ana,');
    expect(first('Dr.\u00a0 Kai\u00a0Sato')).toBe('Hi Kai,');
    expect(first('Mr \t Sato')).toBe('Hi Mr Sato,');
  });

  test('fills every placeholder', () => {
    expect(
      renderText(
        '{contact.firstName} / {contact.name} / {organization} / {title} / {dates.decided}',
        context,
      ),
    ).toBe('Dana / Dana Lee / Acme Telecom / Program Manager / 2026-11-20');
  });

  test('leaves a placeholder with nothing to fill it visible', () => {
    expect(renderText('Since {dates.winnerStarts}, {unknown}', context)).toBe(
      'Since {dates.winnerStarts}, {unknown}',
    );
  });

  test('speaks of "your contact" when there is none', () => {
    expect(renderText('Thank {contact.firstName}', { ...context, contact: null })).toBe(
      'Thank your contact',
    );
  });

  test('expands plugin templates, with placeholders inside them', () => {
    const plugin = definePlugin({
      name: 'pitches',
      templates: {
        'second-seat': 'Ask {contact.firstName} whether {organization} needs a second seat.',
      },
    });
    const reminders = plan(
      withCadence({
        steps: [
          {
            id: 'ask',
            from: 'decided',
            after: 'P3D',
            title: 'Ask',
            talkingPoints: ['{template:second-seat}'],
          },
        ],
      }),
      { now: early, plugins: [plugin] },
    );
    expect(reminders[0]!.talkingPoints).toEqual([
      'Ask Dana whether Acme Telecom needs a second seat.',
    ]);
  });

  test('an email step comes with a draft and an encoded mailto link', () => {
    const reminders = plan(
      withCadence({
        steps: [
          {
            id: 'thanks',
            from: 'decided',
            after: 'P3D',
            title: 'Thank {contact.firstName}',
            subject: 'Thank you & the {title} role',
            talkingPoints: ['Say you are still interested: 100%?'],
          },
        ],
      }),
      { now: early },
    );
    const draft = reminders[0]!.draft!;
    expect(draft.subject).toBe('Thank you & the Program Manager role');
    expect(draft.body).toBe('Hi Dana,\n\n- Say you are still interested: 100%?\n\nBest,\nLynne');
    expect(draft.mailto).toBe(
      'mailto:dana@acme.example?subject=Thank%20you%20%26%20the%20Program%20Manager%20role' +
        '&body=Hi%20Dana%2C%0D%0A%0D%0A-%20Say%20you%20are%20still%20interested%3A%20100%25%3F%0D%0A%0D%0ABest%2C%0D%0ALynne',
    );
  });

  test("a step's `body` is the draft's message, placeholders filled, in place of the outline", () => {
    const reminders = plan(
      withCadence({
        steps: [
          {
            id: 'thanks',
            from: 'decided',
            after: 'P3D',
            title: 'Thank {contact.firstName}',
            talkingPoints: ['Keep it short.'],
            body: 'Thank you for the {title} interviews.\n\nI would still like to work with {organization}.\n',
          },
        ],
      }),
      { now: early },
    );
    const reminder = reminders[0]!;
    expect(reminder.talkingPoints).toEqual(['Keep it short.']);
    expect(reminder.draft!.body).toBe(
      'Hi Dana,\n\nThank you for the Program Manager interviews.\n\nI would still like to work with Acme Telecom.\n\nBest,\nLynne',
    );
    expect(decodeURIComponent(reminder.draft!.mailto!.split('&body=')[1]!)).toBe(
      reminder.draft!.body.replace(/\n/g, '\r\n'),
    );
  });

  test('every built-in step that drafts a message has a message of its own, not its advice', () => {
    for (const [id, cadence] of Object.entries(builtinCadences)) {
      for (const step of cadence.steps) {
        if (step.action !== 'email' && step.action !== 'linkedin') continue;
        expect(step.body, `${id}/${step.id}`).toBeDefined();
        // The talking points are advice to the sender; none of them goes into the message.
        for (const point of step.talkingPoints ?? []) expect(step.body).not.toContain(point);
      }
    }
  });

  test('encodes mailto parts per RFC 6068', () => {
    const link = mailtoLink('a+b@x.example', 'Zoë?', 'line 1\nline 2');
    expect(link).toBe('mailto:a%2Bb@x.example?subject=Zo%C3%AB%3F&body=line%201%0D%0Aline%202');
    const url = new URL(link);
    expect(url.protocol).toBe('mailto:');
    expect(url.searchParams.get('subject')).toBe('Zoë?');
  });

  test('an address keeps `@` and the characters URI components leave alone, and encodes the rest', () => {
    const address = (text: string) => mailtoLink(text, 's', 'b').split('?')[0];
    expect(address("o'neil.dana-lee_2!~*(x)@acme.example")).toBe(
      "mailto:o'neil.dana-lee_2!~*(x)@acme.example",
    );
    // Every printable ASCII character, and one beyond it, inside an address.
    for (let code = 32; code <= 127; code++) {
      const char = code === 127 ? 'é' : String.fromCharCode(code);
      const expected =
        encodeURIComponent(char) === char || char === '@' ? char : encodeURIComponent(char);
      expect(address(`a${char}b@x.example`)).toBe(`mailto:a${expected}b@x.example`);
    }
  });

  test('a draft reads, serialises, copies and assigns as plain data', () => {
    const [reminder] = plan(
      withCadence({ steps: [{ id: 'a', from: 'decided', after: 'P3D', title: 'Write' }] }),
      {
        now: early,
      },
    );
    const copy = { ...reminder! };
    expect(copy.draft).toEqual(reminder!.draft);
    expect(JSON.parse(JSON.stringify(reminder)).draft).toEqual(reminder!.draft);
    expect(structuredClone(reminder)).toEqual(reminder);
    expect(Object.keys(reminder!)).toContain('draft');
    reminder!.draft = null;
    expect(reminder!.draft).toBeNull();
  });

  test('the parts reminders share are frozen, and typed readonly so an edit does not compile', () => {
    const [reminder] = plan(
      withCadence({ steps: [{ id: 'a', from: 'decided', after: 'P3D', title: 'Write' }] }),
      { now: early },
    );
    const r = reminder!;
    // Each @ts-expect-error fails the typecheck if its part is typed as writable.
    // @ts-expect-error talkingPoints is readonly
    expect(() => r.talkingPoints.push('x')).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error the draft is readonly
      r.draft!.subject = 'x';
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error local is readonly
      r.local.date = '2027-01-01';
    }).toThrow(TypeError);
    expect(() => {
      // @ts-expect-error the contact is readonly
      r.contact!.name = 'x';
    }).toThrow(TypeError);
    // Copies are plain data, and the reminder's own fields can be set.
    const points: string[] = [...r.talkingPoints, 'Ask about Q1'];
    expect(points.at(-1)).toBe('Ask about Q1');
    r.status = 'done';
    expect(r.status).toBe('done');
  });

  test('writes every kind of line break as CRLF in a mailto body', () => {
    expect(mailtoLink('a@x.example', 's', 'a\nb\r\nc\rd')).toBe(
      'mailto:a@x.example?subject=s&body=a%0D%0Ab%0D%0Ac%0D%0Ad',
    );
  });

  test('half a character (a string cut mid-emoji) is written as U+FFFD in a mailto link, not thrown', () => {
    expect(mailtoLink('a@x.example', 'Hi \uD83D', 'cut \uDE00 here \u{1F600}')).toBe(
      'mailto:a@x.example?subject=Hi%20%EF%BF%BD&body=cut%20%EF%BF%BD%20here%20%F0%9F%98%80',
    );
    const pipeline = withCadence({
      steps: [{ id: 'thanks', from: 'decided', after: 'P3D', title: 'Thank {contact.firstName}' }],
    });
    pipeline.opportunities![0]!.title = 'Program Manager \uD83D';
    const [cut] = plan(pipeline, { now: early });
    expect(cut!.draft!.subject).toBe('Following up: Program Manager \uD83D at Acme Telecom');
    expect(cut!.draft!.mailto).toContain(
      'subject=Following%20up%3A%20Program%20Manager%20%EF%BF%BD',
    );
  });

  test('no mailto without an email address, and no draft for a call', () => {
    const reminders = plan(
      withCadence(
        {
          steps: [
            { id: 'mail', from: 'decided', after: 'P3D', title: 'Write' },
            { id: 'ring', from: 'decided', after: 'P4D', title: 'Ring', action: 'call' },
          ],
        },
        { contacts: [{ name: 'Dana Lee' }] },
      ),
      { now: early },
    );
    expect(reminders[0]!.draft).toEqual({
      subject: 'Following up: Program Manager at Acme Telecom',
      body: 'Hi Dana,\n\nBest,\nLynne',
    });
    expect(reminders[1]!.draft).toBeNull();
  });
});
