import type { ClassifiedItem } from '@marsad/queues';
import { z } from 'zod';
import type { SqlExecutor } from './sql-client.js';

/** An item as stored, with the moment it was stored. */
export type StoredItem = ClassifiedItem & { storedAt: string };

export const ItemFilterSchema = z.object({
  tag: z.string().min(1).optional(),
  /** Items published (or, without a date, fetched) at or after this instant. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** Copies of this reference article or item. */
  duplicatesOf: z.string().min(1).optional(),
  sourceId: z.string().min(1).optional(),
  /** Every item of one story: its original and its copies. */
  storyId: z.string().min(1).optional(),
  /** ISO 639-3 code, as `language` holds it. */
  language: z.string().min(2).max(8).optional(),
  /** @defaultValue 1000 */
  limit: z.number().int().positive().max(100_000).default(1_000),
});
export type ItemFilter = z.input<typeof ItemFilterSchema>;

interface ItemRow {
  id: string;
  source_id: string;
  url: string;
  title: string;
  body: string;
  published_at: Date | null;
  fetched_at: Date;
  language: string;
  arabic: boolean;
  duplicate_of: string | null;
  similarity: number | null;
  story_id: string;
  tags: string[];
  tag_evidence: ClassifiedItem['evidence'] | string;
  stored_at: Date;
}

const COLUMNS = [
  'id', 'source_id', 'url', 'title', 'body', 'published_at', 'fetched_at',
  'language', 'arabic', 'duplicate_of', 'similarity', 'story_id', 'tags', 'tag_evidence',
] as const;

/** `INSERT ... ON CONFLICT DO NOTHING` for `rows` rows, returning the ids it inserted. */
function upsertSql(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`);
  return `INSERT INTO items (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`;
}

function rowValues(item: ClassifiedItem): unknown[] {
  return [
    item.id, item.sourceId, item.url, item.title, item.text, item.publishedAt, item.fetchedAt,
    item.language, item.arabic, item.duplicateOf, item.similarity, item.storyId, item.tags, JSON.stringify(item.evidence),
  ];
}

/**
 * Inserts each item unless a row with its id exists, in one statement. A re-delivered job or a
 * re-fetched article therefore never makes a second row; `inserted` tells each caller whether its
 * call was the first (of two calls for one id in the same batch, only the first is).
 */
export async function upsertItems(db: SqlExecutor, items: readonly ClassifiedItem[]): Promise<{ inserted: boolean }[]> {
  if (items.length === 0) return [];
  const unique = [...new Map(items.map((item) => [item.id, item])).values()];
  const rows = await db.query<{ id: string }>(upsertSql(unique.length), unique.flatMap(rowValues));
  const inserted = new Set(rows.map((row) => row.id));
  return items.map((item) => ({ inserted: inserted.delete(item.id) }));
}

export async function upsertItem(db: SqlExecutor, item: ClassifiedItem): Promise<{ inserted: boolean }> {
  const [result] = await upsertItems(db, [item]);
  return result!;
}

/** The subset of `ids` already stored: lets the fetcher skip articles it has seen. */
export async function knownItemIds(db: SqlExecutor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>('SELECT id FROM items WHERE id = ANY($1::text[])', [ids]);
  return new Set(rows.map((row) => row.id));
}

export async function listItems(db: SqlExecutor, filter: ItemFilter = {}): Promise<StoredItem[]> {
  const f = ItemFilterSchema.parse(filter);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (f.tag) add((p) => `${p} = ANY(tags)`, f.tag);
  if (f.since) add((p) => `coalesce(published_at, fetched_at) >= ${p}::timestamptz`, f.since);
  if (f.duplicatesOf) add((p) => `duplicate_of = ${p}`, f.duplicatesOf);
  if (f.sourceId) add((p) => `source_id = ${p}`, f.sourceId);
  if (f.storyId) add((p) => `story_id = ${p}`, f.storyId);
  if (f.language) add((p) => `language = ${p}`, f.language);
  params.push(f.limit);
  const sql = `SELECT * FROM items ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY coalesce(published_at, fetched_at) DESC, id LIMIT $${params.length}`;
  return (await db.query<ItemRow>(sql, params)).map(toItem);
}

/** An item's article text ('' when there is no such item). */
export async function itemText(db: SqlExecutor, id: string): Promise<string> {
  return (await db.query<{ body: string }>('SELECT body FROM items WHERE id = $1', [id]))[0]?.body ?? '';
}

export async function countItems(db: SqlExecutor): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
  return row?.n ?? 0;
}

function toItem(row: ItemRow): StoredItem {
  return {
    id: row.id,
    sourceId: row.source_id,
    url: row.url,
    title: row.title,
    text: row.body,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    fetchedAt: new Date(row.fetched_at).toISOString(),
    language: row.language,
    arabic: row.arabic,
    duplicateOf: row.duplicate_of,
    similarity: row.similarity,
    storyId: row.story_id,
    tags: row.tags,
    evidence: typeof row.tag_evidence === 'string' ? (JSON.parse(row.tag_evidence) as ClassifiedItem['evidence']) : row.tag_evidence,
    storedAt: new Date(row.stored_at).toISOString(),
  };
}
