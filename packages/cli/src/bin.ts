#!/usr/bin/env node
import { guardStream, secretsFrom } from './output/scrub';
import { run } from './program';

// Last line of defence: whatever is written, by us or a library, is scrubbed of the tokens.
const secrets = secretsFrom(process.env);
guardStream(process.stdout, secrets);
guardStream(process.stderr, secrets);

process.exitCode = await run(process.argv.slice(2));
