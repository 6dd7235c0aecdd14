/**
 * A small adapter from `node:http` to a web-standard `(Request) => Promise<Response>` handler, so
 * the same feed handler runs on Node as on Deno, Bun or Cloudflare Workers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

/** A web-standard fetch handler. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * Methods a `Request` may not carry (fetch's forbidden methods). A feed serves GET and HEAD only,
 * so these are answered 405 without reaching the handler.
 */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * Builds a `Request` from a Node request: method, URL, headers and (for bodies) a stream. The URL
 * takes only the path and query the client sent, on a fixed origin: the Host header is whatever
 * the client wrote, and a malformed one must not fail the request.
 */
export function toRequest(req: IncomingMessage): Request {
  const { pathname, search } = new URL(req.url ?? '/', 'http://localhost');
  const url = new URL(`${pathname}${search}`, 'http://localhost');
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // Node's fetch needs `duplex: 'half'` for a streamed request body.
    init.body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(url, init);
}

/** Writes a `Response` to a Node response, streaming its body. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body) {
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      res.write(chunk.value);
    }
  }
  res.end();
}

/**
 * A `node:http` request listener running `handler`. A method a `Request` cannot carry gets 405, a
 * request target that is no URL 400, and a thrown error a bare 500: never an uncaught exception.
 */
export function toNodeListener(handler: FetchHandler) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (FORBIDDEN_METHODS.has(req.method?.toUpperCase() ?? '')) {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let request: Request;
    try {
      request = toRequest(req);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Bad Request\n');
      return;
    }
    handler(request)
      .then((response) => sendResponse(res, response))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Internal Server Error\n');
      });
  };
}

/** A running server. */
export interface RunningServer {
  server: Server;
  /** `http://host:port`, with the port the system chose when you asked for 0. */
  origin: string;
  close(): Promise<void>;
}

/** Starts `handler` on `node:http`. Port 0 picks a free port. */
export function serve(
  handler: FetchHandler,
  { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const server = createServer(toNodeListener(handler));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        server,
        origin: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
