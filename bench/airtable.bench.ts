// Syncs 1,000 reminders to the Airtable emulator, which enforces Airtable's limit of 5 requests in
// any rolling second per base (and a 30 s block after a 429), with the sink's default pacing (5
// requests a second, less its 10% margin). Compares the requests made with the least the API allows (⌈N/10⌉ writes of 10 records,
// ⌈N/100⌉ reads of 100, plus the one schema read) and the achieved rate with the limit, then
// re-syncs the unchanged plan, which should make only the reads. Into an empty table the first sync
// needs one list page, not ⌈N/100⌉, so its minimum is counted with the pages the table really has.
// Markdown on stdout, progress on stderr.
import { syncAirtable } from '@runner-up/airtable';
import { buildReminders, startAirtableEmulator } from '@runner-up/testkit';

const N = 1000;
const LIMIT = 5;

const emulator = await startAirtableEmulator({
  rateLimit: { requests: LIMIT, windowMs: 1000 },
  penaltySeconds: 30,
});
try {
  const reminders = buildReminders(N);
  // Request start times, for the sustained rate: intervals between starts, so a run of n requests
  // counts n − 1 intervals (requests ÷ wall time would flatter short runs).
  let starts: number[] = [];
  const options = {
    token: emulator.token,
    baseId: emulator.baseId,
    table: 'Reminders',
    endpointUrl: emulator.url,
    fetch: ((input, init) => {
      starts.push(performance.now());
      return fetch(input, init);
    }) as typeof fetch,
  };
  const sustainedRate = () => (starts.length - 1) / ((starts.at(-1)! - starts[0]!) / 1000);
  const minimumWrites = Math.ceil(N / 10);
  const minimumReads = Math.ceil(N / 100);
  const schemaReads = 1;

  console.error(`first sync of ${N} reminders at ${LIMIT} requests/s…`);
  const first = await syncAirtable(reminders, options);
  const rate = sustainedRate();
  const firstWrites = emulator.requests.writes;
  const firstReads = emulator.requests.reads;
  const throttled = emulator.log.filter((entry) => entry.status === 429).length;

  console.error('unchanged re-sync…');
  starts = [];
  const second = await syncAirtable(reminders, options);
  const secondRate = sustainedRate();
  const secondWrites = emulator.requests.writes - firstWrites;
  const secondReads = emulator.requests.reads - firstReads;

  // The table starts empty: one (empty) list page before the first sync's writes.
  const minimum = minimumWrites + 1 + schemaReads;
  const resyncMinimum = minimumReads + schemaReads;
  const overMinimum = (first.requests / minimum - 1) * 100;
  const ofLimit = (rate / LIMIT) * 100;
  const pass = (ok: boolean) => (ok ? 'yes' : '**no**');
  if (first.created !== N || second.unchanged !== N) {
    throw new Error(`sync did not converge: ${JSON.stringify({ first, second })}`);
  }

  console.log(
    [
      `Sync of ${N.toLocaleString('en-US')} reminders to the Airtable emulator (5 requests in any second per`,
      `base, 30 s block after a 429), Node ${process.version}. Least possible: first sync into an empty table`,
      `⌈N/10⌉ = ${minimumWrites} writes + 1 list page + ${schemaReads} schema read = ${minimum} requests;`,
      `re-sync ⌈N/100⌉ = ${minimumReads} list pages + ${schemaReads} schema read = ${resyncMinimum} requests.`,
      'Rate = sustained requests per second (intervals between request starts).',
      '',
      '| run | requests | writes | reads | 429s | time | rate |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| first sync | ${first.requests} | ${firstWrites} | ${firstReads} | ${throttled} | ${(first.durationMs / 1000).toFixed(1)} s | ${rate.toFixed(2)}/s |`,
      `| unchanged re-sync | ${second.requests} | ${secondWrites} | ${secondReads} | ${emulator.log.filter((e) => e.status === 429).length - throttled} | ${(second.durationMs / 1000).toFixed(1)} s | ${secondRate.toFixed(2)}/s |`,
      '',
      '| target | measured | met |',
      '| --- | --- | --- |',
      `| requests within 10% of the minimum | ${first.requests} vs ${minimum} (${overMinimum >= 0 ? '+' : ''}${overMinimum.toFixed(1)}%) | ${pass(overMinimum <= 10)} |`,
      `| achieved rate ≥ 90% of the limit | ${rate.toFixed(2)}/s of ${LIMIT}/s (${ofLimit.toFixed(0)}%) | ${pass(ofLimit >= 90)} |`,
      `| unchanged re-sync makes only reads | ${secondWrites} writes, ${secondReads} reads | ${pass(secondWrites === 0 && second.requests === resyncMinimum)} |`,
    ].join('\n'),
  );
} finally {
  await emulator.close();
}
