import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RunnerUpError } from '@runner-up/core';
import type { CliContext } from '../context';
import { writeFileAtomic } from '../file/atomic-write';
import { withFileLock } from '../file/file-lock';
import { hostTimeZone, starterPipeline } from '../starter';
import type { StarterAudience } from '../starter-audiences';

/** Options of the `init` command. */
export interface InitOptions {
  /** Overwrite an existing file. @default false */
  force?: boolean;
  /** Who the starter is for (`--for`). @default 'job-seeker' */
  for?: StarterAudience;
}

/** `runner-up init`: writes the commented starter file. */
export async function initCommand(ctx: CliContext, options: InitOptions): Promise<void> {
  const host = hostTimeZone();
  await withFileLock(
    ctx.file,
    async () => {
      const found = await stat(ctx.file).catch(() => undefined);
      if (found?.isDirectory()) {
        // --force would not help: a folder is never overwritten.
        throw new RunnerUpError(
          'invalid_options',
          `${ctx.file} is a folder: pass --file with the path of the file to write in it, like ${join(ctx.file, 'runner-up.yaml')}.`,
          { file: ctx.file, path: ['file'] },
        );
      }
      if (found !== undefined && !options.force) {
        throw new RunnerUpError(
          'invalid_options',
          `${ctx.file} already exists. Use --force to overwrite it, or --file PATH to write elsewhere.`,
          { file: ctx.file },
        );
      }
      await writeFileAtomic(
        ctx.file,
        starterPipeline({ now: ctx.nowIn(host.zone), timezone: host.zone, for: options.for }),
      );
    },
    { onWait: (message) => ctx.err(message) },
  );
  if (ctx.json) ctx.out(JSON.stringify({ file: ctx.file, written: true }));
  else {
    const wrote =
      options.for === 'recruiter'
        ? `${ctx.file}, a starter for recruiters. Edit the owner and the candidates`
        : `${ctx.file}. Edit the owner and opportunities`;
    ctx.out(`Wrote ${wrote}, then run \`${ctx.commandLine('agenda')}\`.`);
  }
  if (!host.usable) {
    // Node reads the zone from TZ: name it as the user set it (an empty TZ reads as Etc/Unknown).
    const given = ctx.env.TZ !== undefined ? `TZ=${JSON.stringify(ctx.env.TZ)}` : host.reported;
    const why = given
      ? `the computer's time zone (${given}) is not one runner-up knows`
      : "the computer's time zone is not known";
    ctx.err(
      `[runner-up] Note: ${why}, so ${ctx.file} says \`timezone: UTC\`. Set \`owner.timezone\` there to your IANA zone (like America/Chicago): every reminder falls at \`at\` in it.`,
    );
  }
}
