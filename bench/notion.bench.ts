// Syncs 200 reminders to the Notion emulator, which enforces Notion's average of 3 requests a
// second per integration (https://developers.notion.com/reference/request-limits) with a token
// bucket, with the sink's default pacing of 3 requests a second. Compares the requests made with
// the least the API allows (database → data source lookup, the schema read, one query page per
// 100 rows, one create per reminder: Notion has no batch write) and the achieved rate with the
// limit, then re-syncs the unchanged plan, which should make only the reads.
// Markdown on stdout, progress on stderr.
import { syncNotion } from '@runner-up/notion';
import { buildReminders, startNotionEmulator } from '@runner-up/testkit';

const N = 200;
const LIMIT = 3;

const emulator = await startNotionEmulator({ rateLimit: { ratePerSecond: LIMIT, burst: LIMIT } });
try {
  const reminders = buildReminders(N);
  const options = { auth: emulator.token, baseUrl: emulator.url, databaseId: emulator.databaseId };
  const lookupReads = 2; // GET database, GET data source
  const pages = (rows: number) => Math.max(1, Math.ceil(rows / 100));

  console.error(`first sync of ${N} reminders at ${LIMIT} requests/s…`);
  let started = performance.now();
  const first = await syncNotion(reminders, options);
  const firstSeconds = (performance.now() - started) / 1000;
  const firstRequests = emulator.requests.total;
  const firstWrites = emulator.requests.writes;
  const throttled = emulator.log.filter((entry) => entry.status === 429).length;
  const firstMinimum = lookupReads + pages(0) + N;

  console.error('unchanged re-sync…');
  started = performance.now();
  const second = await syncNotion(reminders, options);
  const secondSeconds = (performance.now() - started) / 1000;
  const secondRequests = emulator.requests.total - firstRequests;
  const secondWrites = emulator.requests.writes - firstWrites;
  const secondMinimum = lookupReads + pages(N);

  // Requests per second over the run: n requests paced 1/LIMIT apart span (n - 1)/LIMIT seconds.
  const rate = firstRequests / firstSeconds;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const ok = (pass: boolean) => (pass ? 'yes' : '**no**');
  const lines = [
    `Sync of ${N} reminders to the Notion emulator (token bucket: ${LIMIT} requests/s, burst ${LIMIT}), default sink options. Node ${process.version}.`,
    '',
    '| run | requests | minimum possible | over minimum | writes | 429s | time | requests/s | of the limit |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| first sync (${first.created} created) | ${firstRequests} | ${firstMinimum} | ${pct(firstRequests / firstMinimum - 1)} | ${firstWrites} | ${throttled} | ${firstSeconds.toFixed(1)} s | ${rate.toFixed(2)} | ${pct(rate / LIMIT)} |`,
    `| unchanged re-sync (${second.unchanged} unchanged) | ${secondRequests} | ${secondMinimum} | ${pct(secondRequests / secondMinimum - 1)} | ${secondWrites} | 0 | ${secondSeconds.toFixed(1)} s | – | – |`,
    '',
    `Targets: first sync within 10% of the minimum: ${ok(firstRequests <= firstMinimum * 1.1)}; at least 90% of the allowed rate: ${ok(rate >= LIMIT * 0.9)}; the re-sync only reads: ${ok(secondWrites === 0)}.`,
  ];
  console.log(lines.join('\n'));
} finally {
  await emulator.close();
}
