import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { rssFeed, seededRandom, serveFixtures, startNode, temporaryDir, type FixtureServer } from '@marsad/testing';
import { BIN } from '../marsad-cli.js';

/**
 * Jepsen-style checks for Marsad: a workload (thousands of distinct articles from local feeds), faults
 * injected while it runs, then a checker comparing what the feeds published with what was stored and
 * alerted. Everything is real: processes, Redis, PostgreSQL, HTTP.
 */

export const FEEDS = 20;
export const ITEMS_PER_FEED = 100;
export const ITEMS = FEEDS * ITEMS_PER_FEED;
/** One article in ten carries this word, and the alert rule asks for it: one alert per such story. */
const ALERT_WORD = 'عاجل';

/** A vocabulary from the reference articles, so that the workload is real Arabic news prose. */
function vocabulary(): string[] {
  const seeds = fileURLToPath(new URL('../../seeds/', import.meta.url));
  const words = new Set<string>();
  for (const id of ['000_7f10525f81fda1b7', '001_b606bcbd39854403', '002_76943d91d9f1eaeb', '003_32020b171cea0e16', '004_caa216378d5369e4']) {
    for (const word of readFileSync(join(seeds, `${id}.txt`), 'utf8').split(/[^\p{L}]+/u)) if (word.length > 2 && !word.includes(ALERT_WORD)) words.add(word);
  }
  return [...words];
}


export interface Article {
  url: string;
  title: string;
  text: string;
  alert: boolean;
}

/** Distinct articles (random draws of 90 words: no two share enough to be copies). */
export function workload(): Article[] {
  const words = vocabulary();
  const rand = seededRandom(0x636861);
  const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]!).join(' ');
  return Array.from({ length: ITEMS }, (_, i) => {
    const alert = i % 10 === 0;
    return { url: `https://news.example/a/${i}.html`, title: `${pick(6)} ${i}`, text: `${alert ? `${ALERT_WORD} ` : ''}${pick(90)}.`, alert };
  });
}

export async function serveWorkload(articles: Article[]): Promise<FixtureServer> {
  const routes: Parameters<typeof serveFixtures>[0] = {};
  for (let f = 0; f < FEEDS; f++) {
    const entries = articles.slice(f * ITEMS_PER_FEED, (f + 1) * ITEMS_PER_FEED).map((a) => ({ title: a.title, link: a.url, description: a.text }));
    routes[`/feed-${f}.rss`] = { body: rssFeed(`feed ${f}`, 'https://news.example', entries), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } };
  }
  return serveFixtures(routes);
}

/** A webhook receiver that can be down (503) and counts what it accepted, per delivery key. */
export class WebhookReceiver {
  readonly accepted = new Map<string, { storyId: string; times: number }>();
  down = false;
  refused = 0;
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (this.down) {
        this.refused++;
        res.writeHead(503).end('down for maintenance');
        return;
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      const { storyId } = JSON.parse(body) as { storyId: string };
      const seen = this.accepted.get(key);
      this.accepted.set(key, { storyId, times: (seen?.times ?? 0) + 1 });
      res.writeHead(200).end('ok');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The workload's config; with `smtpUrl`, alerts also go out by e-mail. */
export function writeConfig(feeds: FixtureServer, webhook: string, smtpUrl?: string, attempts = 20): string {
  const sources = Array.from({ length: FEEDS }, (_, f) => `  - { id: feed-${f}, adapter: rss, url: "${feeds.url(`/feed-${f}.rss`)}", interval: 1h, robots: false }`).join('\n');
  const file = join(temporaryDir('marsad-chaos-'), 'marsad.yml');
  writeFileSync(file, `sources:
${sources}
fetching: { minDelayMs: 0, perHost: 8 }
pipeline:
  attempts: ${attempts}
  backoffMs: 200
  workers: { lockDurationMs: 2000, stalledIntervalMs: 1000, maxStalledCount: 20 }
alerts:
  delivery: { attempts: 30, backoffMs: 200 }
  channels:
    - { id: hook, type: webhook, url: "${webhook}", format: json }
${smtpUrl ? `    - { id: mail, type: email, smtp: "${smtpUrl}", from: "marsad@example.org", to: ["comms@example.org"] }\n` : ''}  rules:
    - { id: breaking, query: "${ALERT_WORD}", channels: [hook${smtpUrl ? ', mail' : ''}], mode: immediate }
`);
  return file;
}

export interface MarsadProcess {
  child: ChildProcess & { output: () => string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `marsad start SERVICES --config FILE` as its own process. */
export function startMarsad(services: string[], config: string, env: NodeJS.ProcessEnv): MarsadProcess {
  const child = startNode(BIN, ['start', ...services, '--config', config], { env: { LOG_LEVEL: 'warn', ...env } });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited };
}

export async function stop(running: MarsadProcess): Promise<void> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  await running.exited;
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Stored rows per URL: the checker's view of the database. */
export async function storedCounts(databaseUrl: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ url: string; n: number }>('SELECT url, count(*)::int AS n FROM items GROUP BY url');
    return new Map(rows.rows.map((r) => [r.url, r.n]));
  } catch {
    return new Map(); // before the first migration
  } finally {
    await client.end();
  }
}

export interface Verdict {
  stored: number;
  lost: string[];
  duplicated: string[];
  unexpected: string[];
  alertsExpected: number;
  alertsDelivered: number;
  alertsMissing: number;
  /** Stories that got two different delivery keys (a true duplicate alert). */
  alertsDuplicated: number;
  /** Deliveries the receiver saw again under the same key (at-least-once, deduplicated by key). */
  redeliveries: number;
  /** Jobs per queue still waiting, active, delayed or failed once the workload is done. */
  unfinishedJobs: Record<string, number>;
}

const QUEUES = ['fetch', 'classify', 'store', 'alert'] as const;

/** Jobs being worked on right now, per queue. */
export async function activeJobs(redisUrl: string, prefix: string): Promise<Record<string, number>> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const active: Record<string, number> = {};
    for (const name of QUEUES) {
      const queue = new Queue(name, { connection, prefix });
      active[name] = await queue.getActiveCount();
      await queue.close();
    }
    return active;
  } finally {
    connection.disconnect();
  }
}

