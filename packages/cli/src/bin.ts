#!/usr/bin/env node
import { guardStream, secretsFrom } from './output/scrub';
import { run } from './program';

// Last line of defence: whatever is written, by us or a library, is scrubbed of the tokens.
const secrets = secretsFrom(process.env);
guardStream(process.stdout, secrets);
guardStream(process.stderr, secrets);

// `runner-up agenda | head` closes the pipe early: stop quietly, as other commands do, instead
// of crashing on the write that can no longer go anywhere.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await run(process.argv.slice(2));
