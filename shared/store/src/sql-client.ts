/** What the store needs from a database connection; PostgreSQL (pg) and PGlite both provide it. */
export interface SqlExecutor {
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface SqlClient extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` on one connection inside BEGIN/COMMIT, rolling back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
