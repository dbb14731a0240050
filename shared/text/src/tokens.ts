import { decodeHtmlEntities, normalizeWord } from './normalize.js';

/** A text as words folded for matching, each with where it starts in the (entity-decoded) text. */
export interface Tokens {
  /** The text after HTML entities were decoded: the one `offsets` point into. */
  text: string;
  words: string[];
  offsets: number[];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Splits on everything that is not a letter, digit or mark, then folds each word (see normalizeWord). */
export function tokenizeWithOffsets(input: string): Tokens {
  const text = decodeHtmlEntities(input);
  const words: string[] = [];
  const offsets: number[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normalizeWord(match[0]);
    if (!word) continue;
    // NFKC can split a ligature such as ﻻ into two words' worth of letters; they stay one word here.
    words.push(word.replace(/\s+/g, ''));
    offsets.push(match.index);
  }
  return { text, words, offsets };
}
