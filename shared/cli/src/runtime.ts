import { adapterOptionChecks } from '@marsad/sources';
import { loadConfig, staleTimeZones, type Config, type ZoneUses } from '@marsad/config';
import { createLogger, type Logger } from '@marsad/logger';
import type { PipelineQueues, Redis } from '@marsad/queues';
import { openStore, type Store } from '@marsad/store';

/** Reads and validates the configuration once, with every adapter's option schema. */
export function readConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig({ file, env, adapters: adapterOptionChecks() });
}

export function loggerFor(config: Config, base: Record<string, unknown> = {}): Logger {
  return createLogger({ level: config.env.LOG_LEVEL, format: config.env.LOG_FORMAT, base });
}

/** Says, once at start-up, which configured zones this Node's time-zone data gets wrong (Node 20: Morocco's). */
export function warnOfStaleTimeZones(config: Config, logger: Logger, uses: ZoneUses): void {
  for (const stale of staleTimeZones(config, undefined, uses)) {
    logger.warn(stale, "this Node's time-zone data predates a change to a configured zone, whose local times will read wrong: run Node 22 or newer");
  }
}

/** Everything a service needs, opened once per process and passed down. */
export interface Runtime {
  config: Config;
  logger: Logger;
  connection: Redis;
  queues: PipelineQueues;
  store: Store;
  close(): Promise<void>;
}

/** Checks Redis first (the one clear message on a fresh machine), then opens the store and the queues. */
export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  // Loaded here rather than with this module: the commands that only read the store (marsad items,
  // pickups) start without BullMQ's and ioredis's modules.
  const { checkRedis, closeQueues, createRedis, openQueues } = await import('@marsad/queues');
  await checkRedis(config.env.REDIS_URL);
  // After the Redis check, whose failure is said in one line of its own.
  for (const ignored of config.ignoredVariables ?? []) logger.warn(ignored, 'environment variable not read by marsad: ignored');
  for (const warning of config.warnings ?? []) logger.warn({ warning }, 'configuration likely not meant');
  const store = await openStore({
    databaseUrl: config.env.DATABASE_URL,
    dataDir: config.env.MARSAD_DATA_DIR,
    names: config.search.spellings,
    onError: (err) => logger.error({ err }, 'database connection error'),
  });
  const connection = createRedis(config.env.REDIS_URL);
  connection.on('error', (err) => logger.error({ err: err.message }, 'redis connection error'));
  const queues = openQueues({ connection, prefix: config.env.MARSAD_QUEUE_PREFIX, pipeline: config.pipeline });
  logger.debug({ store: store.kind, prefix: config.env.MARSAD_QUEUE_PREFIX }, 'runtime open');
  return {
    config,
    logger,
    connection,
    queues,
    store,
    async close() {
      await closeQueues(queues);
      await connection.quit().catch(() => connection.disconnect());
      await store.close();
    },
  };
}
