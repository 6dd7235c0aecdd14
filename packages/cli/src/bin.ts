#!/usr/bin/env node
import { guardStream, secretsFrom } from './output/scrub';
import { stdoutErrorHandler } from './output/stdout-errors';
import { run } from './program';

// Last line of defence: whatever is written, by us or a library, is scrubbed of the tokens.
const secrets = secretsFrom(process.env);
guardStream(process.stdout, secrets);
guardStream(process.stderr, secrets);

// `runner-up agenda | head` closes the pipe early: stop quietly. Any other failure to write the
// result (`> /dev/full`) is one line on stderr and exit 1, not a crash.
process.stdout.on(
  'error',
  stdoutErrorHandler(process.stderr, (code) => process.exit(code)),
);

process.exitCode = await run(process.argv.slice(2));
