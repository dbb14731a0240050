import { startAlerter } from '@marsad/service-alerter';
import { startClassifier } from '@marsad/service-classifier';
import { startDashboard } from '@marsad/service-dashboard';
import { startFetcher } from '@marsad/service-fetcher';
import { startStoreService } from '@marsad/service-store';
import { QUEUE_NAMES, type QueueName } from '@marsad/queues';
import type { Runtime } from './runtime.js';
import { SERVICE_NAMES, type ServiceName } from './service-names.js';
import { UsageError } from './usage-error.js';

export interface RunningService {
  name: string;
  close(): Promise<void>;
}

interface ServiceDef {
  /** The queues whose jobs this service handles. */
  consumes: readonly QueueName[];
  start(runtime: Runtime): Promise<RunningService>;
}

/** Every service `marsad start` knows (consumers of later stages first is not needed: jobs wait). */
export const SERVICES = {
  fetcher: { consumes: ['fetch'], start: (rt) => startFetcher(rt) },
  classifier: { consumes: ['classify'], start: (rt) => startClassifier(rt) },
  store: { consumes: ['store'], start: (rt) => startStoreService(rt) },
  alerter: { consumes: ['alert', 'digest'], start: (rt) => startAlerter(rt) },
  dashboard: { consumes: [], start: (rt) => startDashboard(rt) },
} as const satisfies Record<ServiceName, ServiceDef>;

/** Every queue must have exactly one consuming service, or its jobs would wait forever (or twice). */
export function checkQueueConsumers(services: Record<string, { consumes: readonly QueueName[] }> = SERVICES): void {
  for (const queue of QUEUE_NAMES) {
    const consumers = Object.entries(services).filter(([, def]) => def.consumes.includes(queue)).map(([name]) => name);
    if (consumers.length !== 1) {
      throw new Error(
        `queue "${queue}" is consumed by ${consumers.length} services (${consumers.join(', ') || 'none'}): ` +
          `give it exactly one in SERVICES, shared/cli/src/services.ts`,
      );
    }
  }
}

export function parseServiceNames(names: string[]): ServiceName[] {
  if (names.length === 0) return [...SERVICE_NAMES];
  const unknown = names.filter((name) => !(name in SERVICES));
  if (unknown.length > 0) throw new UsageError(`unknown service(s) ${unknown.join(', ')}; choose from ${SERVICE_NAMES.join(', ')}`);
  return names as ServiceName[];
}
