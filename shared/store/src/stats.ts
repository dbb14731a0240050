import type { SqlExecutor } from './sql-client.js';

/** What the store holds, counted for metrics. */
export interface StoreStats {
  itemsBySource: Record<string, number>;
  /** Of them, those stored again since, their source having completed their text (revisions). */
  revisedBySource: Record<string, number>;
  itemsByTag: Record<string, number>;
  itemsByLanguage: Record<string, number>;
  copies: number;
  deliveries: { channelId: string; status: string; count: number }[];
}

const toRecord = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));

export async function storeStats(sql: SqlExecutor): Promise<StoreStats> {
  const [bySource, byTag, byLanguage, copies, deliveries] = await Promise.all([
    sql.query<{ key: string; n: number; revised: number }>('SELECT source_id AS key, count(*)::int AS n, count(revised_at)::int AS revised FROM items GROUP BY source_id'),
    sql.query<{ key: string; n: number }>('SELECT tag AS key, count(*)::int AS n FROM items, unnest(tags) AS tag GROUP BY tag'),
    sql.query<{ key: string; n: number }>('SELECT language AS key, count(*)::int AS n FROM items GROUP BY language'),
    sql.query<{ n: number }>('SELECT count(*)::int AS n FROM items WHERE duplicate_of IS NOT NULL'),
    sql.query<{ channel_id: string; status: string; n: number }>('SELECT channel_id, status, count(*)::int AS n FROM alert_deliveries GROUP BY channel_id, status'),
  ]);
  return {
    itemsBySource: toRecord(bySource),
    revisedBySource: Object.fromEntries(bySource.map((r) => [r.key, r.revised])),
    itemsByTag: toRecord(byTag),
    itemsByLanguage: toRecord(byLanguage),
    copies: copies[0]?.n ?? 0,
    deliveries: deliveries.map((d) => ({ channelId: d.channel_id, status: d.status, count: d.n })),
  };
}

/** How one reference article was picked up: copies, outlets, and when the first and the last were published (or found). */
export interface ReferencePickups {
  pickups: number;
  outlets: number;
  first: string;
  last: string;
}

/** Of these reference articles, those with copies stored, each with how it was picked up. */
export async function referencePickups(sql: SqlExecutor, ids: readonly string[]): Promise<Map<string, ReferencePickups>> {
  const rows = await sql.query<{ id: string; pickups: number; outlets: number; first: Date; last: Date }>(
    `SELECT duplicate_of AS id, count(*)::int AS pickups, count(DISTINCT source_id)::int AS outlets,
            min(coalesce(published_at, fetched_at)) AS first, max(coalesce(published_at, fetched_at)) AS last
       FROM items WHERE duplicate_of = ANY($1::text[]) GROUP BY duplicate_of`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { pickups: r.pickups, outlets: r.outlets, first: new Date(r.first).toISOString(), last: new Date(r.last).toISOString() }]));
}
