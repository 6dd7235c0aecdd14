import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { RunnerUpError } from '@runner-up/core';
import { type CliContext, jsonDoesNotApply } from '../context';
import { modeOfSource } from '../file/atomic-write';
import {
  defaultIcsStatePath,
  type IcsStateFile,
  openIcsStateFile,
  refuseStateOnPipeline,
} from '../file/ics-state-file';
import { loadPipeline } from '../file/load-pipeline';
import { MIN_SECRET_LENGTH, scrubData, secretsFrom } from '../output/scrub';
import { planAhead } from '../plan-ahead';
import { checkDomainFlag, domainFlagError } from './domain-option';

/** Options of the `serve` command. */
export interface ServeOptions {
  /** @default '8787' */
  port?: string;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * The revision state file that keeps SEQUENCE rising across restarts, or `false` (`--no-state`)
   * to keep it in memory only.
   * @default `<pipeline name>.feed.state.json` beside the pipeline file
   */
  state?: string | false;
  /** The right-hand side of every UID. @default 'runner-up' */
  domain?: string;
}

/**
 * `runner-up serve`: the calendar feed at `/feed/<token>.ics`, planned afresh from the file (and
 * the clock, unless `--now` fixed it) on every request so edits show up at the next refresh. Refuses to start without
 * `RUNNER_UP_FEED_TOKEN`: a generated token would have to be printed, and printed secrets end up
 * in shell history and CI logs. The URL is shown with the token left out.
 */
