import type { Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { buildDashboardApp } from './app.js';

export interface DashboardDeps {
  config: Config;
  logger: Logger;
}

/** The dashboard service: the web side (health now; queues, metrics and the newsroom page later). */
export async function startDashboard(deps: DashboardDeps) {
  const log = deps.logger.child({ service: 'dashboard' });
  const app = buildDashboardApp();
  const { MARSAD_HTTP_HOST: host, MARSAD_HTTP_PORT: port } = deps.config.env;
  const address = await app.listen({ host, port });
  log.info({ address }, 'dashboard listening');
  return { name: 'dashboard', address, close: () => app.close() };
}
