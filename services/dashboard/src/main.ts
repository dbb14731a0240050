import type { Config } from '@marsad/config';
import type { Logger } from '@marsad/logger';
import { compileRule } from '@marsad/service-alerter';
import type { Store } from '@marsad/store';
import { buildDashboardApp } from './app.js';

export interface DashboardDeps {
  config: Config;
  logger: Logger;
  store: Pick<Store, 'listItems'>;
}

/** The dashboard service: the web side (health and each alert rule's Atom feed; queues, metrics and the newsroom page later). */
export async function startDashboard(deps: DashboardDeps) {
  const log = deps.logger.child({ service: 'dashboard' });
  const app = buildDashboardApp({
    rules: deps.config.alerts.rules.map(compileRule),
    recentItems: (limit) => deps.store.listItems({ limit }),
  });
  const { MARSAD_HTTP_HOST: host, MARSAD_HTTP_PORT: port } = deps.config.env;
  const address = await app.listen({ host, port });
  log.info({ address }, 'dashboard listening');
  return { name: 'dashboard', address, close: () => app.close() };
}
