import { describe, expect, test } from 'vitest';
import { checkOptionNames, lintPipeline, parsePipeline, parsePipelineYaml } from '../../src';
import { caught, step, withCadence } from '../engine/fixtures';

describe('checkOptionNames', () => {
  test('passes known names, and leaves non-objects to the caller', () => {
    expect(() => checkOptionNames({ dryRun: true }, ['dryRun', 'signal'], 'acme')).not.toThrow();
    expect(() => checkOptionNames(undefined, ['dryRun'], 'acme')).not.toThrow();
    expect(() => checkOptionNames('text', ['dryRun'], 'acme')).not.toThrow();
  });

  test('names a misspelt option and the one it is closest to, ignoring case', () => {
    const error = caught(() => checkOptionNames({ dryrun: true }, ['dryRun', 'signal'], 'acme'));
    expect(error.code).toBe('invalid_options');
    expect(error.path).toEqual(['dryrun']);
    expect(error.message).toBe(
      '[runner-up] [acme] Unknown option `dryrun`; did you mean `dryRun`?',
    );
  });

  test('lists every unknown option as an issue', () => {
    const error = caught(() =>
      checkOptionNames({ a: 1, dryRun: true, zzzzzz: 2, sgnal: 3 }, ['dryRun', 'signal'], 'acme'),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([['a'], ['zzzzzz'], ['sgnal']]);
    expect(error.issues[2]!.message).toContain('did you mean `signal`?');
    expect(error.message).toBe(
      '[runner-up] [acme] Unknown option `a`; the options are `dryRun`, `signal` (and 2 more unknown options: `zzzzzz`, `sgnal`)',
    );
  });
});

describe('core functions refuse options they do not know', () => {
  const pipeline = parsePipeline(withCadence({ steps: [step('a', 'decided', 'P3D')] }));

  test('parsePipeline and parsePipelineYaml', () => {
    expect(caught(() => parsePipeline({}, { fiel: 'x.yaml' } as never)).message).toBe(
      '[runner-up] [parse] Unknown option `fiel`; did you mean `file`?',
    );
    expect(caught(() => parsePipelineYaml('version: 1', { plugin: [] } as never)).message).toBe(
      '[runner-up] [parse] Unknown option `plugin`; did you mean `plugins`?',
    );
  });

  test('lintPipeline', () => {
    expect(caught(() => lintPipeline(pipeline, { nwo: '2026-11-30' } as never)).message).toBe(
      '[runner-up] [lint] Unknown option `nwo`; did you mean `now`?',
    );
  });
});
