import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresClient, isDatabaseUnavailable } from './postgres-client.js';

describe('PostgreSQL client', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('reports an idle connection the server ended, without the connection in the error, and carries on', async () => {
    const errors: Error[] = [];
    const client = createPostgresClient({ url: database.url, onError: (err) => errors.push(err) });
    try {
      const [backend] = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [backend!.pid]);
      await admin.end();
      await expect.poll(() => errors.length).toBe(1);
      expect(errors[0]!.message).toMatch(/terminat/);
      expect(errors[0]).not.toHaveProperty('client');
      // The pool opens another connection for the next query.
      expect(await client.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await client.close();
    }
  });

  it("tells a server that is down or went away from a statement that went wrong", async () => {
    const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err);
    // Nothing listens: refused.
    const nowhere = createPostgresClient({ url: 'postgres://nobody@127.0.0.1:1/none' });
    const refused = await failure(nowhere.query('SELECT 1'));
    await nowhere.close();
    // The server ends the session while a statement runs: 57P01, then the connection is gone.
    const lostErrors: Error[] = [];
    const client = createPostgresClient({ url: database.url, onError: (err) => lostErrors.push(err) });
    try {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      const running = failure(client.transaction((tx) => tx.query("SELECT pg_sleep(5)")));
      await expect.poll(async () => (await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(5)%' AND state = 'active'")).rows[0].n).toBe(1);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(5)%'");
      await admin.end();
      const terminated = await running;
      const badStatement = await failure(client.query('SELEC 1'));
      const noTable = await failure(client.query('SELECT * FROM no_such_table'));
      expect([refused, terminated].map(isDatabaseUnavailable)).toEqual([true, true]);
      expect([badStatement, noTable, new Error('duplicate key')].map(isDatabaseUnavailable)).toEqual([false, false, false]);
      // Its connection's end reached the client's owner, not the process as an unhandled 'error' event.
      expect(lostErrors.map((err) => err.message)).toEqual(['Connection terminated unexpectedly']);
    } finally {
      await client.close();
    }
  });

  it('has closed every connection when close() returns, so the database can be dropped at once', async () => {
    const other = await createTestDatabase();
    // Connected beforehand, to look at the server the moment close() returns.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const errors: Error[] = [];
      const client = createPostgresClient({ url: other.url, onError: (err) => errors.push(err) });
      await Promise.all([client.query('SELECT pg_sleep(0.05)'), client.query('SELECT pg_sleep(0.05)'), client.query('SELECT 1')]);
      await client.close();
      const sessions = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [other.name]);
      expect(sessions.rows[0]!.n).toBe(0);
      await other.drop();
      expect(errors).toEqual([]);
    } finally {
      await admin.end();
      await other.drop(); // again, if a failed expectation came first: dropping is idempotent
    }
  });
});
