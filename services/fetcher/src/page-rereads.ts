import type { ListedEntry } from '@marsad/sources';
import { PAGE_READ_POLLS } from './held-items.js';
import { teaserGrown, type StoredTextLengths } from './revisions.js';
import type { SourceHealthStore } from './source-health.js';

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
/**
 * A stored article shorter than this is a brief ("عاجل" and a line or two), which outlets complete at
 * its address within hours, often with the communiqué it announced, while their listing says nothing
 * of it: no text that grows (a listing page, a sitemap, a teaser of fixed length), no new date.
 */
export const BRIEF_MAX_CHARS = 600;
/** How long after it was first listed a brief's page is read again, once each (3 reads at most). */
export const BRIEF_CHECKS_AFTER_MS = [15 * 60_000, 60 * 60_000, 3 * 60 * 60_000] as const;

/** What polls saw of a listed entry, kept between them (see entryMark). */
export interface EntrySeen {
  /** The length of the listing's text of it (a feed's teaser). */
  chars?: number;
  /** Its modification date (a sitemap's lastmod, an Atom entry's updated). */
  modifiedAt?: string;
  /** When a poll first listed it (epoch ms), from which a brief's checks count. */
  firstListedAt?: number;
  /** Checks of a brief done (BRIEF_CHECKS_AFTER_MS); all of them once it is known to be no brief. */
  briefChecks?: number;
  /** Polls in a row that were to read its page again and could not (see PAGE_READ_POLLS). */
  unreadPolls?: number;
}

export const entryMark = (seen: EntrySeen): string => JSON.stringify(seen);

export function readEntryMark(mark: string | undefined): EntrySeen | undefined {
  if (mark === undefined) return undefined;
  try {
    return JSON.parse(mark) as EntrySeen;
  } catch {
    return undefined;
  }
}

/** How many of a brief's checks are due at this age (see BRIEF_CHECKS_AFTER_MS). */
export function briefChecksDue(ageMs: number): number {
  return BRIEF_CHECKS_AFTER_MS.filter((after) => ageMs >= after).length;
}

const modifiedSince = (before: EntrySeen, now: EntrySeen) => before.modifiedAt !== undefined && now.modifiedAt !== undefined && Date.parse(now.modifiedAt) > Date.parse(before.modifiedAt);

/**
 * Of a poll's entries (the same order as `before`, what the last poll saw of each: undefined when it
 * did not list it), the indexes of those whose page to read again although stored: their text has
 * grown (teaserGrown), their modification date has moved on, or they are among `briefsDue`; not those
 * `withoutPage` (ListedEntry.pageRead); newest modified first, up to MAX_REREADS_PER_POLL; `deferred`
 * are the others, left for the next polls.
 * Modification dates that all moved on (DATES_OF_GENERATION_AFTER) are not the entries' own: they
 * count for nothing.
 */
export function entriesToReread(
  before: readonly (EntrySeen | undefined)[],
  now: readonly EntrySeen[],
  { briefsDue = [], withoutPage = new Set() }: { briefsDue?: readonly number[]; withoutPage?: ReadonlySet<number> } = {},
): { reread: number[]; deferred: number[] } {
  const dated = now.flatMap((seen, i) => (before[i]?.modifiedAt !== undefined && seen.modifiedAt !== undefined ? [i] : []));
  const datesOfGeneration = dated.length >= DATES_OF_GENERATION_AFTER && dated.every((i) => modifiedSince(before[i]!, now[i]!));
  const due = new Set(briefsDue);
  const changed = now.flatMap((seen, i) => {
    const last = before[i];
    if (last === undefined || withoutPage.has(i)) return [];
    const grown = last.chars !== undefined && seen.chars !== undefined && teaserGrown(last.chars, seen.chars);
    return grown || (!datesOfGeneration && modifiedSince(last, seen)) || due.has(i) ? [i] : [];
  });
  const newestFirst = changed.sort((a, b) => (now[b]!.modifiedAt ?? '').localeCompare(now[a]!.modifiedAt ?? ''));
  return { reread: newestFirst.slice(0, MAX_REREADS_PER_POLL), deferred: newestFirst.slice(MAX_REREADS_PER_POLL) };
}

export interface PageRereadsOptions {
  /** The poll's time, from which a brief's age counts. */
  now: Date;
  storedTextLengths: StoredTextLengths;
}

