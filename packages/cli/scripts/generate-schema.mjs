// Writes schema/runner-up.schema.json from the built package, after `tsup`. A test fails when the
// committed file differs from what the zod schema generates, so regenerate with `pnpm build`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pipelineJsonSchemaText } from '../dist/index.js';

mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../schema/runner-up.schema.json', import.meta.url),
  pipelineJsonSchemaText(),
);
