import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { createRedis } from '@marsad/queues';
import { createHttpClient, DEFAULT_USER_AGENT, FetchError, RobotsRules } from '@marsad/sources';
import { createTestRedis, rssFeed, serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource, type FetchSourceDeps } from './handlers/fetch-source.js';
import { HostGate } from './host-gate.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j', attempt: 1 };
const http = createHttpClient({ totalTimeoutMs: 5_000 });
const redis = createTestRedis('polite');
const connections = [createRedis(redis.url), createRedis(redis.url)];
const FEED = rssFeed('f', 'https://a.ma', [{ title: 'خبر', link: 'https://a.ma/1', description: 'نص' }]);
let server: FixtureServer;
let inFlight = 0;
let maxInFlight = 0;
const starts: number[] = [];

beforeAll(async () => {
  server = await serveFixtures({
    '/robots.txt': { body: 'User-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n', headers: { 'content-type': 'text/plain' } },
    '/private/feed': { body: FEED, headers: { 'content-type': 'application/rss+xml' } },
    '/feed': { body: FEED, headers: { 'content-type': 'application/rss+xml' } },
    '/busy': { status: 429, body: 'slow down', headers: { 'retry-after': '1' } },
    '/slow': (_req, res) => {
      starts.push(Date.now());
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }, 50);
    },
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
  for (const c of connections) c.disconnect();
  await redis.cleanup();
});

function deps(path: string, extra: Record<string, unknown> = {}): FetchSourceDeps {
  const source = SourceSchema.parse({ id: 's', adapter: 'rss', url: server.url(path), ...extra });
  return { sources: new Map([[source.id, source]]), http, knownItemIds: async () => new Set(), sendToClassify: async () => {}, robots: new RobotsRules(DEFAULT_USER_AGENT) };
}

describe('robots.txt', () => {
  it('refuses what the site disallows, with a blocked error naming robots.txt', async () => {
    const err = await fetchSource({ sourceId: 's' }, deps('/private/feed'), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^\[blocked\] robots\.txt of http:\/\/127\.0\.0\.1:\d+ disallows/);
    expect(server.hits.get('/private/feed')).toBeUndefined();
  });

  it('fetches what it allows, reading robots.txt once', async () => {
    expect(await fetchSource({ sourceId: 's' }, deps('/feed'), ctx)).toMatchObject({ fetched: 1 });
    const before = server.hits.get('/robots.txt')!;
    const rules = new RobotsRules(DEFAULT_USER_AGENT);
    await rules.check(server.url('/feed'), http);
    await rules.check(server.url('/other'), http);
    await expect(rules.check(server.url('/private/x'), http)).rejects.toBeInstanceOf(FetchError);
    expect(server.hits.get('/robots.txt')).toBe(before + 1);
  });

  it('lets a source opt out with robots: false', async () => {
    expect(await fetchSource({ sourceId: 's' }, deps('/private/feed', { robots: false }), ctx)).toMatchObject({ fetched: 1 });
  });
});

describe('per-host politeness', () => {
  it('holds one request in flight per host and the delay between starts, across two replicas', async () => {
    const gates = connections.map((c) => new HostGate(c, redis.prefix, { perHost: 1, minDelayMs: 200 }));
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        gates[i % 2]!.run(server.url('/slow'), () => {
          granted.push(Date.now());
          return http.get(server.url('/slow'));
        }),
      ),
    );
    expect(maxInFlight).toBe(1);
    // Slots are granted at least minDelayMs apart on Redis's clock; seen from here, a reply may come a little
    // late or early under load, hence the margin. Without the gate the gaps would be about 0.
    const gaps = granted.sort((a, b) => a - b).slice(1).map((t, i) => t - granted[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(150);
    expect(await connections[0]!.zcard(`${redis.prefix}:host:${new URL(server.origin).host}`)).toBe(0);
  });

  it('allows up to perHost requests at once', async () => {
    starts.length = 0;
    maxInFlight = 0;
    const gate = new HostGate(connections[0]!, redis.prefix, { perHost: 3, minDelayMs: 0 });
    await Promise.all(Array.from({ length: 9 }, () => gate.run(server.url('/slow'), () => http.get(server.url('/slow')))));
    expect(maxInFlight).toBe(3);
  });

  it('leaves a host alone for as long as its Retry-After says, for every source on it', async () => {
    const gate = new HostGate(connections[1]!, redis.prefix, { perHost: 4, minDelayMs: 0 });
    const busy = deps('/busy');
    const before = Date.now(); // the hold-off starts after this, so the next slot opens at least 1 s after it
    await expect(fetchSource({ sourceId: 's' }, { ...busy, hostGate: gate, robots: undefined }, ctx)).rejects.toThrow(/rate-limited/);
    let granted = 0;
    await gate.run(server.url('/slow'), () => {
      granted = Date.now();
      return http.get(server.url('/slow'));
    });
    expect(granted - before).toBeGreaterThanOrEqual(950);
  });
});
