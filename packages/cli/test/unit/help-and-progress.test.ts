import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/output/progress';
import { runInProcess } from '../setup/in-process';

describe('--help reads as docs/cli.md', () => {
  it('sync airtable marks --base and --table required, in the usage line too', async () => {
    const result = await runInProcess(['sync', 'airtable', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Usage: runner-up sync airtable --base <id> --table <name> [options]\n',
    );
    expect(result.stdout).toMatch(/\n {2}--base <id> +required: /);
    expect(result.stdout).toMatch(/\n {2}--table <name> +required: /);
  });

  it('agenda gives the range of --days', async () => {
    const result = await runInProcess(['agenda', '--help']);
    expect(result.stdout).toMatch(/--days <n> +how many days ahead, 1 to 3660 \(default: "30"\)/);
  });

  it('every help line says "show help for a command"', async () => {
    for (const args of [['--help'], ['help'], ['sync', '--help'], ['log', '--help']]) {
      const result = await runInProcess(args);
      expect(result.stdout).not.toContain('display help');
      const lines = result.stdout.split('\n').filter((line) => /^ {2}(help|-h)\b/.test(line));
      expect(lines.length, args.join(' ')).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/ show help for a command$/);
    }
  });
});

describe('sync progress on stderr, not on a terminal', () => {
  /** What a progress reporter writes to a pipe for these events. */
  function plain(events: Parameters<ReturnType<typeof createProgress>['update']>[0][]): string {
    let text = '';
    const stream = Object.assign(
      new Writable({
        write(chunk: unknown, _encoding: unknown, done: () => void) {
          text += String(chunk);
          done();
        },
      }),
      { isTTY: false },
    );
    const progress = createProgress(stream, '[notion]');
    for (const event of events) progress.update(event);
    progress.done();
    return text;
  }

  it('an empty table: "read 0 rows"', () => {
    expect(plain([{ phase: 'read', done: 0 }])).toBe('[notion] read 0 rows\n');
  });

  it('says how many rows were read once reading is over, then the writes by tenths', () => {
    const events = [
      { phase: 'read' as const, done: 100 },
      { phase: 'read' as const, done: 101 },
      ...Array.from({ length: 20 }, (_, i) => ({
        phase: 'write' as const,
        done: i + 1,
        total: 20,
      })),
    ];
    const lines = plain(events).trimEnd().split('\n');
    expect(lines[0]).toBe('[notion] read 101 rows');
    expect(lines[1]).toBe('[notion] writing 1/20');
    expect(lines.at(-1)).toBe('[notion] writing 20/20');
    expect(lines).toHaveLength(1 + 11);
  });

  it('one row is "1 row"', () => {
    expect(plain([{ phase: 'read', done: 1 }])).toBe('[notion] read 1 row\n');
  });
});
