import { openStore, ItemFilterSchema } from '@marsad/store';
import { readConfig } from '../runtime.js';
import { UsageError } from '../usage-error.js';

export interface ItemsOptions {
  config?: string;
  tag?: string;
  since?: string;
  duplicatesOf?: string;
  source?: string;
  limit?: string;
  json?: boolean;
  text?: boolean;
}

/** `marsad items`: what the store holds, newest first; one JSON object per line with --json. */
export async function itemsCommand(options: ItemsOptions): Promise<number> {
  const config = readConfig(options.config);
  const filter = ItemFilterSchema.safeParse({
    tag: options.tag,
    since: options.since ? toIso(options.since) : undefined,
    duplicatesOf: options.duplicatesOf,
    sourceId: options.source,
    limit: options.limit ? Number(options.limit) : 100_000,
  });
  if (!filter.success) throw new UsageError(`invalid filter: ${filter.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const store = await openStore({ databaseUrl: config.env.DATABASE_URL, dataDir: config.env.MARSAD_DATA_DIR });
  try {
    const items = await store.listItems(filter.data);
    for (const { text, ...item } of items) {
      const row = options.text ? { ...item, text } : item;
      process.stdout.write(options.json ? `${JSON.stringify(row)}\n` : formatItem(row));
    }
    if (!options.json) process.stderr.write(`${items.length} item(s)\n`);
    return 0;
  } finally {
    await store.close();
  }
}

function toIso(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--since "${value}" is not a date (use ISO 8601, e.g. 2026-11-01T00:00:00Z)`);
  return new Date(time).toISOString();
}

function formatItem(item: { publishedAt: string | null; fetchedAt: string; sourceId: string; language: string; tags: string[]; duplicateOf: string | null; title: string; url: string }): string {
  const when = (item.publishedAt ?? item.fetchedAt).slice(0, 16).replace('T', ' ');
  const marks = [item.language, ...item.tags, ...(item.duplicateOf ? [`copy of ${item.duplicateOf}`] : [])].join(' ');
  return `${when}  ${item.sourceId.padEnd(16)} [${marks}] ${item.title}\n  ${item.url}\n`;
}
