import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT, runNodeScript } from '../../src';

describe('runNodeScript', () => {
  it('refuses a script that does not start with node, naming it', async () => {
    await expect(runNodeScript(REPOSITORY_ROOT, 'lint')).rejects.toThrow(
      /"lint" script .* does not run node/,
    );
  });
});
