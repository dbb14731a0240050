import { pollingInterval, type SourceConfig } from '@marsad/config';
import type { SourceHealthStore } from './source-health.js';

/**
 * Listings shorter than this are not compared with the last one: a feed of its one latest story
 * changes whole at every poll without missing anything.
 */
const MIN_LISTING_COMPARED = 3;

/** Whether a listing shares any item with the last one; undefined when that was too short to compare with. */
const overlaps = ({ listed, shared }: { listed: number; shared: number }) => (listed < MIN_LISTING_COMPARED ? undefined : shared > 0);

/** Whether these item ids share any with the source's last listing; undefined when it had none long enough to compare with. */
export async function sharesLastListing(health: SourceHealthStore, sourceId: string, ids: readonly string[]): Promise<boolean | undefined> {
  return overlaps(await health.lastListing(sourceId, ids));
}

/**
 * Compares a poll's listing with the source's last one, then keeps it in its place (unless `keep` is
 * false: a run's, kept once its items are through, see FetchSourceResult.pendingListing). A listing whose
 * every item is new since the last poll may not hold all that was published in between (a feed lists
 * its latest 10 to 50): the warning that says so, or undefined.
 */
export async function checkListing(
  health: SourceHealthStore,
  source: SourceConfig,
  ids: readonly string[],
  lastPollAt: string | null,
  { keep = true }: { keep?: boolean } = {},
): Promise<string | undefined> {
  const comparison = keep ? await health.replaceListing(source.id, ids) : await health.lastListing(source.id, ids);
  if (ids.length < MIN_LISTING_COMPARED || overlaps(comparison) !== false) return undefined;
  const since = lastPollAt ? ` (${lastPollAt.slice(0, 16).replace('T', ' ')} UTC)` : '';
  return `all ${ids.length} of its items are new since its last poll${since}: it may have published more in between than it lists, and those were missed; poll it more often than every ${duration(pollingInterval(source))}, or read a listing that holds more`;
}

/** An interval as people write it: `15 min`, `2 h`, `90 s`. */
export function duration(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}
