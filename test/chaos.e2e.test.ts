import { createTestDatabase, createTestRedis, removeTemporaryDirs, startSmtpServer, TEST_DATABASE_URL, type FixtureServer, type TestDatabase } from '@marsad/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  activeJobs, check, CuttableProxy, isClean, ITEMS, OwnRedis, serveWorkload, startMarsad, stop, storedCounts, waitUntil, WebhookReceiver, workload, writeConfig,
  type MarsadProcess, type Verdict,
} from './chaos/harness.js';

/**
 * The fault-injection suite: each case runs the whole pipeline over ITEMS distinct articles from FEEDS
 * local feeds, injects a fault while they flow, and then checks: every article stored exactly once,
 * every alert story delivered (once per story), no job left waiting, active, delayed or failed.
 * The figures each case prints feed the README's "Reliability" section.
 */
const articles = workload();
let feeds: FixtureServer;
const started: MarsadProcess[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  feeds = await serveWorkload(articles);
});
afterEach(async () => {
  for (const running of started.splice(0)) await stop(running);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});
afterAll(async () => {
  await feeds.close();
  removeTemporaryDirs();
});

function marsad(services: string[], config: string, env: NodeJS.ProcessEnv): MarsadProcess {
  const running = startMarsad(services, config, env);
  started.push(running);
  return running;
}

async function receiver(): Promise<{ webhook: WebhookReceiver; url: string }> {
  const webhook = new WebhookReceiver();
  const url = await webhook.start();
  cleanups.push(() => webhook.close());
  return { webhook, url };
}

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  return db;
}

function testRedis(label: string) {
  const redis = createTestRedis(label);
  cleanups.push(() => redis.cleanup());
  return redis;
}

/** The figures behind the README's "Reliability" section, printed as the suite runs. */
const report = (line: string) => process.stdout.write(`${line}\n`);

const storedAtLeast = (url: string, n: number) => waitUntil(`${n} items stored`, async () => (await storedCounts(url)).size >= n, 120_000);

/** Waits for the workload to finish, then returns the checker's verdict (also when it never finishes). */
async function verdictWhenDone(check: () => Promise<Verdict>, label: string): Promise<Verdict> {
  await waitUntil('the workload is done', async () => isClean(await check()), 150_000).catch(() => {});
  const verdict = await check();
  report(`[chaos] ${label}: ${JSON.stringify({ ...verdict, lost: verdict.lost.length, duplicated: verdict.duplicated.length, unexpected: verdict.unexpected.length })}`);
  return verdict;
}

function expectClean(verdict: Verdict): void {
  expect({ lost: verdict.lost, duplicated: verdict.duplicated, unexpected: verdict.unexpected }).toEqual({ lost: [], duplicated: [], unexpected: [] });
  expect(verdict.stored).toBe(ITEMS);
  expect({ missing: verdict.alertsMissing, duplicated: verdict.alertsDuplicated }).toEqual({ missing: 0, duplicated: 0 });
  expect(verdict.unfinishedJobs).toEqual({ fetch: 0, classify: 0, store: 0, alert: 0 });
}

