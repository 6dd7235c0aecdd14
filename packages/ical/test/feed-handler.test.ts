import type { Reminder } from '@runner-up/core';
import { describe, expect, it, vi } from 'vitest';
import { constantTimeEqual, createFeedHandler, createIcsState, toIcs } from '../src/index';
import { checkInReminder, reminder, unfoldedLines } from './helpers';

const TOKEN = 'f3b1c9d2e8a7465b9c0d1e2f3a4b5c6d';
const BASE = 'http://calendar.test';
const url = (path: string) => `${BASE}${path}`;
const feedUrl = `${BASE}/feed/${TOKEN}.ics`;

function setup(initial: Reminder[] = [reminder()], now = '2026-11-30T12:00:00Z') {
  let reminders = initial;
  let clock = new Date(now);
  const load = vi.fn(() => reminders);
  const handler = createFeedHandler({ load, token: TOKEN, now: () => clock });
  return {
    handler,
    load,
    set(next: Reminder[]) {
      reminders = next;
    },
    tick(iso: string) {
      clock = new Date(iso);
    },
  };
}

describe('createFeedHandler', () => {
  it('serves the calendar at /feed/<token>.ics with the right token', async () => {
    const { handler } = setup();
    const response = await handler(new Request(feedUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    const body = await response.text();
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(unfoldedLines(body)).toContain('UID:acme-pm/thank-you/1@runner-up');
    expect(Number(response.headers.get('content-length'))).toBe(
      new TextEncoder().encode(body).byteLength,
    );
  });

  it('refuses a basePath that is no path, and says when only its last slash is wrong', () => {
    const load = () => [];
    expect(() => createFeedHandler({ load, token: TOKEN, basePath: '/cal/' })).toThrow(
      '[runner-up] [ical] option `basePath`: expected a path like "/feed", got "/cal/" (leave out the slash at the end)',
    );
    expect(() => createFeedHandler({ load, token: TOKEN, basePath: 'cal' })).toThrow(
      /^\[runner-up\] \[ical\] option `basePath`: expected a path like "\/feed", got "cal"$/,
    );
  });

  it('answers a wrong token with a bare 404 and never loads the reminders', async () => {
    const { handler, load } = setup();
    const wrong = `${TOKEN.slice(0, -1)}0`;
    const response = await handler(new Request(url(`/feed/${wrong}.ics`)));
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toBe('Not Found\n');
    expect(body).not.toContain(TOKEN.slice(0, 8));
    expect(load).not.toHaveBeenCalled();
  });

  it('answers any other path with the same 404', async () => {
    const { handler } = setup();
    const bodies = new Set<string>();
    for (const path of [
      '/',
      '/feed/',
      `/feed/${TOKEN}`,
      `/feed/${TOKEN}.ics/extra`,
      `/other/${TOKEN}.ics`,
      `/feed/${TOKEN}.ICS`,
      '/favicon.ico',
    ]) {
      const response = await handler(new Request(url(path)));
      expect(response.status, path).toBe(404);
      bodies.add(await response.text());
    }
    expect(bodies).toEqual(new Set(['Not Found\n']));
  });

  it('answers 304 without a body when If-None-Match carries the current ETag', async () => {
    const { handler } = setup();
    const first = await handler(new Request(feedUrl));
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]{16}"$/);
    const second = await handler(new Request(feedUrl, { headers: { 'if-none-match': etag! } }));
    expect(second.status).toBe(304);
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe('');
    const listed = await handler(
      new Request(feedUrl, { headers: { 'if-none-match': `"other", ${etag!.slice(2)}` } }),
    );
    expect(listed.status).toBe(304);
  });

  it('sends Last-Modified, the time the content last changed, and answers If-Modified-Since (RFC 9110 §13.1.3)', async () => {
    const { handler, set, tick } = setup();
    const first = await handler(new Request(feedUrl));
    expect(first.headers.get('last-modified')).toBe('Mon, 30 Nov 2026 12:00:00 GMT');
    // Unchanged content keeps its date as time passes.
    tick('2026-11-30T13:00:00Z');
    const since = (date: string, extra: Record<string, string> = {}) =>
      handler(new Request(feedUrl, { headers: { 'if-modified-since': date, ...extra } }));
    const unchanged = await since('Mon, 30 Nov 2026 12:00:00 GMT');
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('last-modified')).toBe('Mon, 30 Nov 2026 12:00:00 GMT');
    expect(await unchanged.text()).toBe('');
    expect((await since('Mon, 30 Nov 2026 11:59:59 GMT')).status).toBe(200);
    // A date that is no HTTP-date, or one after the server's time, is ignored; If-None-Match,
    // when sent, decides alone.
    for (const ignored of ['yesterday', '99999', 'foo 2027', 'Fri, 31 Dec 9999 23:59:59 GMT']) {
      expect((await since(ignored)).status, ignored).toBe(200);
    }
    expect(
      (await since('Mon, 30 Nov 2026 12:00:00 GMT', { 'if-none-match': '"other"' })).status,
    ).toBe(200);
    set([reminder({ due: '2026-11-24T15:30:00.000Z' })]);
    const changed = await since('Mon, 30 Nov 2026 12:00:00 GMT');
    expect(changed.status).toBe(200);
    expect(changed.headers.get('last-modified')).toBe('Mon, 30 Nov 2026 13:00:00 GMT');
  });

  it('moves Last-Modified on at every change, even within one second of the last', async () => {
    // HTTP dates count seconds: a change in the same second must not keep the date a client holds.
    const { handler, set } = setup([reminder()], '2026-11-30T12:00:00.100Z');
    const first = await handler(new Request(feedUrl));
    const held = first.headers.get('last-modified')!;
    set([reminder({ due: '2026-11-24T15:30:00.000Z' })]);
    const changed = await handler(new Request(feedUrl, { headers: { 'if-modified-since': held } }));
    expect(changed.status).toBe(200);
    expect(changed.headers.get('last-modified')).toBe('Mon, 30 Nov 2026 12:00:01 GMT');
  });

  it('keeps the ETag and the bytes while the content is unchanged, even as time passes', async () => {
    const { handler, tick } = setup();
    const first = await handler(new Request(feedUrl));
    tick('2026-11-30T13:00:00Z');
    const second = await handler(new Request(feedUrl));
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await second.text()).toBe(await first.text());
  });

  it('gives a changed pipeline a new ETag, a 200 and a higher SEQUENCE', async () => {
    const { handler, set, tick } = setup();
    const first = await handler(new Request(feedUrl));
    const etag = first.headers.get('etag')!;
    set([reminder({ due: '2026-11-24T15:30:00.000Z' })]);
    tick('2026-12-01T08:00:00Z');
    const second = await handler(new Request(feedUrl, { headers: { 'if-none-match': etag } }));
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(etag);
    const lines = unfoldedLines(await second.text());
    expect(lines).toContain('SEQUENCE:1');
    expect(lines).toContain('LAST-MODIFIED:20261201T080000Z');
    expect(lines).toContain('DTSTAMP:20261201T080000Z');
  });

  it('keeps the ETag when a reminder only turns from upcoming to overdue (it looks the same)', async () => {
    const { handler, set } = setup();
    const first = await handler(new Request(feedUrl));
    set([reminder({ status: 'overdue' })]);
    const second = await handler(new Request(feedUrl));
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const { handler } = setup();
    const get = await handler(new Request(feedUrl));
    const head = await handler(new Request(feedUrl, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(head.body).toBeNull();
  });

  it('answers other methods on the feed with 405, and on a wrong token with 404', async () => {
    const { handler } = setup();
    const post = await handler(new Request(feedUrl, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const wrong = await handler(new Request(url('/feed/nope.ics'), { method: 'POST', body: 'x' }));
    expect(wrong.status).toBe(404);
  });

  it('answers 500 without details when loading fails, and keeps the token out of the log', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((message: string) => {
      errors.push(message);
    });
    try {
      const handler = createFeedHandler({
        token: TOKEN,
        load: () => {
          throw new Error(`could not read runner-up.yaml for /feed/${TOKEN}.ics`);
        },
      });
      const response = await handler(new Request(feedUrl));
      expect(response.status).toBe(500);
      expect(await response.text()).toBe('Internal Server Error\n');
      expect(errors).toEqual([
        '[runner-up] [ical] feed failed: could not read runner-up.yaml for /feed/<token>.ics',
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers 500 and reports to onError when the calendar cannot be written (regression: the promise rejected)', async () => {
    // A state changed by hand: the event to cancel names no time zone.
    const state = createIcsState();
    const checkIn = checkInReminder();
    toIcs([reminder(), checkIn], { now: '2026-11-30T12:00:00Z', state });
    state.events[checkIn.key]!.event!.timezone = 'Nope/Zone';
    const errors: unknown[] = [];
    const handler = createFeedHandler({
      token: TOKEN,
      load: () => [reminder()],
      state,
      onError: (error) => errors.push(error),
    });
    const response = await handler(new Request(feedUrl));
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('Internal Server Error\n');
    expect(errors).toHaveLength(1);
  });

  it('rejects a missing or weak token without echoing it', () => {
    expect(() => createFeedHandler({ load: () => [], token: '' })).toThrow(
      '[runner-up] [ical] Missing required option `token`.',
    );
    try {
      createFeedHandler({ load: () => [], token: 'short-secret' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toMatch(/at least 16 characters/);
      expect((error as Error).message).not.toContain('short-secret');
    }
  });

  it('rejects a bad calendar option when created, not on the first request', () => {
    expect(() => createFeedHandler({ load: () => [], token: TOKEN, alarm: 'soon' })).toThrow(
      /option `alarm`/,
    );
    expect(() =>
      createFeedHandler({ load: () => [], token: TOKEN, refreshInterval: 'P1M' }),
    ).toThrow(/option `refreshInterval`: months and years/);
  });
});

describe('createFeedHandler: shared work and saved state', () => {
  it('refuses a Cache-Control value that no header can carry, when created', () => {
    const load = () => [];
    expect(() =>
      createFeedHandler({ load, token: TOKEN, cacheControl: 'no-cache\r\nSet-Cookie: x=1' }),
    ).toThrow(
      '[runner-up] [ical] option `cacheControl`: expected a Cache-Control header value like "private, max-age=300" (printable ASCII, one line), got "no-cache\\r\\nSet-Cookie: x=1"',
    );
    expect(() =>
      createFeedHandler({ load, token: TOKEN, cacheControl: 42 as unknown as string }),
    ).toThrow(/option `cacheControl`: .*, got number$/);
    expect(() => createFeedHandler({ load, token: TOKEN, cacheControl: '' })).toThrow(
      /option `cacheControl`/,
    );
    expect(() =>
      createFeedHandler({ load, token: TOKEN, onStateChange: 'save' as unknown as () => void }),
    ).toThrow('[runner-up] [ical] option `onStateChange`: expected a function, got string');
  });

  it('sends a valid custom Cache-Control', async () => {
    const handler = createFeedHandler({
      load: () => [reminder()],
      token: TOKEN,
      cacheControl: 'private, no-cache',
    });
    const response = await handler(new Request(feedUrl));
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('loads once for requests that arrive while a load is in progress', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const load = vi.fn(async () => {
      await gate;
      return [reminder()];
    });
    const handler = createFeedHandler({ load, token: TOKEN, now: () => new Date(0) });
    const pending = Array.from({ length: 5 }, () => handler(new Request(feedUrl)));
    release();
    const responses = await Promise.all(pending);
    expect(load).toHaveBeenCalledTimes(1);
    const bodies = await Promise.all(responses.map((response) => response.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    // A request after they are answered loads afresh.
    await handler(new Request(feedUrl));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reports a failed load once to the requests that shared it', async () => {
    const errors: unknown[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handler = createFeedHandler({
      token: TOKEN,
      load: async () => {
        await gate;
        throw new Error('the file is gone');
      },
      onError: (error) => errors.push(error),
    });
    const pending = [handler(new Request(feedUrl)), handler(new Request(feedUrl))];
    release();
    const statuses = (await Promise.all(pending)).map((response) => response.status);
    expect(statuses).toEqual([500, 500]);
    expect(errors).toHaveLength(1);
  });

  it('calls onStateChange when the content changed, and a restart from the saved state keeps SEQUENCE rising', async () => {
    let reminders = [reminder()];
    let clock = new Date('2026-11-30T12:00:00Z');
    const saved: string[] = [];
    const start = (state = createIcsState()) =>
      createFeedHandler({
        token: TOKEN,
        load: () => reminders,
        now: () => clock,
        state,
        onStateChange: (state) => {
          saved.push(JSON.stringify(state));
        },
      });
    let handler = start();
    await handler(new Request(feedUrl));
    expect(saved).toHaveLength(1);
    // Unchanged content: nothing to save.
    await handler(new Request(feedUrl));
    expect(saved).toHaveLength(1);
    reminders = [reminder({ due: '2026-11-24T15:30:00.000Z' })];
    clock = new Date('2026-12-01T08:00:00Z');
    expect(unfoldedLines(await (await handler(new Request(feedUrl))).text())).toContain(
      'SEQUENCE:1',
    );
    expect(saved).toHaveLength(2);
    // The server restarts from what was saved last, and the reminder moves again.
    handler = start(createIcsState(JSON.parse(saved.at(-1)!)));
    reminders = [reminder({ due: '2026-11-25T15:30:00.000Z' })];
    clock = new Date('2026-12-02T08:00:00Z');
    expect(unfoldedLines(await (await handler(new Request(feedUrl))).text())).toContain(
      'SEQUENCE:2',
    );
  });

  it('serves the feed when saving the state fails, reports it, and tries again at the next request', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const onStateChange = vi.fn(() => {
      if (fail) throw new Error('disk full');
    });
    const handler = createFeedHandler({
      token: TOKEN,
      load: () => [reminder()],
      now: () => new Date('2026-11-30T12:00:00Z'),
      onStateChange,
      onError: (error) => errors.push(error),
    });
    const first = await handler(new Request(feedUrl));
    expect(first.status).toBe(200);
    expect(errors).toEqual([new Error('disk full')]);
    fail = false;
    // Same content, but the state is still unsaved.
    const second = await handler(new Request(feedUrl));
    expect(second.status).toBe(200);
    expect(onStateChange).toHaveBeenCalledTimes(2);
    await handler(new Request(feedUrl));
    expect(onStateChange).toHaveBeenCalledTimes(2);
  });

  it('answers only once the changed state is saved, and never saves twice at once', async () => {
    let reminders = [reminder()];
    let active = 0;
    let most = 0;
    const events: string[] = [];
    let releaseFirst!: () => void;
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const handler = createFeedHandler({
      token: TOKEN,
      load: () => reminders,
      now: () => new Date('2026-11-30T12:00:00Z'),
      onStateChange: async (state) => {
        active += 1;
        most = Math.max(most, active);
        const saving = Object.keys(state.events).join();
        if (events.length === 0) {
          started();
          await new Promise<void>((resolve) => {
            releaseFirst = resolve;
          });
        }
        events.push(`saved ${saving}`);
        active -= 1;
      },
    });
    const first = handler(new Request(feedUrl)).then(() => events.push('first answered'));
    await firstStarted;
    // The first save is still running when the content changes and a second request comes.
    reminders = [reminder({ key: 'acme-pm/thank-you/2', occurrence: 2 })];
    const second = handler(new Request(feedUrl)).then(() => events.push('second answered'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual([]);
    releaseFirst();
    await Promise.all([first, second]);
    expect(most).toBe(1);
    expect(events[0]).toBe('saved acme-pm/thank-you/1');
    expect(events.indexOf('first answered')).toBeGreaterThan(0);
    // The second save holds the second request's change, and comes before its answer.
    expect(events.indexOf('saved acme-pm/thank-you/1,acme-pm/thank-you/2')).toBeLessThan(
      events.indexOf('second answered'),
    );
  });
  it('answers each request with the calendar it loaded, not a newer one whose state is not saved yet', async () => {
    let reminders = [reminder()];
    const saves: Array<() => void> = [];
    const handler = createFeedHandler({
      token: TOKEN,
      load: () => reminders,
      now: () => new Date('2026-11-30T12:00:00Z'),
      onStateChange: () =>
        new Promise<void>((resolve) => {
          saves.push(resolve);
        }),
    });
    const first = handler(new Request(feedUrl));
    await vi.waitFor(() => expect(saves).toHaveLength(1));
    // The first save is still running when the content changes and a second request comes.
    reminders = [reminder({ key: 'acme-pm/thank-you/2', occurrence: 2 })];
    const second = handler(new Request(feedUrl));
    await new Promise((resolve) => setTimeout(resolve, 5));
    saves[0]!();
    // Only the first save is done: the first answer shows what it saved.
    const firstLines = unfoldedLines(await (await first).text());
    expect(firstLines).toContain('UID:acme-pm/thank-you/1@runner-up');
    expect(firstLines).not.toContain('UID:acme-pm/thank-you/2@runner-up');
    await vi.waitFor(() => expect(saves).toHaveLength(2));
    saves[1]!();
    expect(unfoldedLines(await (await second).text())).toContain(
      'UID:acme-pm/thank-you/2@runner-up',
    );
  });

  it('answers even when onError throws', async () => {
    const failing = createFeedHandler({
      token: TOKEN,
      load: () => {
        throw new Error('the file is gone');
      },
      onError: () => {
        throw new Error('the logger is gone too');
      },
    });
    expect((await failing(new Request(feedUrl))).status).toBe(500);
    const unsaved = createFeedHandler({
      token: TOKEN,
      load: () => [reminder()],
      onStateChange: () => {
        throw new Error('disk full');
      },
      onError: () => {
        throw new Error('the logger is gone too');
      },
    });
    expect((await unsaved(new Request(feedUrl))).status).toBe(200);
  });

  it('changes its ETag and saves the state when a shown reminder is marked done, so its alarm goes', async () => {
    let reminders = [checkInReminder()];
    const saved: string[] = [];
    const handler = createFeedHandler({
      token: TOKEN,
      load: () => reminders,
      statuses: ['upcoming', 'due', 'overdue', 'done', 'cancelled'],
      now: () => new Date('2026-11-30T12:00:00Z'),
      onStateChange: (state) => {
        saved.push(JSON.stringify(state));
      },
    });
    const before = await handler(new Request(feedUrl));
    expect(unfoldedLines(await before.text())).toContain('BEGIN:VALARM');
    reminders = [{ ...checkInReminder(), status: 'done' }];
    const after = await handler(
      new Request(feedUrl, { headers: { 'if-none-match': before.headers.get('etag')! } }),
    );
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const lines = unfoldedLines(await after.text());
    expect(lines).not.toContain('BEGIN:VALARM');
    expect(lines).toContain('SEQUENCE:1');
    expect(saved).toHaveLength(2);
  });
});

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual(TOKEN, TOKEN)).toBe(true);
    expect(constantTimeEqual(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(constantTimeEqual(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(constantTimeEqual(TOKEN, TOKEN.replace(/.$/, 'z'))).toBe(false);
    expect(constantTimeEqual('', TOKEN)).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });

  it('does not stop at the first differing character', () => {
    // Count character reads: a comparison that exits early reads fewer for an early mismatch.
    const reads = (guess: string) => {
      let count = 0;
      const spy = (s: string) =>
        new Proxy(new String(s), {
          get(target, prop) {
            if (prop === 'charCodeAt') {
              return (i: number) => {
                count += 1;
                return target.charCodeAt(i);
              };
            }
            const value = Reflect.get(target, prop);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }) as unknown as string;
      constantTimeEqual(spy(guess), TOKEN);
      return count;
    };
    expect(reads(`x${TOKEN.slice(1)}`)).toBe(reads(`${TOKEN.slice(0, -1)}x`));
    expect(reads(`x${TOKEN.slice(1)}`)).toBe(TOKEN.length);
  });
});
