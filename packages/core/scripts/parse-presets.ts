// Writes src/presets/builtin-cadences.parsed.json: the built-in cadences as CadenceSchema parses
// them (defaults filled in), so plan() uses them without loading the schemas. A test fails when
// the file is stale; regenerate with `pnpm --filter @runner-up/core presets`.
import { writeFileSync } from 'node:fs';
import { CadenceSchema } from '../src/model/pipeline';
import { builtinCadences } from '../src/presets/cadence-presets';

export function parsedPresets(): string {
  const parsed = Object.fromEntries(
    Object.entries(builtinCadences).map(([id, cadence]) => [id, CadenceSchema.parse(cadence)]),
  );
  return `${JSON.stringify(parsed, null, 2)}\n`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(
    new URL('../src/presets/builtin-cadences.parsed.json', import.meta.url),
    parsedPresets(),
  );
}
