// The Markdown files of the repository that the docs tests read, and their fenced code blocks.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The top-level Markdown, `docs/`, and every package's and example's README, relative to the root. */
export function markdownFiles(): string[] {
  const files = ['README.md', 'CONTRIBUTING.md'];
  const inFolder = (folder: string) =>
    readdirSync(join(root, folder))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `${folder}/${name}`);
  files.push(...inFolder('docs'));
  for (const parent of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, parent))) {
      if (existsSync(join(root, parent, name, 'README.md')))
        files.push(`${parent}/${name}/README.md`);
    }
  }
  return files.filter((file) => existsSync(join(root, file)));
}

/** A fenced code block: its info string (`ts`), its text, the line it starts on, and the line before the fence. */
export interface CodeBlock {
  lang: string;
  code: string;
  /** The line of the opening fence, from 1. */
  line: number;
  /** The line just before the opening fence. */
  before: string;
}

/** The fenced code blocks of a Markdown text, in order. */
export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  let open:
    | { fence: string; lang: string; line: number; before: string; body: string[] }
    | undefined;
  lines.forEach((line, index) => {
    const match = /^\s*(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
    if (open === undefined) {
      if (match) {
        open = {
          fence: match[1]!,
          lang: match[2]!,
          line: index + 1,
          before: lines[index - 1] ?? '',
          body: [],
        };
      }
      return;
    }
    if (match && match[1]!.startsWith(open.fence) && match[2] === '') {
      blocks.push({
        lang: open.lang,
        code: open.body.join('\n'),
        line: open.line,
        before: open.before,
      });
      open = undefined;
      return;
    }
    open.body.push(line);
  });
  return blocks;
}
