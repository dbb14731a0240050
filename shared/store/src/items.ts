import type { ClassifiedItem } from '@marsad/queues';
import { searchDocument, searchQuery, type NameSpellings } from '@marsad/text';
import { z } from 'zod';
import type { SqlExecutor } from './sql-client.js';

/** An item as stored, with the moment it was stored, and the last one a revision was stored over it (or null). */
export type StoredItem = ClassifiedItem & { storedAt: string; revisedAt: string | null };

/** A language as items hold it, for the filters people write: another (ar, Arabic) would list nothing, as if none were found. */
export const ItemLanguageSchema = z.string().regex(/^[a-z]{3}$/, 'an ISO 639-3 code, as items hold it: arb for Arabic, ary for Darija, fra for French');

/** ISO 8601 only: Date.parse would take 06/12/2026 for 12 June without a word. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An instant as people write one in a filter, in UTC ISO form: a day (its start, UTC), or a time with
 * its offset, or without one, in UTC, as listings print times (Date.parse would read that in the
 * machine's zone, so one filter meant another instant on another server). Undefined for anything else,
 * a day that does not exist (2026-02-30, which Date rolls over into March) included.
 */
export function parseInstant(text: string): string | undefined {
  const written = text.trim();
  const match = ISO_INSTANT.exec(written);
  if (!match) return undefined;
  const [, year, month, day, offset] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return undefined;
  const time = Date.parse(offset === undefined && /[T ]/i.test(written) ? `${written}Z` : written);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A filter's instant (parseInstant), to its UTC ISO form. */
export const InstantSchema = z.string().transform((text, ctx) => {
  const instant = parseInstant(text);
  if (instant === undefined) ctx.addIssue({ code: 'custom', message: 'an ISO 8601 day or time, e.g. 2026-11-01 or 2026-11-01T08:00:00Z (UTC unless it gives an offset)' });
  return instant ?? z.NEVER;
});

export const ItemFilterSchema = z.object({
  tag: z.string().min(1).optional(),
  /** Items published (or, without a date, fetched) at or after this instant. */
  since: InstantSchema.optional(),
  /** ... and before this one. */
  until: InstantSchema.optional(),
  /** Words to find, written like an alert rule's `query` (AND, OR, NOT, "phrases", NEAR/n). */
  search: z.string().trim().min(1).optional(),
  /** Copies of this reference article or item. */
  duplicatesOf: z.string().min(1).optional(),
  sourceId: z.string().min(1).optional(),
  /** Every item of one story: its original and its copies. */
  storyId: z.string().min(1).optional(),
  /** ISO 639-3 code, as `language` holds it (see ItemLanguageSchema). */
  language: z.string().min(2).max(8).optional(),
  /** @defaultValue 1000 */
  limit: z.number().int().positive().max(100_000).default(1_000),
  /** Items to pass over first, for pages. */
  offset: z.number().int().min(0).max(1_000_000).default(0),
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
  revised_at: Date | null;
}

const COLUMNS = [
  'id', 'source_id', 'url', 'title', 'body', 'published_at', 'fetched_at',
  'language', 'arabic', 'duplicate_of', 'similarity', 'story_id', 'tags', 'tag_evidence', 'search',
] as const;
/** Columns whose parameter needs a cast. */
const CASTS: Partial<Record<(typeof COLUMNS)[number], string>> = { search: '::tsvector' };

/** `INSERT ... ON CONFLICT DO NOTHING` for `rows` rows, returning the ids it inserted. */
function upsertSql(rows: number): string {
  const tuples = Array.from({ length: rows }, (_, r) => `(${COLUMNS.map((column, c) => `$${r * COLUMNS.length + c + 1}${CASTS[column] ?? ''}`).join(', ')})`);
  return `INSERT INTO items (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`;
}

function rowValues(item: ClassifiedItem): unknown[] {
  return [
    item.id, item.sourceId, item.url, item.title, item.text, item.publishedAt, item.fetchedAt,
    item.language, item.arabic, item.duplicateOf, item.similarity, item.storyId, item.tags, JSON.stringify(item.evidence),
    searchDocument(`${item.title}\n${item.text}`),
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
  await applySupersessions(db, unique.map((item) => item.id));
  return items.map((item) => ({ inserted: inserted.delete(item.id) }));
}

/**
 * Makes the given stored items copies of the articles that replaced them as their stories' originals
 * while they were not stored yet (supersedeItem). A statement of its own, after the rows are
 * committed: a replacement recorded after it began is applied by supersedeItem, which looks again
 * once it has recorded one — between the two, every order of the two store jobs is covered.
 */
async function applySupersessions(db: SqlExecutor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `WITH applied AS (
       DELETE FROM item_supersessions s WHERE s.copy_id = ANY($1::text[]) AND EXISTS (SELECT 1 FROM items WHERE id = s.copy_id)
       RETURNING copy_id, original_id, similarity
     )
     UPDATE items SET duplicate_of = applied.original_id, similarity = applied.similarity FROM applied
     WHERE items.id = applied.copy_id AND (items.duplicate_of IS NULL OR items.duplicate_of = applied.original_id)`,
    [ids],
  );
}

export async function upsertItem(db: SqlExecutor, item: ClassifiedItem): Promise<{ inserted: boolean }> {
  const [result] = await upsertItems(db, [item]);
  return result!;
}

/**
 * Makes a stored item a copy of another (the story's original, published earlier, came after it),
 * unless it is already a copy of something. When it is not stored yet ('pending': its store job is
 * behind this one's, or being retried), the replacement is recorded, and the row takes it when stored
 * (applySupersessions): the item is never left its story's original, however late its row comes.
 */
export async function supersedeItem(db: SqlExecutor, copyId: string, originalId: string, similarity: number): Promise<'done' | 'pending'> {
  // One statement, so that the update and the check see the same rows: as two, a row committed
  // between them was neither updated nor recorded as awaited.
  const [row] = await db.query<{ present: boolean }>(
    `WITH updated AS (
       UPDATE items SET duplicate_of = $2, similarity = $3 WHERE id = $1 AND (duplicate_of IS NULL OR duplicate_of = $2) RETURNING id
     ), present AS (
       SELECT EXISTS (SELECT 1 FROM updated) OR EXISTS (SELECT 1 FROM items WHERE id = $1) AS present
     ), awaited AS (
       INSERT INTO item_supersessions (copy_id, original_id, similarity) SELECT $1, $2, $3 WHERE NOT (SELECT present FROM present)
       ON CONFLICT (copy_id) DO NOTHING
     )
     SELECT present FROM present`,
    [copyId, originalId, similarity],
  );
  if (row?.present) return 'done';
  // The row may have been committed while the statement ran, after its store job applied what was recorded.
  await applySupersessions(db, [copyId]);
  return 'pending';
}

/**
 * The subset of `ids` already stored: lets the fetcher skip articles it has seen. With `dropped`, also
 * those the classifier dropped (pipeline.dropNonArabic), which are not items but were seen.
 */
export async function knownItemIds(db: SqlExecutor, ids: readonly string[], { dropped = false }: { dropped?: boolean } = {}): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const query = dropped
    ? 'SELECT id FROM items WHERE id = ANY($1::text[]) UNION SELECT id FROM dropped_items WHERE id = ANY($1::text[])'
    : 'SELECT id FROM items WHERE id = ANY($1::text[])';
  const rows = await db.query<{ id: string }>(query, [ids]);
  return new Set(rows.map((row) => row.id));
}

/** How long each of these stored items' text is, in characters (ids not stored are left out). */
export async function storedTextLengths(db: SqlExecutor, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; chars: number }>('SELECT id, char_length(body) AS chars FROM items WHERE id = ANY($1::text[])', [ids]);
  return new Map(rows.map((row) => [row.id, Number(row.chars)]));
}

