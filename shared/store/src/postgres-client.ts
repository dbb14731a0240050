import { once } from 'node:events';
import pg from 'pg';
import type { SqlClient, SqlExecutor } from './sql-client.js';

export interface PostgresClientOptions {
  url: string;
  /** @defaultValue 10 */
  maxConnections?: number;
  onError?: (err: Error) => void;
}

/** A pooled PostgreSQL connection through `pg`. */
export function createPostgresClient(options: PostgresClientOptions): SqlClient {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: 'marsad',
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it. pg-pool
  // hangs the client on the error: the whole connection's state, which a log line must not carry.
  pool.on('error', (err) => {
    delete (err as Error & { client?: unknown }).client;
    options.onError?.(err);
  });
  // A client leaves the pool (idle, or broken) before its socket closes: close() waits for every one.
  const ending = new Set<Promise<unknown>>();
  pool.on('remove', (client) => {
    const ended = once(client, 'end').catch(() => undefined);
    ending.add(ended);
    void ended.then(() => ending.delete(ended));
  });
  const executor = (runner: pg.Pool | pg.PoolClient): SqlExecutor => ({
    query: async <Row>(text: string, params?: unknown[]) => (await runner.query(text, params)).rows as Row[],
    exec: async (text: string) => {
      await runner.query(text);
    },
  });
  return {
    kind: 'postgres',
    ...executor(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      // pool.end() resolves before its clients' sockets have closed; wait for them, and for those an
      // idle timeout removed just before, so that nothing is left talking to the server (a database
      // dropped right after would otherwise kill a live session).
      await pool.end();
      await Promise.all(ending);
    },
  };
}
