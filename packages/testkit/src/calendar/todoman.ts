/**
 * Task verifier: todoman, a real terminal client for VTODO task lists. Each run gets its own
 * config, task list directory and cache in a temporary directory (never the user's home).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executableAnswers } from './executable.js';

/** True when a `todoman` executable answers `todoman --version`. */
export function todomanAvailable(): boolean {
  return executableAnswers('todoman');
}

/** One task as `todoman --porcelain list` prints it. */
export interface TodomanTask {
  summary: string;
  description: string;
  /** DUE as epoch seconds, or null. */
  due: number | null;
  completed: boolean;
  percent: number;
}

/**
 * Lists every task of the calendar text, whatever its status and in todoman's order, as todoman
 * reads it from a task list holding that one file, with the host zone set to `timezone`.
 */
export function listWithTodoman(ics: string, timezone = 'UTC'): TodomanTask[] {
  const dir = mkdtempSync(join(tmpdir(), 'runner-up-todoman-'));
  try {
    const list = join(dir, 'lists', 'runner-up');
    mkdirSync(list, { recursive: true });
    writeFileSync(join(list, 'feed.ics'), ics);
    const config = join(dir, 'config.py');
    writeFileSync(
      config,
      [
        `path = ${JSON.stringify(join(dir, 'lists', '*'))}`,
        `cache_path = ${JSON.stringify(join(dir, 'cache.sqlite3'))}`,
        'date_format = "%Y-%m-%d"',
        'time_format = "%H:%M"',
        'default_list = "runner-up"',
        '',
      ].join('\n'),
    );
    const child = spawnSync(
      'todoman',
      ['--config', config, '--porcelain', 'list', '--status', 'ANY'],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          HOME: dir,
          XDG_CONFIG_HOME: join(dir, 'xdg-config'),
          XDG_CACHE_HOME: join(dir, 'xdg-cache'),
          TZ: timezone,
          LC_ALL: 'C.UTF-8',
        },
      },
    );
    if (child.status !== 0) throw new Error(`todoman list failed:\n${child.stderr}`);
    return JSON.parse(child.stdout) as TodomanTask[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
