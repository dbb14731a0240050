import type { ListedEntry } from '@marsad/sources';
import { PAGE_READ_POLLS } from './held-items.js';
import { entriesToReread, entryMark, readEntryMark } from './revisions.js';
import type { SourceHealthStore } from './source-health.js';

/**
 * Which stored pages one poll reads again (FetchContext.pagesToReread), and what it keeps of its
 * entries for the next poll. What it saw is kept only once the poll's items are on their way
 * (`marksToKeep`, written by the caller): a poll that fails after asking compares with the same
 * last poll when retried, and an entry whose page could not be read, or that waits its turn
 * (MAX_REREADS_PER_POLL), keeps what the last poll saw, so a later poll reads it.
 */
export function pageRereads(health: SourceHealthStore, sourceId: string, idOf: (url: string) => string | undefined) {
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
      const seen = [...byId.values()].map(({ chars, modifiedAt }) => ({ ...(chars !== undefined && { chars }), ...(modifiedAt !== undefined && { modifiedAt }) }));
      const { reread, deferred } = entriesToReread(marks.map(readEntryMark), seen);
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
