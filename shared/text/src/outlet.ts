import { MIN_COPIED_WORDS, type Fingerprint } from './copy-index.js';
import { holdsAny, SHINGLE_SIZE, sortedLookup, type ShingleLookup } from './fingerprint.js';

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

/**
 * What an outlet repeats: its shingles (sorted), and a lookup. `established`: most of it ends
 * ESTABLISHED_ENDINGS of the remembered articles.
 */
export type OutletText = ShingleLookup & { values: Uint32Array; established: boolean };

/** An outlet's latest articles remembered; a text most of them, and this many at least, end with is its boilerplate. */
export const OUTLET_MEMORY = 8;
export const OUTLET_REPEATS = 2;
/**
 * Of each article, only its last shingles are remembered (memory: at most 2 KB an article, 16 KB an
 * outlet): a footer is shorter than this many words.
 */
const REMEMBERED_SHINGLES = 512;
/**
 * Two endings still agree past a word or two they spell differently (a date, a category, a counter):
 * the shingles covering those differ, at most this many in a row, and the rest is one footer again.
 */
const REALIGN_SHINGLES = 2 * SHINGLE_SIZE;
/**
 * An ending this many of an outlet's remembered articles share is its footer beyond doubt: an outlet
 * hardly runs one story in five versions among its last eight items, where a footer is on all of
 * them. A new article then needs fewer words besides it to be judged on them (MIN_FRESH_WORDS: a teaser's).
 */
export const ESTABLISHED_ENDINGS = 5;
/** An ending two articles share is a footer from this many shingles on (a closing formula is shorter). */
const MIN_ENDING_SHINGLES = SHINGLE_SIZE;

/**
 * What each outlet repeats from article to article (a long footer, a newsletter plug): the text that
 * most of its latest OUTLET_MEMORY articles, and OUTLET_REPEATS at least, end with (at its second
 * article, a long ending it shares with the first and nothing else: pairFooter). Without this, an
 * outlet's short items under one long footer each reproduce most of the first one's text, and every
 * one of them is taken for its copy. Only endings: text two of its articles share elsewhere is one
 * story's, as when the outlet runs versions of one article with paragraphs dropped, which stay copies
 * of it. It only sets apart text of earlier items (a reference is judged whole: an outlet running three
 * pickups of one communiqué still copies it), and of those that have MIN_WORDS_BESIDES_OUTLET_TEXT
 * words besides it (one that has not is that same text, run again or copied: it is judged whole; see
 * MemoryCopyIndex.candidates). In memory, per process (the pipeline's classifiers share what they learn
 * through Redis: SharedOutletText).
 */
export class OutletBoilerplate {
  private readonly recent = new Map<string, Uint32Array[]>();

  constructor(private readonly maxOutlets = 1_000) {}

  /**
   * The outlet's boilerplate as learnt before this article, which it then learns; undefined when the
   * article holds none of it. All of it, not only what this article holds: an earlier article is
   * judged by what it has besides (see MemoryCopyIndex.candidates). `known`: what was learnt of the
   * outlet elsewhere (another replica, this one before a restart), used until this learner has
   * OUTLET_REPEATS articles of its own; without it, the second article is read against the first alone.
   */
  observe(outlet: string | undefined, article: Pick<Fingerprint, 'shingles' | 'sequence'>, known?: OutletText): OutletText | undefined {
    if (!outlet) return undefined;
    const recent = this.recent.get(outlet) ?? [];
    const learnt = recent.length >= OUTLET_REPEATS ? sharedEndings(recent) : (known ?? (recent.length === 1 ? pairFooter(recent[0]!, article.sequence) : undefined));
    recent.push(article.sequence.slice(-REMEMBERED_SHINGLES));
    if (recent.length > OUTLET_MEMORY) recent.shift();
    // Most recently seen last: the outlet heard from longest ago is forgotten first.
    this.recent.delete(outlet);
    this.recent.set(outlet, recent);
    if (this.recent.size > this.maxOutlets) this.recent.delete(this.recent.keys().next().value!);
    return learnt && holdsAny(article.shingles, learnt) ? learnt : undefined;
  }

