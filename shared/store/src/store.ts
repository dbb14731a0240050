import { join } from 'node:path';
import type { ClassifiedItem } from '@marsad/queues';
import type { NameSpellings } from '@marsad/text';
import { createBatcher, type BatcherOptions } from './batcher.js';
import { claimDelivery, listDeliveries, markDelivered, markDeliveryFailed, type Delivery, type DeliveryClaim } from './deliveries.js';
import { backfillSearch, countItems, eachItemPage, itemPage, itemText, knownItemIds, listItems, recordDroppedItem, reviseItem, storedTextLengths, supersedeItem, upsertItem, upsertItems, type ItemCursor, type ItemFilter, type ItemPage, type ItemPagesFilter, type StoredItem } from './items.js';
import { migrate } from './migrate.js';
import { referencePickups, storeStats, type ReferencePickups, type StoreStats } from './stats.js';
import { createPgliteClient } from './pglite-client.js';
import { connectionFailure, createPostgresClient, DatabaseUnavailableError, isDatabaseUnavailable } from './postgres-client.js';
import type { SqlClient } from './sql-client.js';

export interface StoreOptions {
  /** PostgreSQL URL; when absent the store is the embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded store, or `memory://` for a throwaway one. @defaultValue ./data */
  dataDir?: string;
  onError?: (err: Error) => void;
  /** How concurrent upserts are gathered into one statement. */
  batching?: BatcherOptions;
  /** The names a search finds under their other spellings too (the config's `search.names` and the bundled ones). @defaultValue NameSpellings.bundled */
  names?: NameSpellings;
}

/** Marsad's store: items in PostgreSQL or PGlite, same migrations and queries for both. */
export interface Store {
  readonly kind: SqlClient['kind'];
  readonly sql: SqlClient;
  upsertItem(item: ClassifiedItem): Promise<{ inserted: boolean }>;
  /** Makes a stored original a copy of the article that replaced it, now or when it is stored (see supersedeItem). */
  supersedeItem(copyId: string, originalId: string, similarity: number): Promise<'done' | 'pending'>;
  /** The ids it holds; with `dropped`, also those of items the classifier dropped (see recordDropped). */
  knownItemIds(ids: readonly string[], options?: { dropped?: boolean }): Promise<Set<string>>;
  /** How long each of these stored items' text is, in characters: the fetcher tells a revision by it (isRevision). */
  storedTextLengths(ids: readonly string[]): Promise<Map<string, number>>;
  /** Stores a revision over its item's row (see reviseItem). */
  reviseItem(item: ClassifiedItem): Promise<{ inserted: boolean; revised: boolean }>;
  /** Remembers an item the classifier dropped (pipeline.dropNonArabic), so the fetcher can skip it too. */
  recordDropped(item: Pick<ClassifiedItem, 'id' | 'sourceId' | 'language'>): Promise<void>;
  listItems(filter?: ItemFilter): Promise<StoredItem[]>;
  /** One page of what listItems gives, starting after `after` (a page's `next`) when given. */
  itemPage(filter?: ItemFilter, after?: ItemCursor): Promise<ItemPage>;
  /** Every item the filter selects, up to `limit` when given, a page at a time (see eachItemPage). */
  eachItemPage(filter?: ItemPagesFilter, pageSize?: number): AsyncGenerator<StoredItem[]>;
  countItems(): Promise<number>;
  /** Counts for metrics. */
  stats(): Promise<StoreStats>;
  /** Of these reference articles, those picked up, each with its copies, outlets and first and last pickup. */
  referencePickups(ids: readonly string[]): Promise<Map<string, ReferencePickups>>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /**
   * True for the error a store call throws when its database is down or out of reach now (a
   * DatabaseUnavailableError; never, embedded), not for any other error that happens to look alike.
   */
  isUnavailable(err: unknown): boolean;
  /** An item's article text ('' when there is no such item). */
  itemText(id: string): Promise<string>;
  /** Alert deliveries: one per (rule, story, channel); see deliveries.ts. */
  claimDelivery(claim: DeliveryClaim): Promise<'send' | 'sent' | 'busy'>;
  markDelivered(key: string): Promise<void>;
  markDeliveryFailed(key: string, reason: string, final: boolean): Promise<void>;
  listDeliveries(limit?: number): Promise<Delivery[]>;
  close(): Promise<void>;
}

