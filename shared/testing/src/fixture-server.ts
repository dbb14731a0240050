import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type FixtureRoute = FixtureResponse | ((req: IncomingMessage, res: ServerResponse) => void);

export interface FixtureServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  url(path: string): string;
  /** Paths requested that no route serves: a test should expect this to be empty. */
  unexpected: string[];
  /** Requests per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves recorded responses on 127.0.0.1 (or `host`: another loopback address, 127.0.0.2, can stand in
 * for a second machine). A request for any other path gets a 404 and is recorded in `unexpected`, so a
 * test notices the code asking for something it should not.
 */
export async function serveFixtures(routes: Record<string, FixtureRoute>, host = '127.0.0.1'): Promise<FixtureServer> {
  const unexpected: string[] = [];
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes[path];
    if (!route) {
      unexpected.push(path);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
      return;
    }
    if (typeof route === 'function') return route(req, res);
    res.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    unexpected,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A feed that answers with an ETag, and `304 Not Modified` to a request that names it (conditional
 * GET); `conditionalRequests()` counts those 304s.
 */
export function conditionalFeed(body: string, etag = '"v1"'): ((req: IncomingMessage, res: ServerResponse) => void) & { conditionalRequests(): number } {
  let conditional = 0;
  const route = (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers['if-none-match'] === etag) {
      conditional++;
      res.writeHead(304).end();
    } else res.writeHead(200, { etag, 'content-type': 'application/rss+xml' }).end(body);
  };
  return Object.assign(route, { conditionalRequests: () => conditional });
}
