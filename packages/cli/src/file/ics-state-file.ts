import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isRunnerUpError, RunnerUpError } from '@runner-up/core';
import type { IcsState } from '@runner-up/ical';
import { describeIoError, writeFileAtomic } from './atomic-write';
import { isSameFile } from './same-file';

/** Which command keeps the state: each has its own, since each has its own readers. */
export type IcsStateKind = 'feed' | 'export';

/**
 * The state file a command keeps by default: beside the pipeline file, named after it
 * (`runner-up.yaml` → `runner-up.feed.state.json` for `serve`, `runner-up.export.state.json` for
 * `export ics`), so one `*.state.json` line in `.gitignore` covers both. Separate files because a
 * feed's subscribers and an exported file's importers have each seen their own sequences: a shared
 * state raised by one command would skip numbers, or go back, for the other's readers.
 */
export function defaultIcsStatePath(pipelineFile: string, kind: IcsStateKind): string {
  const name = basename(pipelineFile, extname(pipelineFile));
  return join(dirname(pipelineFile), `${name}.${kind}.state.json`);
}

/**
 * Refuses (a usage error, exit 2) a `--state` that is the pipeline file: reading it would fail,
 * and the advice for a broken state (delete it) must never be given about the user's pipeline.
 * Paths are compared where they really lead, through symbolic links.
 */
export async function refuseStateOnPipeline(
  statePath: string,
  pipelineFile: string,
  kind: IcsStateKind,
): Promise<void> {
  if (!(await isSameFile(statePath, pipelineFile))) return;
  throw new RunnerUpError(
    'invalid_options',
    `\`--state ${statePath}\` is the pipeline file itself; the revision state needs a file of its own. Leave out --state to keep it in ${defaultIcsStatePath(pipelineFile, kind)}, or pass --state with another file.`,
    { file: statePath, path: ['state'] },
  );
}

/** The one version of the calendar state file this runner-up reads and writes. */
const STATE_VERSION = 1;

/**
 * Refuses a state file whose `version` is not the one runner-up reads, saying so in words: one
 * written by a newer runner-up (a higher whole number) asks for an upgrade, as starting over would
 * send its sequences back; any other `version` (a string, a fraction, none) is no state file.
 */
function refuseUnknownVersion(saved: unknown, path: string): void {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return;
  const { version } = saved as { version?: unknown };
  if (version === STATE_VERSION) return;
  const newer = typeof version === 'number' && Number.isInteger(version) && version > STATE_VERSION;
  throw new RunnerUpError(
    'invalid_options',
    newer
      ? `${path} is a calendar state file of version ${version}, most likely written by a newer runner-up; this one reads only version ${STATE_VERSION}. Upgrade runner-up (npm install --global @runner-up/cli@latest), or pass --state with another file.`
      : `${path} is not a calendar state file: ${'version' in saved ? `its \`version\` is ${JSON.stringify(version)}` : 'it has no `version`'}, and the only version runner-up reads and writes is ${STATE_VERSION}. Delete it to start over (calendars that already have the events may then ignore changes until their SEQUENCE passes the old one), or pass --state with another file.`,
    { file: path, path: ['state', 'version'] },
  );
}

/**
 * A revision state kept in a JSON file. `save()` writes it atomically, and only when it differs
 * from what the file holds, so an unchanged calendar never touches the file.
 */
export interface IcsStateFile {
  readonly path: string;
  readonly state: IcsState;
  /** Writes the state when it changed since it was read or last saved; true when it wrote. */
  save(): Promise<boolean>;
}

/**
 * Reads the revision state from `path`; no file yet is an empty state. A file that is no state
 * (not JSON, or not the shape `@runner-up/ical` writes) is invalid input, naming the file and
 * what to do, rather than silently started over: its readers would see sequences go back to 0.
 */
export async function openIcsStateFile(
  path: string,
  /** The permission bits the file gets when it is made (see `modeOfSource`). */
  { newFileMode }: { newFileMode?: number } = {},
): Promise<IcsStateFile> {
  const { createIcsState } = await import('@runner-up/ical');
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EISDIR') {
      throw new RunnerUpError(
        'invalid_options',
        `Could not read ${path}: it is a folder; give --state the path of a file in it.`,
        { file: path, path: ['state'], cause: error },
      );
    }
    if (code !== 'ENOENT') {
      throw new RunnerUpError('io_error', `Could not read ${path}: ${describeIoError(error)}`, {
        file: path,
        cause: error,
      });
    }
  }
  let state: IcsState;
  try {
    const saved: unknown = text === undefined ? undefined : JSON.parse(text);
    refuseUnknownVersion(saved, path);
    state = createIcsState(saved);
  } catch (error) {
    if (isRunnerUpError(error) && error.path[0] === 'state') throw error;
    const why =
      error instanceof SyntaxError
        ? 'it is not JSON'
        : isRunnerUpError(error)
          ? error.message.replace(/^\[runner-up\] \[ical\] /, '')
          : String(error);
    throw new RunnerUpError(
      'invalid_options',
      `${path} is not a calendar state file (${why}). It is written by runner-up to keep each event's SEQUENCE rising: delete it to start over (calendars that already have the events may then ignore changes until their SEQUENCE passes the old one), or pass --state with another file.`,
      { file: path, path: ['state'], cause: error },
    );
  }
  const serialize = () => `${JSON.stringify(state, null, 2)}\n`;
  // What the file holds, in the form `save` writes: a file laid out otherwise, or no file with
  // nothing to keep yet, is not written again until an event changes.
  let saved = serialize();
  // One write at a time, each taking the state as it is then, so an older state never lands last.
  let queue: Promise<unknown> = Promise.resolve();
  const write = async () => {
    const next = serialize();
    if (next === saved) return false;
    await writeFileAtomic(path, next, newFileMode === undefined ? {} : { newFileMode });
    saved = next;
    return true;
  };
  return {
    path,
    state,
    save() {
      const done = queue.then(write);
      queue = done.catch(() => {});
      return done;
    },
  };
}
