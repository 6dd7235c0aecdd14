import type { Environment } from '../context';
/** Environment variables whose values are secrets and must never be printed. */
export const SECRET_ENV_VARS = ['NOTION_TOKEN', 'AIRTABLE_TOKEN', 'RUNNER_UP_FEED_TOKEN'] as const;

const MASK = '***';

/**
 * The shortest value taken for a secret: the shortest feed token `serve` accepts (Notion and
 * Airtable tokens are far longer). Hiding a shorter value, a word such as `Dana` or `feed`,
 * would garble ordinary text and protect nothing: no real token is that short.
 */
export const MIN_SECRET_LENGTH = 16;

/**
 * The secret values to hide, in every form they could take in printed text: raw, JSON-escaped
 * and URL-encoded, each as set and without the whitespace around it (HTTP sends header values
 * trimmed, and a service may echo what it got). Values shorter than `MIN_SECRET_LENGTH`
 * are ignored.
 */
export function secretsFrom(env: Environment): string[] {
  const forms = new Set<string>();
  for (const name of SECRET_ENV_VARS) {
    const set = env[name];
    if (!set) continue;
    for (const value of new Set([set, set.trim()])) {
      if (value.length < MIN_SECRET_LENGTH) continue;
      forms.add(value);
      forms.add(JSON.stringify(value).slice(1, -1));
      forms.add(encodeURIComponent(value));
    }
  }
  // Longest first, so a secret containing another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of every secret in `text` with `***`. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/**
 * `data` with every secret in its text replaced, for output built from the user's data whose text
 * is cut up before it is printed (a calendar folds its lines every 75 bytes, so a token in a title
 * would reach the output in pieces that {@link scrub} cannot match) or written where no stream is
 * guarded (`-o /dev/stdout`). The same object when no secret is in it. With `source` (what `data`
 * is made from, such as the pipeline its reminders are planned from), `data` is read only when a
 * secret is in `source`.
 */
export function scrubData<T>(data: T, secrets: readonly string[], source?: unknown): T {
  if (secrets.length === 0) return data;
  // What the data is made from, far smaller than what is made of it: without a token there, none
  // is in the data, and the data is not read through.
  if (source !== undefined) {
    const from = JSON.stringify(source);
    if (!secrets.some((secret) => from.includes(secret))) return data;
  }
  const json = JSON.stringify(data);
  const scrubbed = scrub(json, secrets);
  return scrubbed === json ? data : (JSON.parse(scrubbed) as T);
}

/**
 * A stream that writes to `stream` with every secret scrubbed, for `run()` embedded in another
 * program, whose streams `guardStream` has not wrapped. Everything else is the stream's own.
 */
export function scrubbingStream<S extends { write(text: string): unknown }>(
  stream: S,
  secrets: readonly string[],
): S {
  if (secrets.length === 0) return stream;
  const write = (chunk: unknown, ...rest: unknown[]) =>
    (stream.write as (...args: unknown[]) => unknown).call(
      stream,
      scrubChunk(chunk, secrets),
      ...rest,
    );
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Wraps a stream's `write` so nothing written to it, by us or by a library, can carry a secret.
 * The last line of defence: messages are built without secrets in the first place.
 */
export function guardStream(stream: NodeJS.WriteStream, secrets: readonly string[]): void {
  if (secrets.length === 0) return;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(scrubChunk(chunk, secrets), ...rest)) as typeof stream.write;
}

/** What a stream is given to write (text or bytes, read as UTF-8), as text with the secrets scrubbed. */
function scrubChunk(chunk: unknown, secrets: readonly string[]): unknown {
  const text =
    typeof chunk === 'string'
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk).toString('utf8')
        : chunk;
  return typeof text === 'string' ? scrub(text, secrets) : text;
}
