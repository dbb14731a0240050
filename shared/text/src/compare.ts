import { bridgeGaps, distinctSorted, PAIRED_GAP, pairedWith, SHINGLE_SIZE, shingleSequence, sortedLookup } from './fingerprint.js';
import { tokenizeWithOffsets, wordEnd, type Tokens } from './tokens.js';

/** One side of a comparison: its text (HTML entities decoded), and the ranges of it the other side does not have. */
export interface ComparedText {
  text: string;
  /** [start, end) of each run of words the other text does not reproduce, a run cut at a line's end. */
  ranges: [number, number][];
  /** The text's words, and how many of them the ranges hold. */
  words: number;
  unmatched: number;
}

/**
 * What a copy made of its original, word by word as copies are measured (shared runs of SHINGLE_SIZE
 * normalised words, two words changed close together read as changed words, not a cut passage): the
 * original's words it left out or changed, and its own words (added or changed). A communications team
 * sees whether an outlet ran its communiqué as written, cut it, or rewrote part of it.
 */
export function compareTexts(original: string, copy: string): { original: ComparedText; copy: ComparedText } {
  const [a, b] = [tokenizeWithOffsets(original), tokenizeWithOffsets(copy)];
  return { original: unmatchedIn(a, reproducedWords(a.hashes, b.hashes)), copy: unmatchedIn(b, reproducedWords(b.hashes, a.hashes)) };
}

/** 1 for each word of A that B reproduces: inside a run of A's words B has too (for a short text, a word B has). */
function reproducedWords(hashesA: readonly number[], hashesB: readonly number[]): Uint8Array {
  const reproduced = new Uint8Array(hashesA.length);
  if (hashesA.length < SHINGLE_SIZE || hashesB.length < SHINGLE_SIZE) {
    const words = new Set(hashesB);
    hashesA.forEach((hash, i) => (reproduced[i] = words.has(hash) ? 1 : 0));
    return reproduced;
  }
  const shinglesB = sortedLookup(distinctSorted(shingleSequence(hashesB)));
  shingleSequence(hashesA).forEach((shingle, start) => shinglesB.has(shingle) && reproduced.fill(1, start, start + SHINGLE_SIZE));
  // As coverage reads a copy: between kept words, a short run's words B has beside each other are kept
  // too; so are an end's, where no run of four reaches ("… اوقفت شخصا في قضية احتيال": في قضية احتيال).
  const pairsA = shingleSequence(hashesA, 2);
  const pairsB = distinctSorted(shingleSequence(hashesB, 2));
  const paired = (w: number) => pairedWith(w, pairsA, pairsB);
  bridgeGaps(reproduced, paired);
  const first = reproduced.indexOf(1);
  if (first < 0) return reproduced;
  const last = reproduced.lastIndexOf(1);
  for (const w of [...range(Math.max(0, first - PAIRED_GAP), first), ...range(last + 1, Math.min(hashesA.length, last + 1 + PAIRED_GAP))]) if (paired(w)) reproduced[w] = 1;
  return reproduced;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

/** The runs of unreproduced words as ranges of the text, each cut where a line ends. */
function unmatchedIn({ text, offsets }: Tokens, reproduced: Uint8Array): ComparedText {
  const ranges: [number, number][] = [];
  let unmatched = 0;
  offsets.forEach((offset, i) => {
    if (reproduced[i]) return;
    unmatched++;
    const end = wordEnd(text, offset);
    const last = ranges.at(-1);
    if (last && reproduced[i - 1] === 0 && !text.slice(last[1], offset).includes('\n')) last[1] = end;
    else ranges.push([offset, end]);
  });
  return { text, ranges, words: offsets.length, unmatched };
}