/**
 * Which stored pages one poll reads again (FetchContext.pagesToReread), and what it keeps of its
 * entries for the next poll. What it saw is kept only once the poll's items are on their way
 * (`marksToKeep`, written by the caller): a poll that fails after asking compares with the same
 * last poll when retried, and an entry whose page could not be read, or that waits its turn
 * (MAX_REREADS_PER_POLL), keeps what the last poll saw, so a later poll reads it.
 */
export function pageRereads(health: SourceHealthStore, sourceId: string, idOf: (url: string) => string | undefined, { now, storedTextLengths }: PageRereadsOptions) {
  const keep = new Map<string, string>();
  const before = new Map<string, string | undefined>();
  let asked = 0;
  return {
    /** How many stored pages the poll was told to read again. */
    asked: () => asked,
    async ask(entries: readonly ListedEntry[]): Promise<string[]> {
      const byId = new Map<string, ListedEntry>();
      for (const entry of entries) {
        const id = idOf(entry.url);
        if (id !== undefined && !byId.has(id)) byId.set(id, entry);
      }
      const ids = [...byId.keys()];
      const marks = await health.entryMarks(sourceId, ids);
      const last = marks.map(readEntryMark);
      const seen = [...byId.values()].map(({ chars, modifiedAt }, i): EntrySeen => ({
        ...(chars !== undefined && { chars }),
        ...(modifiedAt !== undefined && { modifiedAt }),
        firstListedAt: last[i]?.firstListedAt ?? now.getTime(),
        ...(last[i]?.briefChecks && { briefChecks: last[i]!.briefChecks }),
      }));
      const withoutPage = new Set([...byId.values()].flatMap((entry, i) => (entry.pageRead === false ? [i] : [])));
      const briefs = await briefsDue(ids, last, seen, now, storedTextLengths, withoutPage);
      const { reread, deferred } = entriesToReread(last, seen, { briefsDue: briefs, withoutPage });
      ids.forEach((id, i) => {
        keep.set(id, entryMark(seen[i]!));
        before.set(id, marks[i]);
      });
      for (const i of deferred) keep.set(ids[i]!, marks[i]!);
      asked += reread.length;
      return reread.map((i) => byId.get(ids[i]!)!.url);
    },
    /**
     * What to keep of the entries asked about, given the item ids whose pages the poll could not read:
     * those keep the last poll's, to be read again, at PAGE_READ_POLLS polls in a row at most, as a new
     * item's page is asked (a page that answers 503 for good would be asked at every poll).
     */
    marksToKeep(unread: ReadonlySet<string>): Map<string, string> {
      for (const id of unread) {
        if (!keep.has(id)) continue;
        const last = readEntryMark(before.get(id));
        const unreadPolls = (last?.unreadPolls ?? 0) + 1;
        if (last === undefined) keep.delete(id);
        else if (unreadPolls < PAGE_READ_POLLS) keep.set(id, entryMark({ ...last, unreadPolls }));
      }
      return keep;
    },
  };
}

/**
 * The indexes of the entries listed before that are stored briefs with a check due (BRIEF_CHECKS_AFTER_MS),
 * their checks counted in `seen`; an entry found to be no brief has all its checks counted, so the
 * store is asked about it once. The store is asked only when an entry has a check due.
 */
async function briefsDue(
  ids: readonly string[],
  last: readonly (EntrySeen | undefined)[],
  seen: EntrySeen[],
  now: Date,
  storedTextLengths: StoredTextLengths,
  withoutPage: ReadonlySet<number>,
): Promise<number[]> {
  const due = (i: number) => briefChecksDue(now.getTime() - seen[i]!.firstListedAt!);
  const waiting = ids.flatMap((_, i) => (last[i] !== undefined && !withoutPage.has(i) && (seen[i]!.briefChecks ?? 0) < due(i) ? [i] : []));
  if (waiting.length === 0) return [];
  const chars = await storedTextLengths(waiting.map((i) => ids[i]!));
  return waiting.filter((i) => {
    const stored = chars.get(ids[i]!);
    const brief = stored !== undefined && stored < BRIEF_MAX_CHARS;
    // One not stored (dropped as not Arabic, its page still held) has this check skipped: asked about
    // at every poll, it would cost a query each.
    seen[i]!.briefChecks = brief || stored === undefined ? due(i) : BRIEF_CHECKS_AFTER_MS.length;
    return brief;
  });
}
