// Runs inside the smoke scratch project: uses only the packages' public entry points.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const mode = process.argv[2] ?? 'import';
const load =
  mode === 'require'
    ? async (name) => createRequire(import.meta.url)(name)
    : async (name) => import(name);

const core = await load('@runner-up/core');
const ical = await load('@runner-up/ical');
const notion = await load('@runner-up/notion');
const airtable = await load('@runner-up/airtable');
const cli = await load('@runner-up/cli');

const pipeline = core.parsePipelineYaml(readFileSync('runner-up.yaml', 'utf8'), {
  file: 'runner-up.yaml',
});
const reminders = core.plan(pipeline, { now: '2026-12-01T15:00:00Z' });
assert.ok(reminders.length > 0, 'the story plans reminders');
for (const reminder of reminders) core.ReminderSchema.parse(reminder);

const ics = ical.toIcs(reminders, { now: '2026-12-01T15:00:00Z' });
assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
assert.equal(
  ics.match(/BEGIN:VEVENT/g)?.length,
  ical.toIcs(reminders, { now: '2026-12-01T15:00:00Z' }).match(/BEGIN:VEVENT/g)?.length,
);
assert.equal(typeof notion.syncNotion, 'function');
assert.equal(typeof airtable.syncAirtable, 'function');
assert.equal(typeof cli, 'object');

const bin = join(process.env.RUNNER_UP_REPO, 'packages/cli/dist/bin.js');
const run = spawnSync(
  process.execPath,
  [bin, 'agenda', '--json', '--file', 'runner-up.yaml', '--now', '2026-12-01T15:00:00Z'],
  { encoding: 'utf8' },
);
assert.equal(run.status, 0, run.stderr);
const printed = JSON.parse(run.stdout);
assert.ok(Array.isArray(printed) && printed.length > 0, 'agenda --json prints reminders');

console.log(`${reminders.length} reminders, ${ics.length} bytes of iCalendar, cli agenda ok`);
