/**
 * A package's README is its npm page, and the tarball holds only `dist` and the README: a relative
 * link to the repository's docs is dead there. Regression test for the package READMEs linking to
 * `../../docs/*.md`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

const published = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'README.md')))
  .map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      private?: boolean;
      repository?: { url?: string };
    },
  }))
  .filter(({ manifest }) => !manifest.private);

/** `git+https://github.com/o/r.git` → `https://github.com/o/r`. */
const webUrl = (url: string) => url.replace(/^git\+/, '').replace(/\.git$/, '');

/** The targets of the Markdown links `[text](target)` in `text`. */
const linkTargets = (text: string) => [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

describe('package READMEs', () => {
  it('are there for every published package', () => {
    expect(published.map(({ manifest }) => manifest.name)).toContain('@runner-up/notion');
  });

  for (const { dir, manifest } of published) {
    it(`${manifest.name} links only to absolute URLs, and to files of the repository that exist`, () => {
      const repository = webUrl(manifest.repository?.url ?? '');
      expect(repository, 'package.json `repository.url`').toMatch(/^https:\/\//);
      for (const target of linkTargets(readFileSync(join(dir, 'README.md'), 'utf8'))) {
        expect(target, 'a link that works on npm').toMatch(/^(https?:|mailto:|#)/);
        if (!target.startsWith(`${repository}/blob/`)) continue;
        const path = target
          .slice(`${repository}/blob/`.length)
          .replace(/^[^/]+\//, '')
          .replace(/#.*$/, '');
        expect(existsSync(join(root, path)), `${target} names a file of the repository`).toBe(true);
      }
    });
  }
});