/**
 * Opens the store and applies pending migrations (and the search documents a migration asked for), so
 * every process starts on the current schema.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const sql = options.databaseUrl
    ? createPostgresClient({ url: options.databaseUrl, ...(options.onError ? { onError: options.onError } : {}) })
    : await createPgliteClient(embeddedDir(options.dataDir ?? './data'));
  try {
    await migrate(sql);
    await backfillSearch(sql);
  } catch (err) {
    await sql.close().catch(() => {});
    throw options.databaseUrl ? connectionFailure(err, options.databaseUrl) : err;
  }
  const batchedUpsert = createBatcher((items: ClassifiedItem[]) => upsertBatch(sql, items), options.batching);
  const guard = sql.kind === 'postgres' ? saysUnavailable : <F extends (...args: never[]) => Promise<unknown>>(fn: F) => fn;
  return {
    kind: sql.kind,
    sql,
    upsertItem: guard((item: ClassifiedItem) => batchedUpsert(item)),
    supersedeItem: guard((copyId: string, originalId: string, similarity: number) => supersedeItem(sql, copyId, originalId, similarity)),
    knownItemIds: guard((ids: readonly string[], options?: { dropped?: boolean }) => knownItemIds(sql, ids, options)),
    storedTextLengths: guard((ids: readonly string[]) => storedTextLengths(sql, ids)),
    reviseItem: guard((item: ClassifiedItem) => reviseItem(sql, item)),
    recordDropped: guard((item: Pick<ClassifiedItem, 'id' | 'sourceId' | 'language'>) => recordDroppedItem(sql, item)),
    listItems: guard((filter?: ItemFilter) => listItems(sql, filter, options.names)),
    itemPage: (filter, after) => itemPage(sql, filter, after, options.names),
    eachItemPage: (filter, pageSize) => eachItemPage(sql, filter, pageSize, options.names),
    countItems: () => countItems(sql),
    stats: () => storeStats(sql),
    referencePickups: (ids) => referencePickups(sql, ids),
    ping: async () => void (await sql.query('SELECT 1')),
    isUnavailable: (err) => err instanceof DatabaseUnavailableError,
    itemText: guard((id: string) => itemText(sql, id)),
    claimDelivery: guard((claim: DeliveryClaim) => claimDelivery(sql, claim)),
    markDelivered: guard((key: string) => markDelivered(sql, key)),
    markDeliveryFailed: guard((key: string, reason: string, final: boolean) => markDeliveryFailed(sql, key, reason, final)),
    listDeliveries: (limit) => listDeliveries(sql, limit),
    async close() {
      await batchedUpsert.flush();
      await sql.close();
    },
  };
}

/**
 * The call, its error a DatabaseUnavailableError when it says PostgreSQL is down or out of reach, so
 * that the queues can tell a database to wait for from an item that went wrong (see isDependencyDown).
 */
function saysUnavailable<F extends (...args: never[]) => Promise<unknown>>(fn: F): F {
  return (async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (!isDatabaseUnavailable(err) || err instanceof DatabaseUnavailableError) throw err;
      throw new DatabaseUnavailableError(`PostgreSQL is unavailable: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }) as F;
}

/**
 * One statement for the batch; if it fails, each item alone, so that one item the database rejects
 * fails only its own job and not the jobs that happened to share its batch.
 */
async function upsertBatch(sql: SqlClient, items: ClassifiedItem[]): Promise<PromiseSettledResult<{ inserted: boolean }>[]> {
  try {
    return (await upsertItems(sql, items)).map((value) => ({ status: 'fulfilled', value }));
  } catch (err) {
    // A database that is down fails each item alike: no use asking it once per item.
    if (items.length === 1 || isDatabaseUnavailable(err)) return items.map(() => ({ status: 'rejected', reason: err }));
    const results: PromiseSettledResult<{ inserted: boolean }>[] = [];
    for (const item of items) results.push(await upsertItem(sql, item).then((value) => ({ status: 'fulfilled', value }), (reason: unknown) => ({ status: 'rejected', reason })));
    return results;
  }
}

function embeddedDir(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : join(dataDir, 'pglite');
}
