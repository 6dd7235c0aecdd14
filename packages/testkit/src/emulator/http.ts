import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultKind } from './faults.js';

/** One request as an emulator handler sees it. */
export interface EmulatorRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/pages`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The JSON body, `undefined` when there is none; a body that is not JSON is left as text. */
  body: unknown;
  /** The body's size in bytes, as sent. */
  bodyBytes: number;
  /** 1-based number of this request since the emulator started. */
  number: number;
}

/** A JSON answer. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON. */
  body?: unknown;
}

/** Drop the connection without an answer, optionally after holding it (a client-side timeout). */
export interface EmulatorDrop {
  drop: true;
  /** Hold the request this long before destroying the socket. @default 0 */
  afterMs?: number;
}

/** What a handler returns. */
export type EmulatorResult = EmulatorResponse | EmulatorDrop;

/** Answers requests; may be async. */
export type EmulatorHandler = (
  request: EmulatorRequest,
) => EmulatorResult | Promise<EmulatorResult>;

/** A running emulator. */
export interface HttpEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Requests received so far (including faulted ones). */
  readonly received: number;
  /** Stops the server and destroys open connections (including held ones). */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 on a free port that parses JSON bodies and hands each
 * request to `handler`.
 */
export async function startHttpEmulator(handler: EmulatorHandler): Promise<HttpEmulator> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let received = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received += 1;
      const raw = Buffer.concat(chunks);
      const text = raw.toString('utf8');
      let body: unknown;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: EmulatorRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
        bodyBytes: raw.length,
        number: received,
      };
      Promise.resolve()
        .then(() => handler(request))
        .then(
          (result) => send(res, result),
          (error: unknown) =>
            send(res, {
              status: 500,
              body: {
                object: 'error',
                status: 500,
                code: 'internal_server_error',
                message: String(error),
              },
            }),
        );
    });
  });
  const send = (res: ServerResponse, result: EmulatorResult) => {
    if ('drop' in result) {
      const destroy = () => {
        res.socket?.destroy();
      };
      if (result.afterMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          destroy();
        }, result.afterMs);
        timers.add(timer);
      } else destroy();
      return;
    }
    const payload = result.body === undefined ? '' : JSON.stringify(result.body);
    res.writeHead(result.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      ...result.headers,
    });
    res.end(payload);
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get received() {
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Settings for turning a fault into a response. */
export interface FaultResultOptions {
  /** How long a `timeout` fault holds the request before dropping it; set it above the client's timeout. */
  holdMs: number;
  /** `Retry-After` seconds sent with an injected 429. @default 1 */
  retryAfterSeconds?: number;
  /** Builds the JSON error body for a status. */
  errorBody: (status: number, code: string, message: string) => unknown;
}

/** Turns an injected {@link FaultKind} into what the emulator does. */
export function faultResult(kind: FaultKind, options: FaultResultOptions): EmulatorResult {
  switch (kind) {
    case 'drop':
      return { drop: true };
    case 'timeout':
      return { drop: true, afterMs: options.holdMs };
    case '429':
      return {
        status: 429,
        headers: { 'retry-after': String(options.retryAfterSeconds ?? 1) },
        body: options.errorBody(
          429,
          'rate_limited',
          'You have been rate limited. Please try again in a few minutes.',
        ),
      };
    default: {
      const status = Number(kind);
      const code =
        status === 500
          ? 'internal_server_error'
          : status === 502
            ? 'bad_gateway'
            : 'service_unavailable';
      return { status, body: options.errorBody(status, code, `Injected ${status} fault.`) };
    }
  }
}

/** Counts requests as reads or writes. */
export interface RequestCounter {
  reads: number;
  writes: number;
  readonly total: number;
  /** Records one request. */
  record(kind: 'read' | 'write'): void;
  reset(): void;
}

/** A {@link RequestCounter} starting at zero. */
export function createRequestCounter(): RequestCounter {
  const counter = {
    reads: 0,
    writes: 0,
    get total() {
      return counter.reads + counter.writes;
    },
    record(kind: 'read' | 'write') {
      if (kind === 'read') counter.reads += 1;
      else counter.writes += 1;
    },
    reset() {
      counter.reads = 0;
      counter.writes = 0;
    },
  };
  return counter;
}
