/**
 * Where the checklist lives. The sink only needs to read and replace one text, so storage is
 * injected through this two-method interface: a file in Node, memory in tests or a browser,
 * anything else (a gist, a note in another app) behind the same shape.
 */
export interface MarkdownStore {
  /** The current text, or `undefined` when there is none yet. */
  read(): Promise<string | undefined>;
  /**
   * Replaces the text as a whole; a reader must never see half of it. Reject with an error whose
   * `retryable` is `true` for a failure worth trying again.
   */
  write(text: string): Promise<void>;
}

/** A store in memory; `text` shows what was written. */
export function memoryStore(initial?: string): MarkdownStore & { text: string | undefined } {
  const store = {
    text: initial,
    async read() {
      return store.text;
    },
    async write(text: string) {
      store.text = text;
    },
  };
  return store;
}
