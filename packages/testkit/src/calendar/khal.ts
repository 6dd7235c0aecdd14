/**
 * Calendar verifier: khal, a real terminal calendar client. Each session gets its own config,
 * calendar directory and database in a temporary directory (never the user's home).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executableAnswers } from './executable.js';

/** True when a `khal` executable answers `khal --version`. */
export function khalAvailable(): boolean {
  return executableAnswers('khal');
}

/** Output of one khal command. */
export interface KhalRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A throwaway khal set-up whose display zone is `timezone`. Call `dispose()` when done. */
export interface KhalSession {
  /** `khal import --batch` of the calendar text. */
  importIcs(ics: string): KhalRun;
  /**
   * `khal list` between two dates, one line per event instance:
   * `YYYY-MM-DD HH:MM|YYYY-MM-DD HH:MM|title` (start|end|title, in the session's zone). Pass
   * another khal `--format` to read more, e.g. `{cancelled}` (`CANCELLED ` for a cancelled event).
   */
  list(from: string, to: string, format?: string): string[];
  dispose(): void;
}

/** Starts a khal session with its own config, calendar and database under a temp directory. */
export function createKhalSession(timezone: string): KhalSession {
  const dir = mkdtempSync(join(tmpdir(), 'runner-up-khal-'));
  const calendar = join(dir, 'calendar');
  mkdirSync(calendar);
  const config = join(dir, 'config');
  writeFileSync(
    config,
    [
      '[calendars]',
      '[[feed]]',
      `path = ${calendar}`,
      'type = calendar',
      '[sqlite]',
      `path = ${join(dir, 'khal.db')}`,
      '[locale]',
      `local_timezone = ${timezone}`,
      `default_timezone = ${timezone}`,
      'timeformat = %H:%M',
      'dateformat = %Y-%m-%d',
      'longdateformat = %Y-%m-%d',
      'datetimeformat = %Y-%m-%d %H:%M',
      'longdatetimeformat = %Y-%m-%d %H:%M',
      '[default]',
      'default_calendar = feed',
      '',
    ].join('\n'),
  );
  const env = {
    ...process.env,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    TZ: timezone,
    LC_ALL: 'C.UTF-8',
  };
  const run = (args: string[]): KhalRun => {
    const child = spawnSync('khal', ['-c', config, ...args], { env, encoding: 'utf8' });
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
  };
  return {
    importIcs(ics) {
      const file = join(dir, 'import.ics');
      writeFileSync(file, ics);
      return run(['import', '--batch', file]);
    },
    list(from, to, format = '{start}|{end}|{title}') {
      const result = run(['list', '--format', format, '--day-format', '', from, to]);
      if (result.status !== 0) throw new Error(`khal list failed:\n${result.stderr}`);
      return result.stdout.split('\n').filter((line) => line.trim() !== '');
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
