import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toIcs } from '../src/index';
import { sanitizeUri } from '../src/text';
import { octets, physicalLines, reminder, unfoldedLines } from './helpers';

describe('escapeText (RFC 5545 §3.3.11)', () => {
  it('escapes backslash, semicolon and comma', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
  });

  it('turns CRLF, LF and lone CR into the two characters \\n', () => {
    expect(escapeText('one\r\ntwo\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
  });

  it('drops control characters TEXT does not allow but keeps tabs', () => {
    expect(escapeText('a\u0000b\u0007c\td\u007f')).toBe('abc\td');
  });

  it('replaces a lone surrogate with U+FFFD so the output stays valid UTF-8', () => {
    expect(escapeText('x\ud83dy')).toBe('x\ufffdy');
    expect(escapeText('ok 😀')).toBe('ok 😀');
  });
});

describe('foldLine (RFC 5545 §3.1)', () => {
  const samples = {
    ascii: `DESCRIPTION:${'word '.repeat(60)}`,
    accents: `SUMMARY:${'Relancer Hélène à Orléans — café crème, ç’est ça. '.repeat(6)}`,
    cjk: `SUMMARY:${'再次感谢您的时间，期待与贵公司合作。'.repeat(8)}`,
    emoji: `SUMMARY:${'👋🏽 check in 🎉 '.repeat(20)}`,
    mixed: `DESCRIPTION:${'aé漢😀'.repeat(40)}`,
  };

  for (const [name, line] of Object.entries(samples)) {
    it(`keeps every physical line of ${name} text within 75 octets`, () => {
      const folded = foldLine(line);
      for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
    });

    it(`unfolds ${name} text back to the original`, () => {
      expect(foldLine(line).replace(/\r\n /g, '')).toBe(line);
    });

    it(`never splits a UTF-8 sequence or surrogate pair in ${name} text`, () => {
      for (const physical of foldLine(line).split('\r\n')) {
        // A well-formed UTF-16 string round-trips through UTF-8 unchanged.
        expect(new TextDecoder().decode(new TextEncoder().encode(physical))).toBe(physical);
        expect(physical).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
      }
    });
  }

  it('fills ASCII lines to exactly 75 octets, continuation lines to 74 plus the space', () => {
    const parts = foldLine(`X:${'a'.repeat(200)}`).split('\r\n');
    expect(parts.map(octets)).toEqual([75, 75, 54]);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
  });

  it('moves a four-octet emoji whole to the next line when it does not fit', () => {
    const line = `X:${'a'.repeat(71)}😀b`;
    const [first, second] = foldLine(line).split('\r\n');
    expect(first).toBe(`X:${'a'.repeat(71)}`);
    expect(second).toBe(' 😀b');
  });

  it('leaves a line of 75 octets alone', () => {
    const line = `X:${'é'.repeat(36)}a`;
    expect(octets(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });
});

describe('user text in a calendar', () => {
  const injected = reminder({
    title: 'Hi\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@example.com\r\nSUMMARY:pwned',
    why: 'Because;\nATTACH:http://evil.example/\n\\',
    talkingPoints: ['BEGIN:VALARM\r\nTRIGGER:-PT1S\r\nEND:VALARM'],
    organization: 'Evil, Inc.\r\nX-EVIL:1',
    draft: {
      subject: 'S',
      body: 'B',
      mailto: 'mailto:dana@acme.example?subject=a\r\nATTACH:http://evil.example/',
    },
  });
  const ics = toIcs([injected], { now: '2026-11-30T12:00:00Z' });
  const lines = unfoldedLines(ics);

  it('cannot end the event or start another one with a CRLF', () => {
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual([
      'UID:acme-pm/thank-you/1@runner-up',
    ]);
  });

  it('cannot add a property or an alarm', () => {
    const names = lines.map((l) => l.split(/[;:]/, 1)[0]);
    expect(names).not.toContain('ATTACH');
    expect(names).not.toContain('X-EVIL');
    expect(lines.filter((l) => l.startsWith('TRIGGER'))).toEqual(['TRIGGER:-PT15M']);
  });

  it('keeps the injected text, escaped, inside its own value', () => {
    expect(lines).toContain(
      'SUMMARY:Hi\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil@example.com\\nSUMMARY:pwned',
    );
    expect(lines).toContain(
      'URL:mailto:dana@acme.example?subject=a%0D%0AATTACH:http://evil.example/',
    );
  });

  it('writes only CRLF line ends and lines of at most 75 octets', () => {
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of physicalLines(ics)) expect(octets(line)).toBeLessThanOrEqual(75);
  });
});

describe('sanitizeUri (RFC 3986 in a property value)', () => {
  it('keeps a URI of printable ASCII as it is', () => {
    const uri = 'mailto:dana@acme.example?subject=Thank%20you&body=Hi%2C%20Dana';
    expect(sanitizeUri(uri)).toBe(uri);
  });

  it('percent-encodes spaces, line breaks, non-ASCII and lone surrogates', () => {
    expect(sanitizeUri('mailto:d@a.example?subject=a b\r\nX-EVIL:1')).toBe(
      'mailto:d@a.example?subject=a%20b%0D%0AX-EVIL:1',
    );
    expect(sanitizeUri('https://a.example/café/\ud83d')).toBe(
      'https://a.example/caf%C3%A9/%EF%BF%BD',
    );
  });
});