/**
 * Stores a revision of an item (RawItem's revision: its source now gives a much longer text) over its
 * row: text, title and what the classifier read in them. Only a longer text replaces the one stored,
 * so a re-delivered revision, or one overtaken by a later, changes nothing. A revision that copies
 * another story takes the items of its own along (copies of its first text, filed under it): a story
 * is one original and what copies it. A revision whose row is not stored yet is stored as an item.
 */
export async function reviseItem(db: SqlExecutor, item: ClassifiedItem): Promise<{ inserted: boolean; revised: boolean }> {
  const rows = await db.query<{ id: string }>(
    `UPDATE items SET title = $2, body = $3, language = $4, arabic = $5, duplicate_of = $6, similarity = $7,
       story_id = $8, tags = $9, tag_evidence = $10, search = $11::tsvector, revised_at = now()
     WHERE id = $1 AND char_length(body) < char_length($3) RETURNING id`,
    [
      item.id, item.title, item.text, item.language, item.arabic, item.duplicateOf, item.similarity,
      item.storyId, item.tags, JSON.stringify(item.evidence), searchDocument(`${item.title}\n${item.text}`),
    ],
  );
  if (rows.length > 0) {
    if (item.storyId !== item.id) await db.query('UPDATE items SET story_id = $2 WHERE story_id = $1 AND id <> $1', [item.id, item.storyId]);
    return { inserted: false, revised: true };
  }
  return { ...(await upsertItem(db, item)), revised: false };
}