export async function serveCommand(
  ctx: CliContext,
  options: ServeOptions,
  signal?: AbortSignal,
): Promise<void> {
  if (ctx.json) {
    throw jsonDoesNotApply(
      '`serve`',
      'it prints no result, only the address it serves at, on stderr. Leave out `--json`.',
    );
  }
  const token = ctx.env.RUNNER_UP_FEED_TOKEN;
  if (!token) {
    throw new RunnerUpError(
      'invalid_options',
      'Missing RUNNER_UP_FEED_TOKEN. Set it to a long random secret first, e.g. `export RUNNER_UP_FEED_TOKEN=$(node -e "console.log(crypto.randomUUID())")`.',
      { path: ['RUNNER_UP_FEED_TOKEN'] },
    );
  }
  if (token.length < MIN_SECRET_LENGTH) {
    throw new RunnerUpError(
      'invalid_options',
      `RUNNER_UP_FEED_TOKEN is too short: use at least ${MIN_SECRET_LENGTH} random characters, since the token is all that protects the feed.`,
      { path: ['RUNNER_UP_FEED_TOKEN'] },
    );
  }
  // The token is part of the feed's URL: only characters a URL path carries as they are.
  const notAllowed = [...new Set(token.replace(/[A-Za-z0-9._-]/g, ''))];
  if (notAllowed.length > 0) {
    throw new RunnerUpError(
      'invalid_options',
      `RUNNER_UP_FEED_TOKEN may hold only A-Z a-z 0-9 - _ . (it is part of the feed's URL), but it has ${notAllowed.map((c) => JSON.stringify(c)).join(', ')}. Use hex rather than base64, e.g. \`export RUNNER_UP_FEED_TOKEN=$(openssl rand -hex 20)\`.`,
      { path: ['RUNNER_UP_FEED_TOKEN'] },
    );
  }
  const domain = checkDomainFlag(options.domain);
  const port = parsePort(options.port ?? '8787');
  const host = options.host ?? '127.0.0.1';
  if (host.trim() === '') {
    // Node would listen on every interface for an empty host, which nobody means by it.
    throw new RunnerUpError(
      'invalid_options',
      '`--host` expects an address to listen on, like 127.0.0.1 (this computer only, the default) or 0.0.0.0 (every network interface), got an empty one.',
      { path: ['host'] },
    );
  }
  if (typeof options.state === 'string') {
    await refuseStateOnPipeline(options.state, ctx.file, 'feed');
  }
  // Fail before listening when the file is broken, or a fixed `--now` is outside the days
  // runner-up plans, instead of serving errors.
  const pipeline = await loadPipeline(ctx.file, { env: ctx.env });
  if (ctx.nowFixed) planAhead(pipeline, ctx.nowIn(pipeline.owner.timezone));
  const stateFile =
    options.state === false
      ? undefined
      : await openIcsStateFile(options.state ?? defaultIcsStatePath(ctx.file, 'feed'), {
          newFileMode: await modeOfSource(ctx.file),
        });
  const { createFeedHandler } = await import('@runner-up/ical');
  const saving = stateFile && savingState(stateFile, ctx);
  const statePath =
    options.state === false ? undefined : (options.state ?? defaultIcsStatePath(ctx.file, 'feed'));
  let handler: ReturnType<typeof createFeedHandler>;
  try {
    handler = createFeedHandler({
      token,
      ...domain,
      state: stateFile?.state,
      // Awaited by the handler before each response that reflects a change: a state ahead of what
      // was served is harmless, one behind it would hand a subscriber a lower SEQUENCE after a
      // restart.
      ...(saving ? { onStateChange: saving.save } : {}),
      onError: (error) => {
        // A failed save has been told already, once per reason.
        if (saving?.told(error)) return;
        const message = error instanceof Error ? error.message : String(error);
        ctx.err(`[runner-up] [ical] feed failed: ${message.split(token).join('<token>')}`);
      },
      load: async () => {
        const pipeline = await loadPipeline(ctx.file, { env: ctx.env });
        // As `export` does: the feed is output too, its lines folded where a scrub cannot look.
        return scrubData(
          planAhead(
            pipeline,
            ctx.nowFixed ? ctx.nowIn(pipeline.owner.timezone) : new Date().toISOString(),
          ),
          secretsFrom(ctx.env),
          pipeline,
        );
      },
    });
  } catch (error) {
    // A state written with another domain: told in terms of `--domain` and `--state`.
    throw domainFlagError(
      error,
      options.domain,
      stateFile && statePath !== undefined
        ? { path: statePath, domain: stateFile.state.domain }
        : undefined,
    );
  }
  const server = createServer((req, res) => {
    handle(handler, req, res).catch((error: unknown) => {
      ctx.err(
        `[runner-up] feed request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const advice =
        error.code === 'EADDRINUSE'
          ? `\nSomething else is listening on port ${port}: stop it, or pick another port with --port (--port 0 picks a free one).`
          : error.code === 'EACCES'
            ? `\nPorts below 1024 need extra privileges: pick another port with --port (--port 0 picks a free one).`
            : '';
      reject(
        new RunnerUpError(
          'io_error',
          `Could not listen on ${host}:${port}: ${error.message}${advice}`,
          { cause: error },
        ),
      );
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  // Judged by the address the server is bound to, whichever way --host spelled it (`::0`, `0`).
  const bound = typeof address === 'object' && address ? address.address : host;
  const everywhere = isWildcard(bound);
  // A wildcard address is where the server listens, not one to open: this computer is localhost.
  const reachable = everywhere ? 'localhost' : host;
  const shownHost = reachable.includes(':') ? `[${reachable}]` : reachable;
  ctx.err(
    `Serving the calendar feed at http://${shownHost}:${actual}/feed/$RUNNER_UP_FEED_TOKEN.ics (token from the environment). Press Ctrl+C to stop.`,
  );
  if (!isLoopback(bound)) {
    const where = everywhere ? `${host}, every network interface of this computer` : host;
    ctx.err(
      `[runner-up] Warning: listening on ${where}, so other machines on the network can reach the feed, over plain HTTP; only the token in RUNNER_UP_FEED_TOKEN protects it. Leave out --host (127.0.0.1) to serve this computer only.`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Saves the revision state when the feed handler says it changed. A failed save does not fail the
 * feed: it is told once per distinct reason and thrown back, so the handler tries again at the
 * next request; `told` tells `onError` it need not report it again.
 */
function savingState(
  stateFile: IcsStateFile,
  ctx: CliContext,
): { save: () => Promise<void>; told: (error: unknown) => boolean } {
  let lastProblem: string | undefined;
  const failures = new WeakSet<object>();
  return {
    async save() {
      try {
        await stateFile.save();
        lastProblem = undefined;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (message !== lastProblem) {
          lastProblem = message;
          ctx.err(
            `[runner-up] Warning: ${message.replace(/^\[runner-up\] /, '').replace(/\.$/, '')}. The feed is served all the same, but its sequences will restart from the last saved state if the server restarts; fix that, or pass --state with a file runner-up can write.`,
          );
        }
        const failure = error instanceof Error ? error : new Error(message);
        failures.add(failure);
        throw failure;
      }
    },
    told: (error) => typeof error === 'object' && error !== null && failures.has(error),
  };
}

/** An address that listens on every interface: `0.0.0.0`, `::`. */
function isWildcard(host: string): boolean {
  return ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0'].includes(host);
}

/** An address only this computer can reach: `localhost`, `127.x.x.x` (also IPv4-mapped), `::1`. */
function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(name);
}

function parsePort(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RunnerUpError(
      'invalid_options',
      `\`--port\` expects a port number from 0 to 65535, got ${JSON.stringify(value)}.`,
      { path: ['port'] },
    );
  }
  return port;
}

/**
 * The request's path and query on a fixed origin, or `undefined` for a target that is no URL. The
 * feed reads only the path; the Host header, or an absolute request target, is whatever the client
 * sent (a user name and password included), so neither is parsed nor ever logged.
 */
function requestUrl(target: string | undefined): URL | undefined {
  try {
    const { pathname, search } = new URL(target ?? '/', 'http://localhost');
    return new URL(`${pathname}${search}`, 'http://localhost');
  } catch {
    return undefined;
  }
}

/**
 * Methods a `Request` may not carry (fetch's forbidden methods): the feed would refuse them with
 * 405 anyway, so they are answered here rather than failing as a 500.
 */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** Bridges Node's http server to the web-standard `(Request) => Response` handler. */
async function handle(
  handler: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  if (FORBIDDEN_METHODS.has(req.method?.toUpperCase() ?? '')) {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const url = requestUrl(req.url);
  if (url === undefined) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('Bad request\n');
    return;
  }
  const response = await handler(new Request(url, { method: req.method, headers }));
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  if (req.method === 'HEAD' || response.body === null) {
    res.end();
    return;
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}
