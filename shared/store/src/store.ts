import { join } from 'node:path';
import type { ClassifiedItem } from '@marsad/queues';
import { countItems, knownItemIds, listItems, upsertItem, type ItemFilter, type StoredItem } from './items.js';
import { migrate } from './migrate.js';
import { createPgliteClient } from './pglite-client.js';
import { createPostgresClient } from './postgres-client.js';
import type { SqlClient } from './sql-client.js';

export interface StoreOptions {
  /** PostgreSQL URL; when absent the store is the embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded store, or `memory://` for a throwaway one. @defaultValue ./data */
  dataDir?: string;
  onError?: (err: Error) => void;
}

/** Marsad's store: items in PostgreSQL or PGlite, same migrations and queries for both. */
export interface Store {
  readonly kind: SqlClient['kind'];
  readonly sql: SqlClient;
  upsertItem(item: ClassifiedItem): Promise<{ inserted: boolean }>;
  knownItemIds(ids: readonly string[]): Promise<Set<string>>;
  listItems(filter?: ItemFilter): Promise<StoredItem[]>;
  countItems(): Promise<number>;
  close(): Promise<void>;
}

/** Opens the store and applies pending migrations, so every process starts on the current schema. */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const sql = options.databaseUrl
    ? createPostgresClient({ url: options.databaseUrl, ...(options.onError ? { onError: options.onError } : {}) })
    : await createPgliteClient(embeddedDir(options.dataDir ?? './data'));
  try {
    await migrate(sql);
  } catch (err) {
    await sql.close().catch(() => {});
    throw err;
  }
  return {
    kind: sql.kind,
    sql,
    upsertItem: (item) => upsertItem(sql, item),
    knownItemIds: (ids) => knownItemIds(sql, ids),
    listItems: (filter) => listItems(sql, filter),
    countItems: () => countItems(sql),
    close: () => sql.close(),
  };
}

function embeddedDir(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : join(dataDir, 'pglite');
}
