import { ChannelSchema, isPlainDate, type Opportunity, RunnerUpError } from '@runner-up/core';
import { type CliContext, dateIn, shellWord } from '../context';
import { editPipelineFile, findOpportunity } from '../file/pipeline-file';
import { closestName } from '../output/closest-name';

/** Options of the `log` command. */
export interface LogOptions {
  /** `email`, `call`, `linkedin`, `meeting`, `note` or `other` (required). */
  channel?: string;
  /** The contact's name: not empty or blank. */
  with?: string;
  /** `out` (you reached out) or `in` (they did). @default 'out' */
  direction?: string;
  note?: string;
  /** The date of the contact. @default today in the owner's zone */
  at?: string;
}

/** Checks a `YYYY-MM-DD` flag value. */
export function parseDateFlag(flag: string, value: string): string {
  if (!isPlainDate(value)) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--${flag}\` expects a date like 2026-11-20, got ${JSON.stringify(value)}.`,
      { path: [flag] },
    );
  }
  return value;
}

/** `runner-up log <opportunity>`: records a touchpoint in the file, keeping everything else as it was. */
export async function logCommand(
  ctx: CliContext,
  opportunityId: string,
  options: LogOptions,
): Promise<void> {
  // Checked here rather than by commander, which would ask for `--channel` before it noticed a
  // missing `<opportunity>` (`runner-up log` alone).
  if (options.channel === undefined) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--channel\` is required: one of ${ChannelSchema.options.join(', ')} (\`${ctx.commandLine(`log ${shellWord(opportunityId)} --channel call`)}\`).`,
      { path: ['channel'] },
    );
  }
  const channel = ChannelSchema.safeParse(options.channel);
  if (!channel.success) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--channel\` must be one of ${ChannelSchema.options.join(', ')}; got ${JSON.stringify(options.channel)}.`,
      { path: ['channel'] },
    );
  }
  const direction = options.direction ?? 'out';
  if (direction !== 'in' && direction !== 'out') {
    throw new RunnerUpError(
      'invalid_options',
      `\`--direction\` must be in or out; got ${JSON.stringify(direction)}.`,
      { path: ['direction'] },
    );
  }
  if (options.with !== undefined && options.with.trim() === '') {
    throw new RunnerUpError(
      'invalid_options',
      `\`--with\` expects the name of the person you were in touch with, got ${JSON.stringify(options.with)}; leave it out when there was nobody in particular.`,
      { path: ['with'] },
    );
  }
  const at = options.at === undefined ? undefined : parseDateFlag('at', options.at);
  const result = await editPipelineFile(
    ctx.file,
    (editor, pipeline) => {
      const { node, index } = findOpportunity(editor.doc, pipeline, opportunityId, ctx.file);
      const opportunity = pipeline.opportunities[index]!;
      const zone = pipeline.owner.timezone;
      const today = dateIn(ctx.nowIn(zone), zone);
      // A touchpoint records a contact that happened: one planned ahead is a snooze.
      if (at !== undefined && at > today) {
        throw new RunnerUpError(
          'invalid_options',
          `\`--at\` ${at} is after today, ${today} in ${zone}: a touchpoint records a contact that already happened. To plan one for later, run \`${ctx.commandLine(`snooze ${shellWord(opportunityId)} --until ${at}`)}\`.`,
          { path: ['at'] },
        );
      }
      const touchpoint: Record<string, string> = { on: at ?? today, channel: channel.data };
      if (options.with !== undefined) touchpoint.with = options.with;
      touchpoint.direction = direction;
      if (options.note !== undefined) touchpoint.note = options.note;
      editor.appendToList(node, 'touchpoints', touchpoint);
      return { changed: true, touchpoint, warning: withWarning(opportunity, options.with) };
    },
    { env: ctx.env },
  );
  if (ctx.json) {
    ctx.out(JSON.stringify({ opportunityId, touchpoint: result.touchpoint }));
    return;
  }
  const who = options.with ? ` with ${options.with}` : '';
  ctx.out(
    `${ctx.colors.green('✓')} Logged ${result.touchpoint.channel}${who} on ${result.touchpoint.on} for ${opportunityId}.`,
  );
  // The result first, then the warning about it, as `snooze` does.
  if (result.warning !== undefined) ctx.err(`[runner-up] Warning: ${result.warning}`);
}

/**
 * What may be wrong with the `--with` of a touch just recorded: a name that is no contact's (a
 * typo, most likely), or a contact marked `doNotContact`.
 */
function withWarning(opportunity: Opportunity, name: string | undefined): string | undefined {
  if (name === undefined || opportunity.contacts.length === 0) return undefined;
  const wanted = name.trim().toLowerCase();
  const contact = opportunity.contacts.find((c) => c.name.trim().toLowerCase() === wanted);
  if (contact?.doNotContact) {
    return `${contact.name} is \`doNotContact\` in ${opportunity.id}: the touch is recorded, and nothing is planned for them.`;
  }
  if (contact !== undefined) return undefined;
  const names = opportunity.contacts.map((c) => c.name);
  const meant = closestName(name, names);
  const counts =
    opportunity.kind === 'candidate' ? ' It counts as a touch with the candidate.' : '';
  const hint =
    meant === undefined ? ` (its contacts: ${names.join(', ')}).` : `; did you mean ${meant}?`;
  return `\`--with ${name}\` names no contact of ${opportunity.id}${hint}${counts}`;
}
