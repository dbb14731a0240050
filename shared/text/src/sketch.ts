import type { Fingerprint } from './copy-index.js';
import { SHINGLE_SIZE, withoutRepeats } from './fingerprint.js';

/** Shingles an article is filed under in a shared index (its smallest hashes: a bottom-k MinHash sketch). */
export const POSTING_SHINGLES = 16;
/**
 * Shingles a lookup asks about (the new article's smallest). A filed article's POSTING_SHINGLES
 * smallest that the new one contains are among the new one's LOOKUP_SHINGLES smallest as long as it
 * is at most LOOKUP_SHINGLES / POSTING_SHINGLES (3) times longer.
 */
export const LOOKUP_SHINGLES = 48;
/** Word positions sampled to estimate how much of an article another one reproduces. */
export const COVERAGE_SAMPLES = 32;

/** What a shared index stores and compares: small, fixed-size parts of a fingerprint. */
export interface Sketch {
  /** The article's POSTING_SHINGLES smallest shingle hashes (a reference's: all of them). */
  postings: Uint32Array;
  /** Its LOOKUP_SHINGLES smallest, to find the articles filed under any of them. */
  lookup: Uint32Array;
  /** The top 16 bits of every distinct shingle: what "does this article contain that shingle" is asked against. */
  contains16: Uint16Array;
  /** For COVERAGE_SAMPLES word positions, the top 16 bits of the SHINGLE_SIZE shingles covering each. */
  samples16: Uint16Array;
  /** Words in the article. */
  words: number;
}

/**
 * `reference`: file the article under every shingle it has, not only its smallest. References are
 * few, and a copy's lookup then meets the reference through any shingle they share among its 48
 * smallest, even when a partial, reworded copy keeps none of the reference's own smallest.
 */
export function sketchOf(fingerprint: Fingerprint, { reference = false }: { reference?: boolean } = {}): Sketch {
  const { shingles, sequence } = fingerprint;
  const words = sequence.length === 0 ? 0 : sequence.length + SHINGLE_SIZE - 1;
  const samples16 = new Uint16Array(COVERAGE_SAMPLES * SHINGLE_SIZE);
  for (let k = 0; k < COVERAGE_SAMPLES && words > 0; k++) {
    const word = Math.min(words - 1, Math.floor(((k + 0.5) * words) / COVERAGE_SAMPLES));
    for (let j = 0; j < SHINGLE_SIZE; j++) {
      // The shingles starting at word-3 .. word cover it; at the edges, repeat the ones that exist.
      const start = Math.max(0, Math.min(sequence.length - 1, word - j));
      samples16[k * SHINGLE_SIZE + j] = sequence[start]! >>> 16;
    }
  }
  return {
    postings: reference ? shingles.slice() : shingles.slice(0, POSTING_SHINGLES),
    lookup: shingles.slice(0, LOOKUP_SHINGLES),
    // Sorted shingles have sorted top bits.
    contains16: withoutRepeats(Uint16Array.from(shingles, (shingle) => shingle >>> 16)),
    samples16,
    words,
  };
}
