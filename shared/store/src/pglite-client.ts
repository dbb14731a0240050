import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { emptyClusterTemplate, holdsNoCluster } from './pglite-template.js';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** The embedded store's folder is in use by another live process. */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
}

/** The embedded store's folder cannot be made or written (a file in its place, no permission). */
export class StoreFolderError extends Error {
  override name = 'StoreFolderError';
}

const LOCK_FILE = 'marsad.lock';
/**
 * PostgreSQL's buffer cache inside the embedded store, which lives in this process's memory: PGlite's
 * 128 MB default made `npm start` hold 400 MB at rest, 280 MB with this; its files are read through the
 * system's page cache anyway, and the pipeline bench stores as fast (504–581 against 510–528 items/s).
 */
const SHARED_BUFFERS = '16MB';

/**
 * The embedded PostgreSQL (PGlite) under `dataDir`, or in memory for `memory://`. PGlite is one
 * process's database: a lock file turns a second process opening it into a clear error instead of
 * a corrupted folder.
 */
export async function createPgliteClient(dataDir: string): Promise<SqlClient> {
  const inMemory = dataDir.startsWith('memory://');
  const lock = inMemory ? undefined : takeLock(dataDir);
  const db = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`], ...(holdsNoCluster(dataDir) ? { loadDataDir: await emptyClusterTemplate() } : {}) });
  const executor = (runner: PGlite | Transaction): SqlExecutor => ({
    query: async <Row>(text: string, params?: unknown[]) => (await runner.query<Row>(text, params)).rows,
    exec: async (text: string) => {
      await runner.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    async close() {
      await db.close();
      if (lock) rmSync(lock, { force: true });
    },
  };
}

function takeLock(dataDir: string): string {
  const lock = join(dataDir, LOCK_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw folderError(dataDir, err);
  }
  const holder = readHolder(lock);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new StoreBusyError(
      `the embedded store in ${dataDir} is open in another process (pid ${holder}); stop that process, ` +
        `or set DATABASE_URL to a PostgreSQL server that several processes can share`,
    );
  }
  try {
    writeFileSync(lock, String(process.pid));
  } catch (err) {
    throw folderError(dataDir, err);
  }
  return lock;
}

function folderError(dataDir: string, err: unknown): StoreFolderError {
  const { code, message } = err as NodeJS.ErrnoException;
  const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file stands in its path' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'this user may not write there' : message;
  return new StoreFolderError(
    `the embedded store's folder ${dataDir} cannot be used: ${why} (${code ?? 'error'}). Set MARSAD_DATA_DIR to a folder this user can write, ` +
      `or DATABASE_URL to a PostgreSQL server`,
    { cause: err },
  );
}

function readHolder(lock: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
