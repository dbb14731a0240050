import { createHash } from 'node:crypto';
import type { RawItem } from '@marsad/queues';

/**
 * A stored item is read again when its source now gives a text at least this many times as long...
 * An outlet's "عاجل" of two lines completed into the article at the same address, where the copy of a
 * communiqué or the names a team watches for come in: stored as it was first seen, it kept neither.
 */
export const REVISION_GROWTH = 2;
/**
 * ...and at least this many characters longer: a counter, a relative time ("منذ 5 دقائق"), a corrected
 * word or a line added under "تحديث" changes neither its copies nor its tags.
 */
export const REVISION_MIN_ADDED_CHARS = 300;

/**
 * A feed entry whose text has grown this many times as long since the last poll, and by at least
 * TEASER_MIN_ADDED_CHARS, has its page read again (FetchContext.pagesToReread): a feed of teasers
 * gives a brief whole, then, once completed, its first 50 or so words. A counter or an edited
 * summary leaves the length as it was, and asks for no page.
 */
export const TEASER_GROWTH = 1.5;
export const TEASER_MIN_ADDED_CHARS = 100;

/** Whether a feed entry of `chars` characters, `before` at the last poll (undefined: not listed then), has grown (see TEASER_GROWTH). */
export function teaserGrown(before: number | undefined, chars: number): boolean {
  return before !== undefined && chars >= before * TEASER_GROWTH && chars - before >= TEASER_MIN_ADDED_CHARS;
}

/** How long each of these stored items' text is, in characters (ids the store does not hold are left out). */
export type StoredTextLengths = (ids: readonly string[]) => Promise<ReadonlyMap<string, number>>;

/** Whether a text of `listedChars` characters revises a stored one of `storedChars` (see REVISION_GROWTH). */
export function isRevision(storedChars: number, listedChars: number): boolean {
  return listedChars >= storedChars * REVISION_GROWTH && listedChars - storedChars >= REVISION_MIN_ADDED_CHARS;
}

/**
 * Of the listed items the store holds, those whose text now revises the stored one, marked with their
 * revision (a digest of the new text: one job however often it is listed). Only the listing's own
 * text counts: an article page is read for new items alone, so a stored page's text is never
 * compared with a feed's summary of it, which is shorter and revises nothing.
 */
export async function revisionsOf(
  stored: readonly RawItem[],
  storedTextLengths: StoredTextLengths,
): Promise<RawItem[]> {
  const long = stored.filter((item) => item.text.length >= REVISION_MIN_ADDED_CHARS);
  if (long.length === 0) return [];
  const chars = await storedTextLengths(long.map((item) => item.id));
  return long
    .filter((item) => chars.has(item.id) && isRevision(chars.get(item.id)!, item.text.length))
    .map((item) => ({ ...item, revision: createHash('sha256').update(item.text).digest('hex').slice(0, 12) }));
}
