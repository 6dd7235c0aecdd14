// Every relative link of the repository's Markdown leads somewhere: the file exists and, for a
// `#fragment`, the heading does, as GitHub names headings. Links to the web are not fetched.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownFiles, root } from './markdown';

/** The lines outside fenced code blocks, with inline code blanked out, numbered from 1. */
function prose(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((line, index) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence === undefined)
      out.push({ line: index + 1, text: line.replace(/(`+)(?:(?!\1).)+\1/g, '``') });
  });
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      continue;
    }
    if (fence !== undefined) continue;
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

describe('links in the Markdown files', () => {
  const files = markdownFiles();

  it('finds the documentation', () => {
    expect(files).toContain('docs/ical.md');
    expect(files.length).toBeGreaterThan(10);
  });

  it('computes anchors as GitHub does', () => {
    const anchors = anchorsOf(
      '# plan()\n## `toIcs` or `toCalendar`?\n## The employer side: `kind: candidate`\n## Options\n## Options\n```\n# not a heading\n```\n',
    );
    expect([...anchors]).toEqual([
      'plan',
      'toics-or-tocalendar',
      'the-employer-side-kind-candidate',
      'options',
      'options-1',
    ]);
  });

  for (const file of files) {
    it(`every relative link of ${file} resolves`, () => {
      const broken: string[] = [];
      const text = readFileSync(join(root, file), 'utf8');
      for (const { line, text: content } of prose(text)) {
        for (const match of content.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
          const target = match[1]!;
          if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
          const [path, fragment] = target.split('#') as [string, string | undefined];
          const resolved =
            path === '' ? join(root, file) : resolve(dirname(join(root, file)), path);
          const where = `${file}:${line} ${target}`;
          if (!existsSync(resolved)) {
            broken.push(`${where}: no such file`);
            continue;
          }
          if (
            fragment === undefined ||
            !resolved.endsWith('.md') ||
            statSync(resolved).isDirectory()
          )
            continue;
          if (!anchorsOf(readFileSync(resolved, 'utf8')).has(decodeURIComponent(fragment))) {
            broken.push(`${where}: no heading #${fragment} in ${relative(root, resolved)}`);
          }
        }
      }
      expect(broken).toEqual([]);
    });
  }
});
