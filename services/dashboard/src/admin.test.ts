import { createLogger } from '@marsad/logger';
import { RuleSchema } from '@marsad/config';
import { createStageWorker, QUEUE_NAMES, readJobTimings, redisMemoryUse } from '@marsad/queues';
import { openTestQueues } from '@marsad/queues/testing';
import { openStore, type Store } from '@marsad/store';
import { channelHolds, loadedRules, publishLoadedRules, redisMemory, staleRules } from '@marsad/service-alerter';
import { failWaitingJobs } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboardApp } from './app.js';
import { createMetrics } from './metrics.js';
import { SOURCE_ROWS } from './test-newsroom.js';
import { failedFetchesOf } from './web.js';

const { redis, connection, queues, close } = openTestQueues('dashboard', { attempts: 1 });
let store: Store;
const CONFIGURED_RULES = [RuleSchema.parse({ id: 'dgsn', tags: ['dgsn'], channels: ['comms-mail'] }), RuleSchema.parse({ id: 'pickups', references: true, channels: ['comms-tg'] })];
const ADMIN = { user: 'operator', password: 'correct horse battery', token: 'a-token-of-at-least-16-chars' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  // One failed job to retry, and two waiting.
  await queues.fetch.add('fetch', { sourceId: 'broken' }, { jobId: 'failing' });
  const worker = createStageWorker({ queue: 'fetch', handle: async () => { throw new Error('boom'); }, connection: connection.duplicate(), prefix: redis.prefix, concurrency: 1, logger: createLogger({ level: 'silent' }) });
  await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
  await worker.close();
  await queues.fetch.add('fetch', { sourceId: 'a' });
  await queues.fetch.add('fetch', { sourceId: 'b' });
  await store.upsertItem({ id: 'i1', sourceId: 'hespress', url: 'https://h.ma/1', title: 't', text: 'x', publishedAt: null, fetchedAt: new Date().toISOString(), language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: 'i1', tags: ['dgsn'], evidence: {} });
  // A brief its source completed since: stored again over its row.
  const brief = { id: 'i2', sourceId: 'le360', url: 'https://le360.ma/2', title: 't', text: 'عاجل', publishedAt: null, fetchedAt: new Date().toISOString(), language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: 'i2', tags: [], evidence: {} };
  await store.upsertItem(brief);
  await store.reviseItem({ ...brief, text: 'عاجل: نص الخبر كاملا بعد تحديثه' });
});
afterAll(async () => {
  await store.close();
  await close();
});

const app = (admin = {}) =>
  buildDashboardApp({
    queues: QUEUE_NAMES.map((n) => queues[n]),
    admin,
    readiness: { redis: async () => void (await connection.ping()), database: () => store.ping() },
    metrics: createMetrics({
      queues: QUEUE_NAMES.map((n) => queues[n]),
      stats: () => store.stats(),
      sources: async () => SOURCE_ROWS,
      pingRedis: async () => void (await connection.ping()),
      pingDatabase: () => store.ping(),
      jobDurations: () => readJobTimings(connection, redis.prefix, QUEUE_NAMES.map((n) => queues[n].name)),
      channelHolds: () => channelHolds(redisMemory(connection, redis.prefix), ['comms-tg', 'comms-mail']),
      redisMemory: () => redisMemoryUse(connection),
      staleRules: async () => staleRules(CONFIGURED_RULES, await loadedRules(connection, redis.prefix)),
    }),
  });

