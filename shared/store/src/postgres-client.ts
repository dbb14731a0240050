import { redactUrl } from '@marsad/config';
import pg from 'pg';
import type { SqlClient, SqlExecutor } from './sql-client.js';

export interface PostgresClientOptions {
  url: string;
  /** @defaultValue 10 */
  maxConnections?: number;
  onError?: (err: Error) => void;
}

/** Network failures: nothing answered at the address. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
/** SQLSTATEs of a server that answered and refused: authorization (class 28), no such database, starting up. */
const REFUSED = /^(28|3D000$|57P03$)/;
const EMBEDDED = 'to use the embedded store under ./data';

/** The PostgreSQL of DATABASE_URL cannot be used: what people meet with a wrong URL or a stopped server. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * The error people should read when connecting failed: nothing answering, or the server refusing
 * (no such role or database, wrong password), with the URL (password masked) and what to do; any
 * other error as it was.
 */
export function connectionFailure(err: unknown, url: string): unknown {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  const where = redactUrl(url);
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new DatabaseUnavailableError(`PostgreSQL is not answering at ${where} (${code}). Start it ("docker compose up -d postgres", or your distribution's postgresql service), or unset DATABASE_URL ${EMBEDDED}.`, { cause: err });
  }
  if (typeof code === 'string' && REFUSED.test(code)) {
    return new DatabaseUnavailableError(`PostgreSQL at ${where} refused the connection: ${String(message)}. Fix DATABASE_URL, or unset it ${EMBEDDED}.`, { cause: err });
  }
  if (err instanceof Error && /timeout/i.test(err.message) && /connect/i.test(err.message)) {
    return new DatabaseUnavailableError(`PostgreSQL at ${where} did not answer in time (${err.message}). Check DATABASE_URL, or unset it ${EMBEDDED}.`, { cause: err });
  }
  return err;
}

/**
 * SQLSTATEs of a server that cannot serve now: connection exceptions (class 08), shutting down or
 * starting (57P01-57P03), too many connections (53300).
 */
const DOWN_NOW = /^(08...|57P0[123]|53300)$/;
/** What `pg` says, without a code, of a connection lost or never made. */
const CONNECTION_LOST = /^(connection terminated|timeout exceeded when trying to connect|client was closed and is not queryable|client has encountered a connection error)/i;

/**
 * True when an error says that PostgreSQL is down, restarting or out of reach now, not that the
 * statement went wrong: what a queue should wait out rather than spend a job's attempts on.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE.has(code) || code === 'EPIPE' || DOWN_NOW.test(code))) return true;
  return typeof message === 'string' && CONNECTION_LOST.test(message);
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
  // Every connection until its socket has closed, so that close() can wait for them all: pool.end()
  // resolves as soon as it has asked its clients to end (pg-pool says 'remove' only once one has).
  const open = new Set<Promise<void>>();
  pool.on('connect', (client) => {
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    open.add(ended);
    void ended.then(() => open.delete(ended));
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
      // A checked-out client has no pool listener: the server ending its session mid-transaction would
      // otherwise be an unhandled 'error' event, which ends the process. The statement fails as well.
      const lost = (err: Error) => options.onError?.(err);
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.off('error', lost);
        client.release();
      }
    },
    async close() {
      // Nothing is left talking to the server when this returns, also a connection an idle timeout
      // removed just before: a database dropped right after would otherwise kill a live session.
      await pool.end();
      await Promise.all(open);
    },
  };
}
