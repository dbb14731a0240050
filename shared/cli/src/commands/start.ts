import { openRuntime, readConfig, loggerFor, warnOfStaleTimeZones, type Runtime } from '../runtime.js';
import type { QueueName } from '@marsad/queues';
import { checkQueueConsumers, parseServiceNames, SERVICES, type RunningService } from '../services.js';
import { RunRegistry } from '../run-registry.js';
import { closeWithin, shutdownSignal } from '../shutdown.js';

/** `marsad start [service...]`: the services, in one process, until SIGINT or SIGTERM. */
export async function startCommand(serviceNames: string[], options: { config?: string }): Promise<number> {
  const names = parseServiceNames(serviceNames);
  checkQueueConsumers();
  const config = readConfig(options.config);
  const logger = loggerFor(config);
  const signal = shutdownSignal(logger);
  const runtime = await openRuntime(config, logger);
  // A `run --once` killed outright left its queues behind: deleted here too, should no run follow.
  await new RunRegistry(runtime.connection, config.env.MARSAD_QUEUE_PREFIX).sweep(logger);
  const running: RunningService[] = [];
  const closeAll = async () => {
    for (const service of running.reverse()) await service.close();
    await runtime.close();
  };
  try {
    for (const name of names) running.push(await SERVICES[name].start(runtime));
  } catch (err) {
    // One that cannot start closes those started before it, as a run does.
    await closeAll();
    throw err;
  }
  logger.info({ services: names, sources: config.sources.length, config: config.file, store: runtime.store.kind }, 'marsad started');
  await warnOfPausedQueues(runtime, names.flatMap((name) => SERVICES[name].consumes));
  // Page times (dashboard), digest times (alerter) and the times sources write (fetcher) are local
  // times: say when they will read wrong.
  const uses = { pages: names.includes('dashboard') || names.includes('alerter'), sources: names.includes('fetcher') };
  warnOfStaleTimeZones(config, logger, uses);
  logger.info({ signal: await signal }, 'shutting down: finishing active jobs');
  await closeWithin(logger, config.env.MARSAD_SHUTDOWN_GRACE_MS, closeAll);
  logger.info('stopped');
  return 0;
}

/** A pause an operator left on a queue outlives restarts: said at start-up, or its jobs would wait unseen. */
async function warnOfPausedQueues({ queues, logger }: Runtime, consumed: readonly QueueName[]): Promise<void> {
  for (const queue of consumed) {
    if (await queues[queue].isPaused()) logger.warn({ queue, resume: `marsad jobs resume ${queue}` }, 'queue paused by an operator: its jobs wait until it is resumed');
  }
}