/** Compares what the feeds published with what Marsad stored and alerted; counts jobs left behind. */
export async function check(articles: Article[], databaseUrl: string, webhook: WebhookReceiver, redisUrl: string, prefix: string): Promise<Verdict> {
  const stored = await storedCounts(databaseUrl);
  const expected = new Set(articles.map((a) => a.url));
  const byStory = new Map<string, number>();
  for (const { storyId } of webhook.accepted.values()) byStory.set(storyId, (byStory.get(storyId) ?? 0) + 1);
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const unfinishedJobs: Record<string, number> = {};
  try {
    for (const name of QUEUES) {
      const queue = new Queue(name, { connection, prefix });
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children', 'failed');
      // Each source's next scheduled poll waits in the delayed set: that is the schedule, not work left over.
      const delayed = (await queue.getDelayed()).filter((job) => !job.repeatJobKey).length;
      unfinishedJobs[name] = Object.values(counts).reduce((a, b) => a + b, 0) + delayed;
      await queue.close();
    }
  } finally {
    connection.disconnect();
  }
  const alertsExpected = articles.filter((a) => a.alert).length;
  return {
    stored: stored.size,
    lost: [...expected].filter((url) => !stored.has(url)),
    duplicated: [...stored].filter(([, n]) => n > 1).map(([url]) => url),
    unexpected: [...stored.keys()].filter((url) => !expected.has(url)),
    alertsExpected,
    alertsDelivered: byStory.size,
    alertsMissing: alertsExpected - byStory.size,
    alertsDuplicated: [...byStory.values()].filter((n) => n > 1).length,
    redeliveries: [...webhook.accepted.values()].reduce((sum, d) => sum + d.times - 1, 0),
    unfinishedJobs,
  };
}

/** Every alert story and stored item accounted for, nothing twice, no job left. */
export function isClean(verdict: Verdict): boolean {
  return verdict.lost.length === 0 && verdict.duplicated.length === 0 && verdict.unexpected.length === 0 && verdict.alertsMissing === 0 && verdict.alertsDuplicated === 0 && Object.values(verdict.unfinishedJobs).every((n) => n === 0);
}

/** A TCP proxy in front of PostgreSQL that the test can cut and restore. */
export class CuttableProxy {
  private server = createTcpServer();
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(port = 0): Promise<void> {
    this.server = createTcpServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Drops every open connection and refuses new ones. */
  async cut(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  restore(): Promise<void> {
    return this.start(this.port);
  }

  close(): Promise<void> {
    return this.cut();
  }
}

/** A Redis server of the test's own, with an append-only file synced on every write. */
export class OwnRedis {
  private child: ChildProcess | undefined;
  readonly dir = temporaryDir('marsad-chaos-redis-');

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    await waitUntil('redis answers', async () => {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {}); // not up yet: the next try will tell
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.disconnect();
      }
    }, 20_000);
  }

  /** The harshest stop: no chance to write anything more. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops it and removes its files. */
  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
