import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRunnerUpError, type RunnerUpError } from '../../src/errors';
import { parsePipelineYaml } from '../../src/parse';

// Each fixture is a small pipeline with one kind of mistake; `<name>.expected.txt` holds the exact
// message (`file:line:col `path`: ...`) on its first line and the error code on its second.
const directory = fileURLToPath(new URL('../fixtures/malformed/', import.meta.url));
const fixtures = readdirSync(directory)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

function parseError(name: string): RunnerUpError {
  try {
    parsePipelineYaml(readFileSync(directory + name, 'utf8'), { file: name });
  } catch (error) {
    if (isRunnerUpError(error)) return error;
    throw error;
  }
  throw new Error(`${name} parsed without an error`);
}

describe('malformed pipeline fixtures', () => {
  it('has at least 25 fixtures, each with a golden message', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    const goldens = readdirSync(directory).filter((name) => name.endsWith('.expected.txt'));
    expect(goldens.map((name) => name.replace('.expected.txt', '.yaml')).sort()).toEqual(fixtures);
  });

  it.each(fixtures)('%s fails with its golden message, code and position', (name) => {
    const [message, codeLine] = readFileSync(
      directory + name.replace(/\.yaml$/, '.expected.txt'),
      'utf8',
    ).split('\n');
    const error = parseError(name);
    expect(error.message).toBe(message);
    expect(`code: ${error.code}`).toBe(codeLine);
    // The position in the message is the one the error carries, and the first issue is the message's.
    const position = new RegExp(`^${name.replace(/\./g, '\\.')}:(\\d+):(\\d+)`).exec(message!);
    expect(position, 'every fixture error names line and column').not.toBeNull();
    expect([error.file, error.line, error.column]).toEqual([
      name,
      Number(position![1]),
      Number(position![2]),
    ]);
    expect(error.issues[0]).toMatchObject({
      code: error.code,
      line: error.line,
      column: error.column,
    });
  });
});
