// Runs plan() on the [pipeline, now] pairs read from stdin and prints the results, so a test can
// compare them with those computed under another host time zone.
import { isRunnerUpError, plan } from '../../src/index';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', () => {
  const samples = JSON.parse(input) as [Parameters<typeof plan>[0], string][];
  const results = samples.map(([pipeline, now]) => {
    try {
      return plan(pipeline, { now });
    } catch (error) {
      if (isRunnerUpError(error)) return null;
      throw error;
    }
  });
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  process.stdout.write(JSON.stringify({ zone, results }));
});
