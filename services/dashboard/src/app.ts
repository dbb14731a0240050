import { atomFeed, storiesOf, type AlertRule, type ListedItem } from '@marsad/service-alerter';
import Fastify, { type FastifyInstance } from 'fastify';

export interface DashboardAppOptions {
  /** @defaultValue process start */
  startedAt?: Date;
  /** The alert rules, each with an Atom feed of its stories. */
  rules?: readonly AlertRule[];
  /** The newest stored items (with their text). */
  recentItems?: (limit: number) => Promise<ListedItem[]>;
}

/** Items a feed looks through for its rule's stories. */
const FEED_WINDOW = 2_000;
const FEED_STORIES = 100;

/** The dashboard's HTTP app; routes are plain fastify handlers, testable with `app.inject`. */
export function buildDashboardApp(options: DashboardAppOptions = {}): FastifyInstance {
  const startedAt = options.startedAt ?? new Date();
  const rules = new Map((options.rules ?? []).map((rule) => [rule.id, rule]));
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000) }));
  app.get<{ Params: { file: string } }>('/feeds/:file', async (request, reply) => {
    const rule = rules.get(request.params.file.replace(/\.atom$/, ''));
    if (!request.params.file.endsWith('.atom') || !rule || !options.recentItems) {
      return reply.code(404).type('text/plain').send(`no feed here; feeds: ${[...rules.keys()].map((id) => `/feeds/${id}.atom`).join(', ') || 'none (no alert rules)'}`);
    }
    const stories = storiesOf(await options.recentItems(FEED_WINDOW), rule).slice(0, FEED_STORIES);
    const url = `${request.protocol}://${request.host}${request.url}`;
    return reply.type('application/atom+xml; charset=utf-8').send(atomFeed(rule, stories, url));
  });
  return app;
}