/** Remembers an item the classifier dropped, once (a re-delivered job changes nothing). */
export async function recordDroppedItem(db: SqlExecutor, { id, sourceId, language }: Pick<ClassifiedItem, 'id' | 'sourceId' | 'language'>): Promise<void> {
  await db.query('INSERT INTO dropped_items (id, source_id, language) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [id, sourceId, language]);
}

/** `names`: the names a search finds under their other spellings too (NameSpellings.bundled unless given). */
export async function listItems(db: SqlExecutor, filter: ItemFilter = {}, names?: NameSpellings): Promise<StoredItem[]> {
  return (await itemPage(db, filter, undefined, names)).items;
}

/** An ItemFilter for `eachItemPage`: pages instead of an offset, and no limit unless one is given. */
export type ItemPagesFilter = Omit<ItemFilter, 'limit' | 'offset'> & { limit?: number | undefined };

/**
 * Where a page of items ended: its last item's time (UTC, to the microsecond, as the database holds it)
 * and id. The next page starts after it, whatever was stored meanwhile.
 */
export const ItemCursorSchema = z.strictObject({
  at: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
    // A day that exists (not 2026-02-30, which Date rolls over and the database refuses).
    .refine((at) => new Date(Date.parse(at)).toISOString().slice(0, 19) === at.slice(0, 19)),
  id: z.string().min(1).max(2_000),
});
export type ItemCursor = z.infer<typeof ItemCursorSchema>;

export interface ItemPage {
  items: StoredItem[];
  /** Where the next page starts; null when this one was not full (it was the last). */
  next: ItemCursor | null;
}

/** One page of the items a filter selects (its `limit`, past its `offset`), starting after `after` when given. */
export async function itemPage(db: SqlExecutor, filter: ItemFilter = {}, after?: ItemCursor, names?: NameSpellings): Promise<ItemPage> {
  const f = ItemFilterSchema.parse(filter);
  const rows = await selectItems(db, f, after, names);
  const last = rows.at(-1);
  return { items: rows.map(toItem), next: last && rows.length === f.limit ? { at: last.sort_at, id: last.id } : null };
}

/**
 * Every item the filter selects (up to its `limit` when one is given), newest first, a page at a time:
 * a store of any size is listed without holding it in memory. Pages follow on from the last item of
 * the one before (not an offset), so items stored meanwhile neither repeat nor push others out.
 */
export async function* eachItemPage(db: SqlExecutor, filter: ItemPagesFilter = {}, pageSize = 1_000, names?: NameSpellings): AsyncGenerator<StoredItem[]> {
  let left = filter.limit ?? Number.POSITIVE_INFINITY;
  let after: ItemCursor | undefined;
  while (left > 0) {
    const page = await itemPage(db, { ...filter, limit: Math.min(pageSize, left), offset: 0 }, after, names);
    if (page.items.length > 0) yield page.items;
    if (!page.next) return;
    left -= page.items.length;
    after = page.next;
  }
}

async function selectItems(db: SqlExecutor, f: z.output<typeof ItemFilterSchema>, after?: ItemCursor, names?: NameSpellings): Promise<(ItemRow & { sort_at: string })[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (f.tag) add((p) => `${p} = ANY(tags)`, f.tag);
  if (f.since) add((p) => `${SORT_AT} >= ${p}::timestamptz`, f.since);
  if (f.until) add((p) => `${SORT_AT} < ${p}::timestamptz`, f.until);
  if (f.search) add((p) => `search @@ ${p}::tsquery`, searchQuery(f.search, names));
  if (f.duplicatesOf) add((p) => `duplicate_of = ${p}`, f.duplicatesOf);
  if (f.sourceId) add((p) => `source_id = ${p}`, f.sourceId);
  if (f.storyId) add((p) => `story_id = ${p}`, f.storyId);
  if (f.language) add((p) => `language = ${p}`, f.language);
  if (after) {
    params.push(after.at, after.id);
    const [at, id] = [`$${params.length - 1}::timestamptz`, `$${params.length}`];
    // The bound on the time alone lets the index start at the page's end; the rest skips its ties.
    where.push(`${SORT_AT} <= ${at} AND (${SORT_AT} < ${at} OR id > ${id})`);
  }
  params.push(f.limit, f.offset);
  const sql = `SELECT ${LISTED_COLUMNS}, to_char(${SORT_AT} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at FROM items ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${SORT_AT} DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`;
  return db.query<ItemRow & { sort_at: string }>(sql, params);
}

/** What items are listed by, newest first (the index items_newest). */
const SORT_AT = 'coalesce(published_at, fetched_at)';

/** Every column but the search document, which only the database reads. */
const LISTED_COLUMNS = [...COLUMNS.filter((c) => c !== 'search'), 'stored_at', 'revised_at'].join(', ');

const BACKFILL_BATCH = 500;

/** Writes the search document of rows stored before there was one (migration 004); returns how many. */
export async function backfillSearch(db: SqlExecutor): Promise<number> {
  let done = 0;
  for (;;) {
    const rows = await db.query<{ id: string; title: string; body: string }>('SELECT id, title, body FROM items WHERE search IS NULL LIMIT $1', [BACKFILL_BATCH]);
    if (rows.length === 0) return done;
    await db.query(
      'UPDATE items SET search = doc.search::tsvector FROM unnest($1::text[], $2::text[]) AS doc(id, search) WHERE items.id = doc.id',
      [rows.map((r) => r.id), rows.map((r) => searchDocument(`${r.title}\n${r.body}`))],
    );
    done += rows.length;
  }
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
    revisedAt: row.revised_at ? new Date(row.revised_at).toISOString() : null,
  };
}
