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

/**
 * Stored pages read again in one poll at most, those modified last first; the others keep what the
 * last poll saw of them, so the next polls read them. A site that rewrites every entry's date at once
 * (a republished archive) costs a few pages a poll, not the whole listing's.
 */
export const MAX_REREADS_PER_POLL = 8;
/**
 * Entries listed at both polls, every one with a new modification date, from which the dates are taken
 * for the time the sitemap or feed was generated, not for edits: some CMSs write the same "now" on
 * every entry, and their pages would all be read at every poll.
 */
export const DATES_OF_GENERATION_AFTER = 3;

/** What a poll saw of a listed entry: its text's length (a feed's), its modification date (a sitemap's lastmod, an Atom entry's updated). */
export interface EntrySeen {
  chars?: number;
  modifiedAt?: string;
  /** Polls in a row that were to read its page again and could not (see PAGE_READ_POLLS). */
  unreadPolls?: number;
}

/** An entry as kept between polls: "<chars>|<modifiedAt>", either part empty, then "|<unreadPolls>" if any. */
export function entryMark(seen: EntrySeen): string {
  return `${seen.chars ?? ''}|${seen.modifiedAt ?? ''}${seen.unreadPolls ? `|${seen.unreadPolls}` : ''}`;
}

export function readEntryMark(mark: string | undefined): EntrySeen | undefined {
  if (mark === undefined) return undefined;
  const [chars = '', modifiedAt = '', unreadPolls = ''] = mark.split('|');
  return { ...(chars && { chars: Number(chars) }), ...(modifiedAt && { modifiedAt }), ...(unreadPolls && { unreadPolls: Number(unreadPolls) }) };
}

const modifiedSince = (before: EntrySeen, now: EntrySeen) => before.modifiedAt !== undefined && now.modifiedAt !== undefined && Date.parse(now.modifiedAt) > Date.parse(before.modifiedAt);

/**
 * Of a poll's entries (the same order as `before`, what the last poll saw of each: undefined when it
 * did not list it), the indexes of those whose page to read again although stored: their text has
 * grown (teaserGrown) or their modification date has moved on, newest modified first, up to
 * MAX_REREADS_PER_POLL; `deferred` are the others that changed, left for the next polls. Modification
 * dates that all moved on (DATES_OF_GENERATION_AFTER) are not the entries' own: they count for nothing.
 */
export function entriesToReread(before: readonly (EntrySeen | undefined)[], now: readonly EntrySeen[]): { reread: number[]; deferred: number[] } {
  const dated = now.flatMap((seen, i) => (before[i]?.modifiedAt !== undefined && seen.modifiedAt !== undefined ? [i] : []));
  const datesOfGeneration = dated.length >= DATES_OF_GENERATION_AFTER && dated.every((i) => modifiedSince(before[i]!, now[i]!));
  const changed = now.flatMap((seen, i) => {
    const last = before[i];
    if (last === undefined) return [];
    const grown = last.chars !== undefined && seen.chars !== undefined && teaserGrown(last.chars, seen.chars);
    return grown || (!datesOfGeneration && modifiedSince(last, seen)) ? [i] : [];
  });
  const newestFirst = changed.sort((a, b) => (now[b]!.modifiedAt ?? '').localeCompare(now[a]!.modifiedAt ?? ''));
  return { reread: newestFirst.slice(0, MAX_REREADS_PER_POLL), deferred: newestFirst.slice(MAX_REREADS_PER_POLL) };
}

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
  storedTextLengths: (ids: readonly string[]) => Promise<ReadonlyMap<string, number>>,
): Promise<RawItem[]> {
  const long = stored.filter((item) => item.text.length >= REVISION_MIN_ADDED_CHARS);
  if (long.length === 0) return [];
  const chars = await storedTextLengths(long.map((item) => item.id));
  return long
    .filter((item) => chars.has(item.id) && isRevision(chars.get(item.id)!, item.text.length))
    .map((item) => ({ ...item, revision: createHash('sha256').update(item.text).digest('hex').slice(0, 12) }));
}
