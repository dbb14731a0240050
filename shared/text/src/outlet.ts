import { sortedLookup, type ShingleLookup } from './fingerprint.js';

/**
 * The site an article was published on, from its address: the host (and port, when not the default)
 * without `www.`, `m.`, `mobile.` or `amp.` (one outlet's desktop and mobile pages are one outlet).
 * Undefined without a readable URL.
 */
export function outletOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host.toLowerCase().replace(/^(www|m|mobile|amp)\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** What an outlet repeats: its shingles (sorted), and a lookup. */
export type OutletText = ShingleLookup & { values: Uint32Array };

/** An outlet's latest articles remembered, and in how many of them a shingle makes it boilerplate. */
export const OUTLET_MEMORY = 8;
export const OUTLET_REPEATS = 2;
/**
 * Of a long article, only its smallest shingles are remembered (memory: at most 8 KB an article,
 * 64 KB an outlet): those are the ones lookups and postings use, so a footer shared through them
 * is still left out where it would make a candidate.
 */
const REMEMBERED_SHINGLES = 2_048;

/**
 * What each outlet repeats from article to article (a long footer, a standing intro, a newsletter
 * plug), learnt from its latest OUTLET_MEMORY articles: a shingle in OUTLET_REPEATS of them is that
 * outlet's boilerplate. Without this, an outlet's short items under one long footer each reproduce
 * most of the first one's text, and every one of them is taken for its copy. It only sets apart text
 * of earlier items (a reference is judged whole: an outlet running three pickups of one communiqué
 * still copies it), and of those that have MIN_COPIED_WORDS words besides it (one that has not is that
 * same text, run again or copied: it is judged whole; see MemoryCopyIndex.candidates).
 * In memory, per process: each classifier replica learns from the items it handles.
 */
export class OutletBoilerplate {
  private readonly recent = new Map<string, Uint32Array[]>();

  constructor(private readonly maxOutlets = 1_000) {}

  /**
   * The outlet's boilerplate as learnt before this article (`shingles`: sorted, distinct), which it
   * then learns; undefined when the article holds none of it. All of it, not only what this article
   * holds: an earlier article is judged by what it has besides (see MemoryCopyIndex.candidates).
   */
  observe(outlet: string | undefined, shingles: Uint32Array): OutletText | undefined {
    if (!outlet) return undefined;
    const recent = this.recent.get(outlet) ?? [];
    const seen = new Uint8Array(shingles.length);
    for (const earlier of recent) countShared(shingles, earlier, seen);
    const holdsSome = seen.some((count) => count >= OUTLET_REPEATS);
    const learnt = holdsSome ? this.repeatedIn(recent) : undefined;
    recent.push(shingles.length > REMEMBERED_SHINGLES ? shingles.slice(0, REMEMBERED_SHINGLES) : shingles);
    if (recent.length > OUTLET_MEMORY) recent.shift();
    // Most recently seen last: the outlet heard from longest ago is forgotten first.
    this.recent.delete(outlet);
    this.recent.set(outlet, recent);
    if (this.recent.size > this.maxOutlets) this.recent.delete(this.recent.keys().next().value!);
    return learnt;
  }

  /** The shingles in OUTLET_REPEATS or more of `articles`. */
  private repeatedIn(articles: readonly Uint32Array[]): OutletText {
    const all = new Uint32Array(articles.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const article of articles) {
      all.set(article, at);
      at += article.length;
    }
    all.sort();
    const repeated: number[] = [];
    for (let i = 0; i < all.length; ) {
      let j = i + 1;
      while (j < all.length && all[j] === all[i]) j++;
      if (j - i >= OUTLET_REPEATS) repeated.push(all[i]!);
      i = j;
    }
    const values = Uint32Array.from(repeated);
    return { ...sortedLookup(values), values };
  }
}

/** Adds 1 to `seen[i]` for each shingle of `sorted` that `other` (sorted) also holds. */
function countShared(sorted: Uint32Array, other: Uint32Array, seen: Uint8Array): void {
  for (let i = 0, j = 0; i < sorted.length && j < other.length; ) {
    if (sorted[i]! < other[j]!) i++;
    else if (sorted[i]! > other[j]!) j++;
    else {
      seen[i]!++;
      i++;
      j++;
    }
  }
}