describe('faults during a workload', () => {
  it('worker processes killed with SIGKILL mid-job, three times, while the webhook is down', async () => {
    const db = await database();
    const redis = testRedis('chaos-kill');
    const { webhook, url } = await receiver();
    const config = writeConfig(feeds, url);
    const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: db.url };
    webhook.down = true;
    let main = marsad(['fetcher', 'store', 'alerter'], config, env);
    let classifier = marsad(['classifier'], config, env);
    const kills: string[] = [];
    for (const [threshold, victim] of [[ITEMS * 0.15, 'classifier'], [ITEMS * 0.4, 'fetcher+store+alerter'], [ITEMS * 0.65, 'classifier']] as const) {
      await storedAtLeast(db.url, threshold);
      const active = await activeJobs(redis.url, redis.prefix);
      if (victim === 'classifier') {
        classifier.child.kill('SIGKILL');
        await classifier.exited;
        classifier = marsad(['classifier'], config, env);
      } else {
        main.child.kill('SIGKILL');
        await main.exited;
        main = marsad(['fetcher', 'store', 'alerter'], config, env);
        webhook.down = false; // the endpoint comes back while the alerter restarts
      }
      kills.push(`${victim} at ${threshold} stored, jobs active: ${JSON.stringify(active)}`);
    }
    report(`[chaos] kills: ${kills.join('; ')}`);
    expect(webhook.refused).toBeGreaterThan(0);
    const verdict = await verdictWhenDone(() => check(articles, db.url, webhook, redis.url, redis.prefix), `SIGKILL ×${kills.length}`);
    expectClean(verdict);
  });

  it('SMTP and webhook endpoints down, then up: every story mailed and posted once', async () => {
    const db = await database();
    const redis = testRedis('chaos-endpoints');
    const { webhook, url } = await receiver();
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.close());
    await smtp.stop();
    webhook.down = true;
    const config = writeConfig(feeds, url, smtp.url);
    const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: db.url };
    marsad(['fetcher', 'classifier', 'store', 'alerter'], config, env);
    await storedAtLeast(db.url, ITEMS); // everything stored while no alert can go out
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.received).toHaveLength(0);
    await smtp.start();
    webhook.down = false;
    const verdict = await verdictWhenDone(async () => {
      const v = await check(articles, db.url, webhook, redis.url, redis.prefix);
      return smtp.received.length < v.alertsExpected ? { ...v, alertsMissing: v.alertsMissing + 1 } : v; // not done while mail is missing
    }, 'SMTP and webhook down, then up');
    expectClean(verdict);
    const mailKeys = smtp.received.map((mail) => String(mail.parsed.headers.get('x-marsad-delivery')));
    report(`[chaos] e-mails: ${smtp.received.length} received, ${new Set(mailKeys).size} distinct delivery keys`);
    expect(new Set(mailKeys).size).toBe(verdict.alertsExpected);
    expect(webhook.refused).toBeGreaterThan(0);
  });

  it('Redis killed and restarted during the run (its own Redis, append-only file synced on every write)', async () => {
    const db = await database();
    const own = new OwnRedis(16_379 + Math.floor(Math.random() * 1_000));
    await own.start();
    cleanups.push(() => own.dispose());
    const prefix = '{marsad-chaos-redis}';
    const { webhook, url } = await receiver();
    const config = writeConfig(feeds, url);
    const env = { REDIS_URL: own.url, MARSAD_QUEUE_PREFIX: prefix, DATABASE_URL: db.url };
    marsad(['fetcher', 'classifier', 'store', 'alerter'], config, env);
    await storedAtLeast(db.url, ITEMS * 0.25);
    await own.kill();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await own.start();
    const verdict = await verdictWhenDone(() => check(articles, db.url, webhook, own.url, prefix), 'Redis restart');
    expectClean(verdict);
  });

  it('PostgreSQL unreachable for longer than the retry budget: the queues wait, no job fails', async () => {
    const db = await database();
    const redis = testRedis('chaos-pg');
    const proxy = new CuttableProxy({ host: '127.0.0.1', port: Number(new URL(TEST_DATABASE_URL).port || 5432) });
    await proxy.start();
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(db.url);
    viaProxy.port = String(proxy.port);
    const { webhook, url } = await receiver();
    // Two attempts 200 ms apart: were an outage spent on attempts, every store job would fail for good
    // within a second of the cut. It pauses the queue instead, however long it lasts.
    const config = writeConfig(feeds, url, undefined, 2);
    const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: viaProxy.toString() };
    marsad(['fetcher', 'classifier', 'store', 'alerter'], config, env);
    await storedAtLeast(db.url, ITEMS * 0.25);
    await proxy.cut();
    // A statement the server had fully received before the cut may still commit: count after that.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const during = (await storedCounts(db.url)).size;
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect((await storedCounts(db.url)).size).toBe(during); // nothing got through while it was down
    await proxy.restore();
    const verdict = await verdictWhenDone(() => check(articles, db.url, webhook, redis.url, redis.prefix), 'PostgreSQL outage');
    expectClean(verdict);
  });

  it('SIGTERM under load: active jobs finish, the process exits within the grace period, a restart completes the work', async () => {
    const db = await database();
    const redis = testRedis('chaos-term');
    const { webhook, url } = await receiver();
    const config = writeConfig(feeds, url);
    const grace = 10_000;
    const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: db.url, MARSAD_SHUTDOWN_GRACE_MS: String(grace), LOG_LEVEL: 'info' };
    const first = marsad(['fetcher', 'classifier', 'store', 'alerter'], config, env);
    await storedAtLeast(db.url, ITEMS * 0.3);
    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    const tookMs = Date.now() - signalledAt;
    report(`[chaos] SIGTERM: exited ${exit.code} after ${tookMs} ms`);
    // Exit code 0 and "stopped": shutdown completed; past the grace period it would have exited 1 saying so.
    expect(exit).toEqual({ code: 0, signal: null });
    expect(first.child.output()).toContain('"msg":"stopped"');
    expect(first.child.output()).not.toContain('grace period exceeded');
    // what was active when the signal came was finished (or handed back), not left to stall
    expect(await activeJobs(redis.url, redis.prefix)).toEqual({ fetch: 0, classify: 0, store: 0, alert: 0 });
    marsad(['fetcher', 'classifier', 'store', 'alerter'], config, env);
    const verdict = await verdictWhenDone(() => check(articles, db.url, webhook, redis.url, redis.prefix), 'SIGTERM');
    expectClean(verdict);
  });
});
