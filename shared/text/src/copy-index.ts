import { bandKeys, coveredWords } from './fingerprint.js';
import { mix32 } from './hash.js';

/** A copy reproduces at least this share of the other article's shingles (DESIGN.md: "at least half"). */
export const COPY_THRESHOLD = 0.5;
/** Articles with fewer distinct shingles are too short to be copied in any meaningful sense. */
export const MIN_SHINGLES = 8;
/** A copy reproduces at least this many words: a shared footer or title alone never makes one. */
export const MIN_COPIED_WORDS = 20;
/** A shingle found in this many indexed articles is outlet boilerplate, not anybody's text. */
export const BOILERPLATE_ARTICLES = 3;

export interface Fingerprint {
  /** Distinct shingle hashes, sorted. */
  shingles: Uint32Array;
  /** Shingle hashes in text order, for coverage. */
  sequence: Uint32Array;
  signature: Uint16Array;
}

export interface IndexedArticle extends Fingerprint {
  id: string;
  /** Shared by all copies of one article: a reference's own id, an original item's own id. */
  storyId: string;
  reference: boolean;
}

export interface CopyMatch {
  /** The reference or earlier item this one copies. */
  id: string;
  storyId: string;
  reference: boolean;
  /** Share of that article's text this one reproduces (its words inside shared shingles). */
  containment: number;
  /** How many of its words this one reproduces. */
  words?: number;
}

export interface CopyVerdict {
  /** The article copied, or null for an original. */
  copyOf: CopyMatch | null;
  /** The highest containment among the candidates, copy or not. */
  similarity: number;
}

/**
 * The copy rule, shared by every index: among the candidates that reproduce at least COPY_THRESHOLD
 * of their text, the one reproduced most; a reference wins a tie.
 */
export function judgeCopy(candidates: readonly CopyMatch[]): CopyVerdict {
  let best: CopyMatch | null = null;
  let similarity = 0;
  for (const candidate of candidates) {
    similarity = Math.max(similarity, candidate.containment);
    if (candidate.containment < COPY_THRESHOLD || (candidate.words ?? MIN_COPIED_WORDS) < MIN_COPIED_WORDS) continue;
    const better =
      !best || candidate.containment > best.containment + 1e-9 || (Math.abs(candidate.containment - best.containment) <= 1e-9 && candidate.reference && !best.reference);
    if (better) best = candidate;
  }
  return { copyOf: best, similarity };
}

/**
 * An in-process index of reference articles and original items. Candidates come from LSH bands (the
 * cost of a lookup depends on how many articles share a band, not on how many there are); each is
 * confirmed by how much of its text the new article reproduces (see `coverage`).
 */
export class MemoryCopyIndex {
  private readonly articles = new Map<string, IndexedArticle>();
  private readonly buckets = new Map<number, string[]>();
  /** In how many indexed articles each shingle occurs, to recognise boilerplate. */
  private readonly articlesWith = new ShingleCounts();

  get size(): number {
    return this.articles.size;
  }

  /** Adds an article (again: a no-op), so re-loading the references is idempotent. */
  add(article: IndexedArticle): void {
    if (this.articles.has(article.id) || article.shingles.length < MIN_SHINGLES) return;
    this.articles.set(article.id, article);
    for (const shingle of article.shingles) this.articlesWith.add(shingle);
    for (const key of bandKeys(article.signature)) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(article.id);
      else this.buckets.set(key, [article.id]);
    }
  }

  /** The articles this fingerprint reproduces, with how much of each. */
  candidates(fingerprint: Fingerprint): CopyMatch[] {
    const ids = new Set<string>();
    for (const key of bandKeys(fingerprint.signature)) for (const id of this.buckets.get(key) ?? []) ids.add(id);
    const boilerplate = (shingle: number) => this.articlesWith.count(shingle) >= BOILERPLATE_ARTICLES;
    return [...ids].map((id) => {
      const article = this.articles.get(id)!;
      const { words, share } = coveredWords(article.sequence, fingerprint.shingles, undefined, boilerplate);
      return { id, storyId: article.storyId, reference: article.reference, containment: share, words };
    });
  }

  /** Judges the fingerprint against the index and, when it is an original, adds it under `id`. */
  checkAndInsert(id: string, fingerprint: Fingerprint): CopyVerdict & { storyId: string } {
    const verdict = judgeCopy(this.candidates(fingerprint));
    if (verdict.copyOf) return { ...verdict, storyId: verdict.copyOf.storyId };
    this.add({ id, storyId: id, reference: false, ...fingerprint });
    return { ...verdict, storyId: id };
  }
}

/**
 * Approximate counts per shingle in fixed memory (a count-min sketch: two tables of saturating
 * counters, the smaller of the two answers). It never under-counts; over-counting a shingle to
 * BOILERPLATE_ARTICLES takes collisions in both tables, which the table size makes rare.
 */
class ShingleCounts {
  private static readonly BITS = 22;
  private readonly first = new Uint8Array(1 << ShingleCounts.BITS);
  private readonly second = new Uint8Array(1 << ShingleCounts.BITS);

  add(shingle: number): void {
    const [a, b] = this.slots(shingle);
    if (this.first[a]! < 255) this.first[a]!++;
    if (this.second[b]! < 255) this.second[b]!++;
  }

  count(shingle: number): number {
    const [a, b] = this.slots(shingle);
    return Math.min(this.first[a]!, this.second[b]!);
  }

  private slots(shingle: number): [number, number] {
    const mask = (1 << ShingleCounts.BITS) - 1;
    return [shingle & mask, mix32(shingle ^ 0x5bd1e995) & mask];
  }
}
