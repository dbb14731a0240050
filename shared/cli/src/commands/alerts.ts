import { openStore } from '@marsad/store';
import { readConfig } from '../runtime.js';
import { positiveNumber } from '../usage-error.js';

/** `marsad alerts [--json]`: the delivery log, newest first: pending, sent, or failed with the reason. */
export async function alertsCommand(options: { config?: string; json?: boolean; limit?: string }): Promise<number> {
  const config = readConfig(options.config);
  const limit = options.limit === undefined ? 1_000 : positiveNumber('--limit', options.limit);
  const store = await openStore({ databaseUrl: config.env.DATABASE_URL, dataDir: config.env.MARSAD_DATA_DIR });
  try {
    const deliveries = await store.listDeliveries(limit);
    for (const d of deliveries) {
      process.stdout.write(
        options.json
          ? `${JSON.stringify(d)}\n`
          : `${d.createdAt.slice(0, 16).replace('T', ' ')}  ${d.status.padEnd(7)} rule ${d.ruleId} -> ${d.channelId}, story ${d.storyId} (item ${d.itemId}, ${d.attempts} attempt(s))${d.lastError ? `: ${d.lastError}` : ''}\n`,
      );
    }
    if (!options.json) process.stderr.write(`${deliveries.length} deliver${deliveries.length === 1 ? 'y' : 'ies'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
