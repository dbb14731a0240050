import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

/** The server tests may create databases on; CI's .ci/run makes sure one answers here. */
// pg does not fall back to the OS user when $USER is unset (as under CI), so the URL names it.
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;

export interface TestDatabase {
  /** URL of a fresh, empty database of this test's own. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * Creates a database for one test file (or one benchmark run) on the real PostgreSQL that `serverUrl`
 * names; `drop()` removes it.
 */
export async function createTestDatabase(serverUrl = TEST_DATABASE_URL): Promise<TestDatabase> {
  const name = `marsad_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