describe('queue board', () => {
  it('without credentials, shows every queue read-only and says so', async () => {
    const server = await app();
    const page = await server.inject({ method: 'GET', url: '/admin/queues' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('read-only');
    const api = (await server.inject({ method: 'GET', url: '/admin/queues/api/queues' })).json() as { queues: { name: string; readOnlyMode: boolean }[] };
    expect(api.queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
    expect(api.queues.every((q) => q.readOnlyMode)).toBe(true);
    const retry = await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/retry/failed' });
    expect(retry.statusCode).toBe(405);
    expect(await queues.fetch.getJobState('failing')).toBe('failed');
    await server.close();
  });

  it('with credentials, asks for them, and lets an authenticated operator retry', async () => {
    const server = await app(ADMIN);
    const anonymous = await server.inject({ method: 'GET', url: '/admin/queues' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm="Marsad operators"/);
    expect((await server.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: basic('operator', 'wrong password') } })).statusCode).toBe(401);
    expect((await server.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: basic(ADMIN.user, ADMIN.password) } })).statusCode).toBe(200);
    expect((await server.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { authorization: `Bearer ${ADMIN.token}` } })).statusCode).toBe(200);
    expect((await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/retry/failed' })).statusCode).toBe(401);
    const retry = await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/retry/failed', headers: { authorization: basic(ADMIN.user, ADMIN.password) } });
    expect(retry.statusCode).toBe(200);
    expect(await queues.fetch.getJobState('failing')).toBe('waiting');
    await server.close();
  });

  it("refuses a change another site's page makes the operator's browser send, credentials and all", async () => {
    const server = await app(ADMIN);
    // A job of its own queue, so that the metrics below count only the fetch job that failed.
    await queues.digest.add('digest', { ruleId: 'daily' }, { jobId: 'failing-digest' });
    await failWaitingJobs(queues.digest, 1, 'boom');
    const board = { authorization: basic(ADMIN.user, ADMIN.password), host: 'marsad.example.org:3000' };
    const retry = (headers: Record<string, string>) => server.inject({ method: 'PUT', url: '/admin/queues/api/queues/digest/retry/failed', headers: { ...board, ...headers } });

    const crossSites: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { origin: 'null' }];
    for (const crossSite of crossSites) {
      const refused = await retry(crossSite);
      expect(refused.statusCode, JSON.stringify(crossSite)).toBe(403);
      expect(refused.json()).toEqual({ error: 'a change to the queues must come from the queue board itself, not from another site' });
    }
    expect(await queues.digest.getJobState('failing-digest')).toBe('failed');
    // Reading stays open to a link from anywhere.
    expect((await server.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { ...board, 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(200);

    // The board's own page: a browser says so, or only its origin does.
    expect((await retry({ 'sec-fetch-site': 'same-origin', origin: 'http://marsad.example.org:3000' })).statusCode).toBe(200);
    expect(await queues.digest.getJobState('failing-digest')).toBe('waiting');
    await queues.digest.remove('failing-digest');
    await server.close();
  });

  it('lets an authenticated operator promote a delayed job and clean a state, and no one else', async () => {
    const server = await app(ADMIN);
    const operator = { authorization: basic(ADMIN.user, ADMIN.password) };
    const delayed = { delay: 3_600_000 };
    await queues.fetch.add('fetch', { sourceId: 'later' }, { jobId: 'later', ...delayed });
    // bull-board cleans only jobs older than 5 s
    await queues.fetch.add('fetch', { sourceId: 'dropped' }, { jobId: 'dropped', timestamp: Date.now() - 60_000, ...delayed });
    expect((await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/later/promote' })).statusCode).toBe(401);
    expect((await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/later/promote', headers: operator })).statusCode).toBe(204);
    expect(await queues.fetch.getJobState('later')).toBe('waiting');
    expect((await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/clean/delayed' })).statusCode).toBe(401);
    expect(await queues.fetch.getJobState('dropped')).toBe('delayed');
    expect((await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/clean/delayed', headers: operator })).statusCode).toBe(200);
    expect(await queues.fetch.getJobState('dropped')).toBe('unknown');
    await queues.fetch.remove('later');
    await server.close();
  });

  it("empties a queue for an authenticated operator, keeping the job a schedule waits on", async () => {
    const server = await app(ADMIN);
    // The schedule's job waits behind two others, as when it comes due while they wait.
    for (const id of ['one', 'two']) await queues.digest.add('digest', { ruleId: id }, { jobId: `extra-${id}` });
    await queues.digest.upsertJobScheduler('daily-brief', { every: 86_400_000 }, { name: 'digest', data: { ruleId: 'daily-brief' } });
    expect((await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/digest/empty' })).statusCode).toBe(401);
    expect(await queues.digest.getWaitingCount()).toBe(3);
    const emptied = await server.inject({ method: 'PUT', url: '/admin/queues/api/queues/digest/empty', headers: { authorization: basic(ADMIN.user, ADMIN.password) } });
    expect(emptied.statusCode).toBe(200);
    expect((await queues.digest.getWaiting()).map((job) => job.data.ruleId)).toEqual(['daily-brief']);
    await queues.digest.removeJobScheduler('daily-brief');
    await server.close();
  });
});

describe('readiness and metrics', () => {
  it('is ready when Redis and the database answer', async () => {
    const server = await app();
    const ready = await server.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { redis: 'ok', database: 'ok' } });
    await server.close();
  });

  it('serves Prometheus metrics read from the queues and the store', async () => {
    const server = await app();
    // As the store worker pauses its queue while the database is down.
    await queues.store.rateLimit(60_000);
    // As an operator pauses a queue on the board.
    await queues.alert.pause();
    // A classifier running somewhere: the queue's one worker.
    const classifier = createStageWorker({ queue: 'classify', handle: async () => 'ok', connection: connection.duplicate(), prefix: redis.prefix, concurrency: 2, logger: createLogger({ level: 'silent' }) });
    await classifier.waitUntilReady();
    // As a Telegram channel is held after a flood limit's retry_after of 90 s.
    await redisMemory(connection, redis.prefix).holdUntil('comms-tg', Date.now() + 90_000);
    // An alerter started before the file gained the pickups rule.
    const unpublish = await publishLoadedRules(connection, redis.prefix, CONFIGURED_RULES.slice(0, 1));
    const response = await server.inject({ method: 'GET', url: '/metrics' });
    await unpublish();
    await queues.store.removeRateLimitKey();
    await queues.alert.resume();
    await classifier.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(/^marsad_queue_jobs\{queue="fetch",state="waiting"\} 3$/m);
    expect(response.body).toMatch(/^marsad_queue_paused_seconds\{queue="store"\} (5\d(\.\d+)?|60)$/m);
    expect(response.body).toMatch(/^marsad_queue_paused_seconds\{queue="classify"\} 0$/m);
    expect(response.body).toMatch(/^marsad_queue_paused_by_operator\{queue="alert"\} 1$/m);
    expect(response.body).toMatch(/^marsad_queue_workers\{queue="classify"\} 1$/m);
    // Redis's own figures, as INFO gives them.
    const [, maxmemory] = (await connection.config('GET', 'maxmemory')) as [string, string];
    expect(response.body).toMatch(new RegExp(`^marsad_redis_memory_max_bytes ${maxmemory}$`, 'm'));
    expect(Number(/^marsad_redis_memory_used_bytes (\d+)$/m.exec(response.body)?.[1])).toBeGreaterThan(100_000);
    expect(response.body).toMatch(/^marsad_queue_workers\{queue="alert"\} 0$/m);
    expect(response.body).toMatch(/^marsad_queue_paused_by_operator\{queue="store"\} 0$/m);
    expect(response.body).toMatch(/^marsad_items_stored\{source="hespress"\} 1$/m);
    expect(response.body).toMatch(/^marsad_items_revised\{source="le360"\} 1$/m);
    expect(response.body).toMatch(/^marsad_items_revised\{source="hespress"\} 0$/m);
    expect(response.body).toMatch(/^marsad_items_by_tag\{tag="dgsn"\} 1$/m);
    expect(response.body).toMatch(/^marsad_alert_channel_hold_seconds\{channel="comms-tg"\} (89|90)(\.\d+)?$/m);
    expect(response.body).toMatch(/^marsad_alert_channel_hold_seconds\{channel="comms-mail"\} 0$/m);
    expect(response.body).toMatch(/^marsad_source_consecutive_failures\{source="alyaoum24"\} 6$/m);
    expect(response.body).toMatch(/^marsad_source_poll_overdue_seconds\{source="barlamane"\} [1-9]\d{5,}$/m);
    expect(response.body).toMatch(/^marsad_source_poll_overdue_seconds\{source="hespress"\} 0$/m);
    // Le360's interval was edited since the fetchers started.
    expect(response.body).toMatch(/^marsad_source_schedule_stale\{source="le360"\} 1$/m);
    expect(response.body).toMatch(/^marsad_source_schedule_stale\{source="hespress"\} 0$/m);
    expect(response.body).toMatch(/^marsad_alert_rule_stale\{rule="dgsn"\} 0$/m);
    expect(response.body).toMatch(/^marsad_alert_rule_stale\{rule="pickups"\} 1$/m);
    // The time of a source's last poll that succeeded with problems; none for a source without one.
    expect(response.body).toMatch(new RegExp(`^marsad_source_last_warning_seconds\\{source="hespress"\\} ${Date.parse('2026-11-21T09:45:00Z') / 1000}$`, 'm'));
    expect(response.body).not.toMatch(/^marsad_source_last_warning_seconds\{source="le360"\}/m);
    expect(response.body).toMatch(/^marsad_redis_up 1$/m);
    expect(response.body).toMatch(/^marsad_database_up 1$/m);
    expect(response.body).toContain('marsad_process_resident_memory_bytes');
    // the failed job's duration, as its worker reported it on closing
    expect(response.body).toMatch(/^marsad_job_duration_seconds_bucket\{queue="fetch",outcome="failed",le="\+Inf"\} 1$/m);
    expect(response.body).toMatch(/^marsad_job_duration_seconds_count\{queue="fetch",outcome="failed"\} 1$/m);
    await server.close();
  });

  it('says what is down when the database does not answer', async () => {
    const closed = await openStore({ dataDir: 'memory://' });
    await closed.close();
    const server = await buildDashboardApp({ readiness: { database: () => closed.ping() } });
    const response = await server.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect((response.json() as { checks: { database: string } }).checks.database).toMatch(/^down: /);
    await server.close();
  });
});

describe("a source's failed jobs", () => {
  it('lists the failed fetch jobs of that source only, with their reasons', async () => {
    await queues.fetch.add('fetch', { sourceId: 'gone-away' }, { jobId: 'gone-1' });
    const worker = createStageWorker({ queue: 'fetch', handle: async (job) => { throw new Error(`HTTP 410 from ${job.sourceId}`); }, connection: connection.duplicate(), prefix: redis.prefix, concurrency: 1, logger: createLogger({ level: 'silent' }) });
    await new Promise<void>((resolve) => worker.on('failed', (job) => job?.id === 'gone-1' && resolve()));
    await worker.close();
    const failed = await failedFetchesOf(queues.fetch, 'gone-away');
    expect(failed).toEqual([expect.objectContaining({ jobId: 'gone-1', reason: 'HTTP 410 from gone-away', attempts: 1 })]);
    expect(Date.parse(failed[0]!.failedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await failedFetchesOf(queues.fetch, 'someone-else')).toEqual([]);
  });
});

