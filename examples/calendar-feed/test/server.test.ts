import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarFeed } from '../src/main';
import { type RunningServer, serve } from '../src/node-adapter';

const TOKEN = '6f1d0c2b9a8e7f6a5b4c3d2e1f0a9b8c';
const example = fileURLToPath(new URL('../runner-up.yaml', import.meta.url));

describe('calendar feed on node:http', () => {
  let running: RunningServer;
  const clock = new Date('2026-12-01T15:00:00Z');
  // A copy of the example pipeline, so the test can edit it as a user would.
  const dir = mkdtempSync(join(tmpdir(), 'runner-up-feed-'));
  const file = join(dir, 'runner-up.yaml');

  beforeAll(async () => {
    copyFileSync(example, file);
    running = await serve(await createCalendarFeed({ file, token: TOKEN, now: () => clock }), {
      port: 0,
    });
  });
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const feed = () => `${running.origin}/feed/${TOKEN}.ics`;

  it('serves the planned reminders as a calendar with the right token', async () => {
    const response = await fetch(feed());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await response.text();
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(body).toContain('UID:acme-telecom-pm/');
    expect(body).toContain('BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n');
  });

  it('answers a wrong token and other paths with 404', async () => {
    expect((await fetch(`${running.origin}/feed/${'0'.repeat(32)}.ics`)).status).toBe(404);
    expect((await fetch(`${running.origin}/`)).status).toBe(404);
  });

  it('answers TRACE with 405 and a malformed Host header as any other request, and keeps serving', async () => {
    // Both used to throw outside the handler's promise and stop the process.
    const { hostname, port } = new URL(running.origin);
    const statusOf = (method: string, path: string, host: string) =>
      new Promise<{ status: number; allow?: string }>((resolve, reject) => {
        const req = httpRequest({ hostname, port, method, path, headers: { host } });
        req.on('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, allow: res.headers.allow });
        });
        req.on('error', reject);
        req.end();
      });
    const path = `/feed/${TOKEN}.ics`;
    expect(await statusOf('TRACE', path, 'localhost')).toEqual({ status: 405, allow: 'GET, HEAD' });
    expect((await statusOf('GET', path, '[x')).status).toBe(200);
    expect((await statusOf('GET', '/elsewhere', '[x')).status).toBe(404);
    expect((await fetch(feed())).status).toBe(200);
  });

  it('revalidates with If-None-Match and answers HEAD without a body', async () => {
    const first = await fetch(feed());
    await first.text();
    const etag = first.headers.get('etag')!;
    const again = await fetch(feed(), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await fetch(feed(), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(first.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('serves a new ETag and the new times once the pipeline file changes', async () => {
    const before = (await fetch(feed())).headers.get('etag');
    writeFileSync(file, readFileSync(file, 'utf8').replace('at: "09:30"', 'at: "10:15"'));
    const after = await fetch(feed(), { headers: { 'if-none-match': before! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    const body = await after.text();
    expect(body).toMatch(/DTSTART;TZID=America\/Chicago:\d{8}T101500/);
    expect(body).not.toMatch(/DTSTART;TZID=America\/Chicago:\d{8}T093000/);
  });
});

describe('calendar feed with a state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runner-up-feed-state-'));
  const file = join(dir, 'runner-up.yaml');
  const stateFile = join(dir, 'feed.state.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The SEQUENCE lines of the served calendar, by UID. */
  async function sequences(running: RunningServer): Promise<Map<string, string>> {
    const body = await (await fetch(`${running.origin}/feed/${TOKEN}.ics`)).text();
    const out = new Map<string, string>();
    for (const event of body.split('BEGIN:VEVENT').slice(1)) {
      out.set(/\r\nUID:(.*)\r\n/.exec(event)![1]!, /\r\nSEQUENCE:(\d+)\r\n/.exec(event)![1]!);
    }
    return out;
  }

  it('keeps SEQUENCE rising across a restart', async () => {
    copyFileSync(example, file);
    const clock = new Date('2026-12-01T15:00:00Z');
    const start = async () =>
      serve(await createCalendarFeed({ file, token: TOKEN, stateFile, now: () => clock }), {
        port: 0,
      });
    let running = await start();
    try {
      expect(new Set((await sequences(running)).values())).toEqual(new Set(['0']));
      writeFileSync(file, readFileSync(file, 'utf8').replace('at: "09:30"', 'at: "10:15"'));
      expect(new Set((await sequences(running)).values())).toEqual(new Set(['1']));
    } finally {
      await running.close();
    }
    expect(Object.keys(JSON.parse(readFileSync(stateFile, 'utf8')).events).length).toBeGreaterThan(
      0,
    );
    // A new server reads the saved state: the next change goes on from 1, not from 0.
    running = await start();
    try {
      writeFileSync(file, readFileSync(file, 'utf8').replace('at: "10:15"', 'at: "11:00"'));
      expect(new Set((await sequences(running)).values())).toEqual(new Set(['2']));
    } finally {
      await running.close();
    }
  });
});
