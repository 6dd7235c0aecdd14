// Every TypeScript snippet of the repository's Markdown compiles against the packages' sources,
// as a reader would paste it into a module of their own. A snippet that builds on an earlier one
// says what it takes from it in an HTML comment on the line just before its fence, which GitHub
// does not show:
//   <!-- snippet-assumes: import type { Reminder } from '@runner-up/core'; declare const reminders: Reminder[]; -->
// (TypeScript, put before the snippet.)
// A snippet that cannot compile here (another runtime's globals) says so:
//   <!-- snippet-skip: why -->
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { codeBlocks, markdownFiles, root } from './markdown';

const PACKAGES = ['core', 'ical', 'notion', 'airtable', 'cli', 'testkit'];

/**
 * Imports a snippet makes of files the reader has, as the docs tell them to: the custom plugin
 * example copied to `./markdown-agenda/`.
 */
const COPIED: Record<string, string> = {
  './markdown-agenda/index.js': 'examples/custom-plugin/src/index.ts',
};

interface Snippet {
  where: string;
  file: string;
  skip?: string;
}

function collect(folder: string): Snippet[] {
  const snippets: Snippet[] = [];
  for (const markdown of markdownFiles()) {
    for (const block of codeBlocks(readFileSync(join(root, markdown), 'utf8'))) {
      if (block.lang !== 'ts' && block.lang !== 'typescript') continue;
      const where = `${markdown}:${block.line}`;
      const skip = /^<!--\s*snippet-skip:\s*(.*?)\s*-->$/.exec(block.before.trim())?.[1];
      const assumes =
        /^<!--\s*snippet-assumes:\s*(.*?)\s*-->$/.exec(block.before.trim())?.[1] ?? '';
      const file = join(folder, `${markdown.replace(/[/.]/g, '_')}_${block.line}.ts`);
      let code = block.code;
      for (const [specifier, target] of Object.entries(COPIED)) {
        const path = relative(folder, join(root, target)).replace(/\.ts$/, '.js');
        code = code.replaceAll(`'${specifier}'`, `'${path.startsWith('.') ? path : `./${path}`}'`);
      }
      const prelude = assumes === '' ? '' : `${assumes}\n`;
      writeFileSync(file, `${prelude}${code}\nexport {};\n`);
      snippets.push({ where, file, ...(skip === undefined ? {} : { skip }) });
    }
  }
  return snippets;
}

describe('TypeScript snippets in the docs', () => {
  it('compile against the packages as written', { timeout: 180_000 }, () => {
    const folder = mkdtempSync(join(tmpdir(), 'runner-up-snippets-'));
    try {
      const snippets = collect(folder);
      expect(snippets.length).toBeGreaterThan(15);
      const checked = snippets.filter((snippet) => snippet.skip === undefined);
      const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        moduleDetection: ts.ModuleDetectionKind.Force,
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
        typeRoots: [join(root, 'node_modules', '@types')],
        customConditions: ['@runner-up/source'],
        baseUrl: root,
        paths: Object.fromEntries(
          PACKAGES.map((name) => [`@runner-up/${name}`, [`packages/${name}/src/index.ts`]]),
        ),
      };
      const program = ts.createProgram(
        checked.map((snippet) => snippet.file),
        options,
      );
      const inSnippets = new Map(checked.map((snippet) => [snippet.file, snippet.where]));
      const problems = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file === undefined || inSnippets.has(d.file.fileName))
        .map((d) => {
          const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
          if (!d.file || d.start === undefined) return message;
          const { line } = d.file.getLineAndCharacterOfPosition(d.start);
          const text = d.file.text.split('\n')[line]?.trim();
          return `${inSnippets.get(d.file.fileName)} (${text}): ${message}`;
        });
      expect(problems).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
