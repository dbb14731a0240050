import Fastify, { type FastifyInstance } from 'fastify';

export interface DashboardAppOptions {
  /** @defaultValue process start */
  startedAt?: Date;
}

/** The dashboard's HTTP app; routes are plain fastify handlers, testable with `app.inject`. */
export function buildDashboardApp(options: DashboardAppOptions = {}): FastifyInstance {
  const startedAt = options.startedAt ?? new Date();
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000) }));
  return app;
}
