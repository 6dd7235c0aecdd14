import { isRunnerUpError, RunnerUpError } from '@runner-up/core';

/** What the ical package takes for a domain: letters, digits, dots and dashes. */
const DOMAIN = /^[A-Za-z0-9.-]+$/;

/**
 * `--domain`, the right-hand side of every event's UID (`<key>@<domain>`), checked before anything
 * is read: a usage error (exit 2) naming the flag. `undefined` when not given (the ical package's
 * default, `runner-up`).
 */
export function checkDomainFlag(domain: string | undefined): { domain?: string } {
  if (domain === undefined) return {};
  if (!DOMAIN.test(domain)) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--domain\` expects a domain name like lynne.example (letters, digits, dots and dashes), got ${JSON.stringify(domain)}: it is the right-hand side of every event's UID.`,
      { path: ['domain'] },
    );
  }
  return { domain };
}

/**
 * The ical package's refusal of a domain other than the one the revision `state` (its file and
 * the domain it records) was written with, told in terms of the command's flags rather than the
 * library's options; any other error as it is.
 */
export function domainFlagError(
  error: unknown,
  domain: string | undefined,
  state: { path: string; domain?: string | undefined } | undefined,
): unknown {
  if (!isRunnerUpError(error) || error.path[0] !== 'domain') return error;
  const old = state?.domain;
  if (state === undefined || old === undefined || old === (domain ?? 'runner-up')) return error;
  const statePath = state.path;
  const given =
    domain === undefined ? 'no `--domain` (UIDs `<key>@runner-up`)' : `\`--domain ${domain}\``;
  return new RunnerUpError(
    'invalid_options',
    `${statePath} was written with UIDs \`<key>@${old}\`; with ${given} every UID would be new to the calendars that have the events, which would then never be updated or cancelled. Pass \`--domain ${old}\`, or start a new state (\`--state NEW-FILE\`, or delete ${statePath}) and remove the old events from those calendars.`,
    { path: ['domain'], file: statePath, cause: error },
  );
}
