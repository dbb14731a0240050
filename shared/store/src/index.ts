export { openStore, type Store, type StoreOptions } from './store.js';
export { InstantSchema, ItemCursorSchema, ItemFilterSchema, ItemLanguageSchema, parseInstant, type ItemCursor, type ItemFilter, type ItemPage, type ItemPagesFilter, type StoredItem } from './items.js';
export { migrate, readMigrations, MIGRATIONS_DIR, type Migration } from './migrate.js';
export { StoreBusyError, StoreFolderError } from './pglite-client.js';
export { DatabaseUnavailableError, isDatabaseUnavailable } from './postgres-client.js';
export type { SqlClient, SqlExecutor } from './sql-client.js';
export { DeliverySchema, type Delivery, type DeliveryClaim } from './deliveries.js';
export type { ReferencePickups, StoreStats } from './stats.js';
