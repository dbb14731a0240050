import { atomFeed, ENGLISH, storiesOf, type AlertRule, type ListedItem, type Wording } from '@marsad/service-alerter';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { registerQueueBoard, type AdminCredentials } from './admin.js';
import { registerApi, type ApiSources } from './api.js';
import { registerWebPages, sourceNamer, type WebSources } from './web.js';

export interface DashboardAppOptions {
  /** @defaultValue process start */
  startedAt?: Date;
  /** The alert rules, each with an Atom feed of its stories. */
  rules?: readonly AlertRule[];
  /** The newest stored items (with their text). */
  recentItems?: (limit: number) => Promise<ListedItem[]>;
  /** Every Marsad queue, for the queue board. */
  queues?: readonly Queue[];
  admin?: AdminCredentials;
  /** What `/readyz` checks; each throws when its service does not answer. */
  readiness?: Record<string, () => Promise<void>>;
  metrics?: Registry;
  api?: ApiSources;
  /** The newsroom, story and source pages. */
  web?: WebSources;
  /** What the Atom feeds say around the items (alerts.language). @defaultValue English */
  words?: Wording;
}

/** Items a feed looks through for its rule's stories. */
const FEED_WINDOW = 2_000;
const FEED_STORIES = 100;

/** The dashboard's HTTP app; routes are plain fastify handlers, testable with `app.inject`. */
export async function buildDashboardApp(options: DashboardAppOptions = {}): Promise<FastifyInstance> {
  const startedAt = options.startedAt ?? new Date();
  const rules = new Map((options.rules ?? []).map((rule) => [rule.id, rule]));
  const sourceName = sourceNamer(options.web?.sourceNames ?? []);
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000) }));
  app.get('/readyz', async (_request, reply) => {
    const checks = await Promise.all(
      Object.entries(options.readiness ?? {}).map(async ([name, check]) => [name, await check().then(() => 'ok', (err: Error) => `down: ${err.message}`)] as const),
    );
    const ready = checks.every(([, state]) => state === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(checks) });
  });
  if (options.metrics) {
    const registry = options.metrics;
    app.get('/metrics', async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  }
  if (options.queues) await registerQueueBoard(app, options.queues, options.admin ?? {});
  if (options.api) registerApi(app, options.api);
  if (options.web) await registerWebPages(app, options.web);
  app.get<{ Params: { file: string } }>('/feeds/:file', async (request, reply) => {
    const rule = rules.get(request.params.file.replace(/\.atom$/, ''));
    if (!request.params.file.endsWith('.atom') || !rule || !options.recentItems) {
      return reply.code(404).type('text/plain').send(`no feed here; feeds: ${[...rules.keys()].map((id) => `/feeds/${id}.atom`).join(', ') || 'none (no alert rules)'}`);
    }
    const stories = storiesOf(await options.recentItems(FEED_WINDOW), rule).slice(0, FEED_STORIES);
    const url = `${request.protocol}://${request.host}${request.url}`;
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(rule, stories, url, { sourceName, words: options.words ?? ENGLISH }));
  });
  return app;
}
