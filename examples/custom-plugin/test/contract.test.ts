import {
  createFaultInjector,
  type FaultPlan,
  type RemoteRow,
  runSinkContract,
  type SinkHarness,
} from '@runner-up/testkit';
import { parseMarkdown, readMarkdownRows, renderMarkdown } from '../src/markdown-format';
import { markdownSink } from '../src/markdown-sink';
import { type MarkdownStore, memoryStore } from '../src/store';

/**
 * The shared sink contract, run against a checklist kept in memory. The "remote" is the text
 * itself: a person edits it the way they would in an editor, and injected faults make a read
 * or write fail with a retryable error, as a busy file system or a sync client would.
 */
const markdownHarness: SinkHarness = {
  name: 'markdown',
  async setup(options: { faults?: FaultPlan } = {}) {
    const memory = memoryStore();
    const faults = createFaultInjector(options.faults);
    const counted = { reads: 0, writes: 0 };
    const remote = (): MarkdownStore => {
      const check = () => {
        const fault = faults.next();
        if (fault !== undefined)
          throw Object.assign(new Error(`injected ${fault}`), { retryable: true });
      };
      return {
        async read() {
          counted.reads += 1;
          check();
          return memory.text;
        },
        async write(text) {
          counted.writes += 1;
          check();
          memory.text = text;
        },
      };
    };
    const edit = (key: string, change: (lines: string[]) => void) => {
      const document = parseMarkdown(memory.text ?? '');
      const block = document.blocks.find((b) => b.key === key);
      if (!block) throw new Error(`no item for ${key}`);
      const lines = [block.head];
      change(lines);
      block.head = lines[0]!;
      memory.text = renderMarkdown(document);
    };
    return {
      // No `crashingSink`: a sync ends in one atomic write, so there is no half-done run to resume.
      sink: markdownSink({ store: remote() }),
      remote: {
        async rows(): Promise<RemoteRow[]> {
          return memory.text === undefined ? [] : readMarkdownRows(memory.text);
        },
        async setUserFields(key, fields) {
          const document = parseMarkdown(memory.text ?? '');
          const block = document.blocks.find((b) => b.key === key);
          if (!block) throw new Error(`no item for ${key}`);
          if (fields.done !== undefined) block.done = fields.done;
          if (fields.notes !== undefined) block.notes = fields.notes.split('\n');
          memory.text = renderMarkdown(document);
        },
        async editOwnedField(key, _field, value) {
          edit(key, (lines) => {
            lines[0] = lines[0]!.replace(/ · (\w+) · .* <!--/, ` · $1 · ${value} <!--`);
          });
        },
        async duplicateRow(key, userFields = {}) {
          const document = parseMarkdown(memory.text ?? '');
          const index = document.blocks.findIndex((b) => b.key === key);
          const copy = structuredClone(document.blocks[index]!);
          if (userFields.done !== undefined) copy.done = userFields.done;
          document.blocks.splice(index + 1, 0, copy);
          memory.text = renderMarkdown(document);
        },
        requests: () => ({ ...counted }),
        faultsInjected: () => faults.injectedTotal,
      },
      async teardown() {},
    };
  },
};

runSinkContract(markdownHarness);