  /** How many of the outlet's articles it remembers. */
  remembered(outlet: string): number {
    return this.recent.get(outlet)?.length ?? 0;
  }

  /** The outlet's boilerplate as learnt so far, whatever the next article holds. */
  learnt(outlet: string): OutletText | undefined {
    const recent = this.recent.get(outlet);
    return recent && recent.length >= OUTLET_REPEATS ? sharedEndings(recent) : undefined;
  }
}

/**
 * The shingles that more than half of `endings` (each an article's last shingles, in text order), and
 * two at least, end with: a footer is on nearly every item of an outlet, where the ending two versions
 * of one story share is on those two only (and when every remembered article is a version of one
 * story, the ending all of them keep is hardly more than its last paragraph).
 */
function sharedEndings(endings: readonly Uint32Array[]): OutletText | undefined {
  // For each shingle in a shared ending, one bit per article (OUTLET_MEMORY <= 32) that ends with it.
  const holders = new Map<number, number>();
  for (let a = 0; a < endings.length; a++) {
    for (let b = a + 1; b < endings.length; b++) {
      for (const shingle of commonEnding(endings[a]!, endings[b]!)) holders.set(shingle, (holders.get(shingle) ?? 0) | (1 << a) | (1 << b));
    }
  }
  const needed = Math.max(OUTLET_REPEATS, Math.floor(endings.length / 2) + 1);
  const shared = [...holders].map(([shingle, articles]) => [shingle, bitCount(articles)] as const).filter(([, count]) => count >= needed);
  if (shared.length === 0) return undefined;
  const values = Uint32Array.from(shared, ([shingle]) => shingle).sort();
  const established = 2 * shared.filter(([, count]) => count >= ESTABLISHED_ENDINGS).length >= shared.length;
  return { ...sortedLookup(values), values, established };
}

/**
 * What an outlet's second article shares with its first when that is a long ending of both and nothing
 * else (each has text of its own before it): their footer, set apart before two articles can make it a
 * majority. Two versions of one story share more than their ending (a paragraph, the lead), and one
 * article that is only the other's ending is that text run again: neither is read as a footer.
 */
function pairFooter(first: Uint32Array, article: Uint32Array): OutletText | undefined {
  const second = article.slice(-REMEMBERED_SHINGLES);
  const ending = commonEnding(first, second);
  // Shorter, it cannot make a copy alone (MIN_COPIED_WORDS words; read when called: the two modules import each other).
  if (ending.length < MIN_COPIED_WORDS - SHINGLE_SIZE + 1) return undefined;
  const footer = new Set(ending);
  const firstOwn = new Set(first.filter((shingle) => !footer.has(shingle)));
  const secondOwn = second.filter((shingle) => !footer.has(shingle));
  if (firstOwn.size < SHINGLE_SIZE || secondOwn.length < SHINGLE_SIZE || secondOwn.some((shingle) => firstOwn.has(shingle))) return undefined;
  const values = Uint32Array.from(footer).sort();
  return { ...sortedLookup(values), values, established: false };
}

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** The shingles `a` and `b` both end with, read backwards past short disagreements. */
function commonEnding(a: Uint32Array, b: Uint32Array): number[] {
  const ending: number[] = [];
  let i = a.length - 1;
  let j = b.length - 1;
  while (i >= 0 && j >= 0) {
    if (a[i] === b[j]) {
      ending.push(a[i]!);
      i--;
      j--;
      continue;
    }
    let skip = 1;
    while (skip <= REALIGN_SHINGLES && i - skip >= 0 && j - skip >= 0 && a[i - skip] !== b[j - skip]) skip++;
    if (skip > REALIGN_SHINGLES || i - skip < 0 || j - skip < 0) break;
    i -= skip;
    j -= skip;
  }
  return ending.length >= MIN_ENDING_SHINGLES ? ending : [];
}
