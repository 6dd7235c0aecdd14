import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.config.base';

export default defineConfig(
  packageConfig({
    entry: ['src/index.ts', 'src/bin.ts'],
    // The command uses node: built-ins; the shared `neutral` platform does not resolve them.
    platform: 'node',
  }),
);
