import { decodeHtmlEntities, normalizeWord } from './normalize.js';

/** A text as words folded for matching, each with where it starts in the (entity-decoded) text. */
export interface Tokens {
  /** The text after HTML entities were decoded: the one `offsets` point into. */
  text: string;
  words: string[];
  offsets: number[];
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Arabic-block punctuation and signs that separate words. */
const ARABIC_SEPARATORS = new Set([0x060c, 0x061b, 0x061e, 0x061f, 0x066a, 0x066b, 0x066c, 0x066d, 0x06d4, 0x06dd, 0x06de, 0x06e9, 0x0609, 0x060a, 0x060d, 0x060e, 0x060f]);

/** Letters, digits and marks (a word's characters), with fast answers for the scripts news uses. */
function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0x0600 && c <= 0x06ff) return !ARABIC_SEPARATORS.has(c);
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0xd800 && c <= 0xdfff) return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(c <= 0xdbff ? i : i - 1)!));
  return WORD_CHAR.test(text[i]!);
}

/** Splits on everything that is not a letter, digit or mark, then folds each word (see normalizeWord). */
export function tokenizeWithOffsets(input: string): Tokens {
  const text = input.includes('&') ? decodeHtmlEntities(input) : input;
  const words: string[] = [];
  const offsets: number[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && isWordUnit(text, i);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      // NFKC can split a ligature such as ﻻ into two words' worth of letters; they stay one word here.
      const word = normalizeWord(text.slice(start, i)).replace(/\s+/g, '');
      if (word) {
        words.push(word);
        offsets.push(start);
      }
      start = -1;
    }
  }
  return { text, words, offsets };
}
