import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunnerUpError, type Reminder, ReminderSchema } from '@runner-up/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileStore, markdownSink, memoryStore } from '../src/index';

const reminder = (changes: Partial<Reminder> = {}): Reminder =>
  ReminderSchema.parse({
    key: 'acme-pm/thank-you/1',
    opportunityId: 'acme-pm',
    stepId: 'thank-you',
    occurrence: 1,
    organization: 'Acme Telecom',
    title: 'Thank Dana and say you are still interested',
    action: 'email',
    contact: { name: 'Dana Lee', role: 'hiring-manager', email: 'dana@acme.example' },
    due: '2026-11-23T15:30:00.000Z',
    local: { date: '2026-11-23', time: '09:30', timezone: 'America/Chicago' },
    duration: 'PT30M',
    status: 'upcoming',
    why: 'Planned 1 business day after decided (2026-11-20).',
    talkingPoints: ['Keep it short and warm.', 'Say you would still like to work with Acme.'],
    draft: null,
    ...changes,
  });

const second = reminder({
  key: 'acme-pm/stay-visible/1',
  stepId: 'stay-visible',
  title: 'Send Dana something useful',
  action: 'linkedin',
  due: '2026-12-14T15:30:00.000Z',
  local: { date: '2026-12-14', time: '09:30', timezone: 'America/Chicago' },
  why: 'Planned 3 weeks after the previous step (2026-11-23).',
  talkingPoints: [],
  contact: null,
});

const golden = `# Follow-ups

<!-- Kept in step by runner-up. Tick a box when it is done and write notes under an item on lines starting with ">": both are yours and never overwritten. The rest is rewritten on each sync. -->

- [ ] 2026-11-23 09:30 · email · Thank Dana and say you are still interested <!-- runner-up:acme-pm/thank-you/1 -->
  - Organization: Acme Telecom
  - Opportunity: acme-pm
  - Contact: Dana Lee
  - Due: 2026-11-23T15:30:00.000Z (America/Chicago)
  - Status: upcoming
  - Why: Planned 1 business day after decided (2026-11-20).
  - Talking points:
    - Keep it short and warm.
    - Say you would still like to work with Acme.

- [ ] 2026-12-14 09:30 · linkedin · Send Dana something useful <!-- runner-up:acme-pm/stay-visible/1 -->
  - Organization: Acme Telecom
  - Opportunity: acme-pm
  - Due: 2026-12-14T15:30:00.000Z (America/Chicago)
  - Status: upcoming
  - Why: Planned 3 weeks after the previous step (2026-11-23).
`;

describe('markdownSink', () => {
  it('writes one checklist item per reminder, in date order', async () => {
    const store = memoryStore();
    await markdownSink({ store }).sync([second, reminder()]);
    expect(store.text).toBe(golden);
  });

  it("keeps the user's own heading and text, and their notes, through an update", async () => {
    const store = memoryStore(
      golden
        .replace('# Follow-ups', '# My week\n\nCall the bank first.')
        .replace(
          '    - Say you would still like to work with Acme.\n',
          '    - Say you would still like to work with Acme.\n  > Sent from my phone.\n',
        ),
    );
    const report = await markdownSink({ store }).sync([reminder({ status: 'overdue' }), second]);
    expect(report).toMatchObject({ updated: 1, unchanged: 1, created: 0 });
    expect(store.text).toContain('# My week\n\nCall the bank first.\n');
    expect(store.text).toContain('  - Status: overdue\n');
    expect(store.text).toContain('  > Sent from my phone.\n');
  });

  it('computes the report in a dry run without writing', async () => {
    const store = memoryStore();
    const report = await markdownSink({ store }).sync([reminder()], { dryRun: true });
    expect(report).toMatchObject({ created: 1, dryRun: true, requests: 1 });
    expect(store.text).toBeUndefined();
  });

  it('fails with io_error once a retryable failure outlasts the retries', async () => {
    const store = {
      read: async () => undefined,
      write: async () => {
        throw Object.assign(new Error('busy'), { retryable: true });
      },
    };
    const error = await markdownSink({ store, retries: 1 })
      .sync([reminder()])
      .catch((caught: unknown) => caught);
    expect(isRunnerUpError(error) && error.code).toBe('io_error');
    expect((error as Error).message).toBe('[runner-up] [markdown] Could not write the checklist.');
  });

  it('rejects missing or bad options with invalid_options', () => {
    expect(() => markdownSink({} as never)).toThrow(
      '[runner-up] [markdown] Missing required option `store`',
    );
    expect(() => markdownSink({ store: memoryStore(), retries: -1 })).toThrow(
      'Option `retries` must be a whole number of at least 0, got -1.',
    );
  });
});

describe('fileStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'markdown-sink-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a missing file as no text, and writes the file whole with no temporary left over', async () => {
    const path = join(dir, 'follow-ups.md');
    const store = fileStore(path);
    expect(await store.read()).toBeUndefined();
    await markdownSink({ store }).sync([reminder(), second]);
    expect(readFileSync(path, 'utf8')).toBe(golden);
    expect(readdirSync(dir)).toEqual(['follow-ups.md']);
  });

  it('replaces an existing file and reads back what the user ticked', async () => {
    const path = join(dir, 'follow-ups.md');
    writeFileSync(path, golden.replace('- [ ] 2026-12-14', '- [x] 2026-12-14'));
    const report = await markdownSink({ store: fileStore(path) }).sync([reminder(), second]);
    expect(report.completed.map((c) => c.key)).toEqual(['acme-pm/stay-visible/1']);
    expect(report.requests).toBe(1);
  });
});
