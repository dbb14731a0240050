import { variants } from './forms.js';
import { hashString } from './hash.js';
import { memoize } from './memo.js';
import { decodeHtmlEntities, isInvisibleInWord, normalizeWord } from './normalize.js';

/** A text as words folded for matching, each with where it starts in the (entity-decoded) text. */
export interface Tokens {
  /** The text after HTML entities were decoded: the one `offsets` point into. */
  text: string;
  words: string[];
  offsets: number[];
  /** Each word's forms without proclitics (see `variants`), which phrases and queries are matched against. */
  forms: (readonly string[])[];
  /** Each word's hash, which shingles are made of. */
  hashes: number[];
}

/** What matching needs of one written word. */
interface WordInfo {
  word: string;
  forms: readonly string[];
  hash: number;
}

/**
 * Worked out once per distinct spelling, as written: an article's words are mostly ones seen before,
 * and one lookup per word is most of what tokenizing costs.
 */
const wordInfo = memoize((written: string): WordInfo => {
  const word = folded(written);
  return { word, forms: word ? formsOf(written, word) : [], hash: hashString(word) };
});

/** NFKC can split a ligature such as ﻻ into two words' worth of letters; they stay one word here. */
const folded = (written: string) => normalizeWord(written).replace(/\s+/g, '');

/**
 * A word's forms (see `variants`), and, where a hamza sits on و or ي, those of the other seat too:
 * outlets' house styles differ (مسؤول، مسئول; شؤون، شئون), and a query or alias in one style should
 * find the other. The word itself, which copies are measured by, keeps the seat it was written with:
 * a copy only loses such words, and informal seat-less spellings (الجزاير) still equal the ي form.
 */
function formsOf(written: string, word: string): readonly string[] {
  const forms = variants(word);
  if (!/[\u0624\u0626]/.test(written)) return forms;
  const otherSeat = folded(written.replace(/[\u0624\u0626]/g, (seat) => (seat === '\u0624' ? '\u0626' : '\u0624')));
  return [...new Set([...forms, ...variants(otherSeat)])];
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Per character of the Arabic block, 1 for the punctuation and signs that separate words (a table: this is asked of every letter). */
const ARABIC_SEPARATORS = new Uint8Array(0x100);
for (const c of [0x060c, 0x061b, 0x061e, 0x061f, 0x066a, 0x066b, 0x066c, 0x066d, 0x06d4, 0x06dd, 0x06de, 0x06e9, 0x0609, 0x060a, 0x060d, 0x060e, 0x060f]) ARABIC_SEPARATORS[c - 0x0600] = 1;

/**
 * Letters, digits and marks (a word's characters), and the invisible characters web text carries
 * inside words (normalizeWord drops them), with fast answers for the scripts news uses.
 */
function isWordUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0x0600 && c <= 0x06ff) return ARABIC_SEPARATORS[c - 0x0600] === 0;
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0xd800 && c <= 0xdfff) return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(c <= 0xdbff ? i : i - 1)!));
  return WORD_CHAR.test(text[i]!) || isInvisibleInWord(text[i]!);
}

/**
 * Scripts written without spaces between words — Thai, Lao, Myanmar, Khmer, Han ideographs and
 * Japanese kana: each character stands as a word of its own, and a name is a phrase of them
 * (国际刑警组织, インターポール, อินเตอร์โพล).
 */
export function isUnspaced(c: number): boolean {
  // Every script news is written in but these comes before U+0E00: one comparison settles it for them.
  if (c < 0x0e00) return false;
  if (c <= 0x0eff) return true; // Thai and Lao
  if (c < 0x3040) return (c >= 0x1000 && c <= 0x109f) || (c >= 0x1780 && c <= 0x17ff); // Myanmar, Khmer
  return c <= 0x30ff || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f);
}

/** Splits on everything that is not a letter, digit or mark, then folds each word (see normalizeWord). */
export function tokenizeWithOffsets(input: string): Tokens {
  const text = input.includes('&') ? decodeHtmlEntities(input) : input;
  const tokens: Tokens = { text, words: [], offsets: [], forms: [], hashes: [] };
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const unspaced = i < text.length && isUnspaced(text.charCodeAt(i));
    const inWord = !unspaced && i < text.length && isWordUnit(text, i);
    if (inWord && start < 0) start = i;
    else if (!inWord && start >= 0) {
      addWord(tokens, start, i);
      start = -1;
    }
    if (unspaced) addWord(tokens, i, i + 1);
  }
  return tokens;
}

/** Where the word that starts at `start` of `text` ends (see tokenizeWithOffsets), for marking it in the text. */
export function wordEnd(text: string, start: number): number {
  if (isUnspaced(text.charCodeAt(start))) return start + 1;
  let end = start;
  while (end < text.length && !isUnspaced(text.charCodeAt(end)) && isWordUnit(text, end)) end++;
  return end;
}

/**
 * The words met last, one per slot by a hash of their characters: most words of an article are found
 * here without being cut out of the text (an allocation) and hashed again for the memo's lookup.
 */
const RECENT_SLOTS = 1 << 14;
const recentWritten: (string | undefined)[] = new Array<string | undefined>(RECENT_SLOTS);
const recentInfo: (WordInfo | undefined)[] = new Array<WordInfo | undefined>(RECENT_SLOTS);

/** What matching needs of the word text[from, to). */
function infoOf(text: string, from: number, to: number): WordInfo {
  const slot = hashString(text, from, to) & (RECENT_SLOTS - 1);
  const known = recentWritten[slot];
  if (known !== undefined && known.length === to - from && text.startsWith(known, from)) return recentInfo[slot]!;
  const written = text.slice(from, to);
  const info = wordInfo(written);
  recentWritten[slot] = written;
  recentInfo[slot] = info;
  return info;
}

function addWord(tokens: Tokens, from: number, to: number): void {
  const info = infoOf(tokens.text, from, to);
  if (!info.word) return;
  tokens.words.push(info.word);
  tokens.offsets.push(from);
  tokens.forms.push(info.forms);
  tokens.hashes.push(info.hash);
}

/** Normalised words, in order: the words tagging, copy detection, alert queries and search all read. */
export function tokenize(text: string): string[] {
  return tokenizeWithOffsets(text).words;
}

/** Letters, digits and single spaces only: the text's normalised words joined by spaces. */
export function normalizeForMatching(text: string): string {
  return tokenize(text).join(' ');
}
