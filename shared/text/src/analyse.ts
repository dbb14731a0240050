import { MAX_FACTS, type Fingerprint } from './copy-index.js';
import { distinctSorted, factSlots, minhash, shingleSequence } from './fingerprint.js';
import { formulaWords } from './formulas.js';
import { detectLanguage, type LanguageResult } from './language.js';
import { normalizeWord } from './normalize.js';
import type { PlaceNamed, Tagger, TagResult } from './tagger.js';
import { tokenizeWithOffsets, type Tokens } from './tokens.js';

export interface ArticleText {
  title: string;
  text: string;
  /** Where the outlet publishes from (ISO 3166-1 alpha-2), when its source says. */
  country?: string | undefined;
  /** The article's address: without a declared country, its outlet's domain tells (see Tagger.countryOfUrl). */
  url?: string | undefined;
}

export type ArticleAnalysis = LanguageResult & TagResult & { fingerprint: Fingerprint };

/** The fingerprint of a text: its shingles and their MinHash signature. */
export function fingerprintOf(text: string): Fingerprint {
  return fingerprintOfTokens(tokenizeWithOffsets(text));
}

function fingerprintOfTokens({ words, hashes }: Tokens, placeWords: readonly number[] = []): Fingerprint {
  const sequence = shingleSequence(hashes);
  const set = distinctSorted(sequence);
  const formula = formulaWords(sequence);
  const facts = factsOf(words, placeWords);
  return { shingles: set, sequence, signature: minhash(set), words: hashes, ...(formula ? { formula } : {}), ...(facts ? { facts, slots: factSlots(hashes, facts) } : {}) };
}

/**
 * The positions of the first MAX_FACTS words that state a fact of the event (Fingerprint.facts): a
 * number, in digits or in words, and the words of the towns and the days of the week the text names
 * (`placeWords`, in text order); undefined when none. Two communiqués in one house style differ by
 * these (بولاية أمن برشيد، ليلة يوم الأربعاء، ثلاثة أشخاص / بولاية أمن أكادير، مساء يوم الخميس، أربعة أشخاص).
 */
function factsOf(words: readonly string[], placeWords: readonly number[]): Uint16Array | undefined {
  const facts: number[] = [];
  let place = 0;
  for (let i = 0; i < words.length && facts.length < MAX_FACTS && i <= 0xffff; i++) {
    while (place < placeWords.length && placeWords[place]! < i) place++;
    if (placeWords[place] === i || isNumber(words[i]!)) facts.push(i);
  }
  return facts.length > 0 ? Uint16Array.from(facts) : undefined;
}

/** Morocco's towns, every word of their names a fact of an event that happened there. */
const TOWNS = ['moroccan-towns', 'moroccan-towns-also-words'];
/** The days of the week, named after a word of time ("مساء يوم الخميس"): the day alone is the fact. */
const DAYS = 'weekdays';

/** The words of the towns and days a text names, in text order. */
function factPlaceWords(places: readonly PlaceNamed[]): number[] {
  const words = new Set<number>();
  for (const { list, start, end } of places) for (let w = list === DAYS ? end : start; w <= end; w++) words.add(w);
  return [...words].sort((a, b) => a - b);
}

/**
 * A word of digits (Arabic-Indic and Persian digits are folded to these), maybe after a joined
 * conjunction or preposition: the second age of "بين 22 و43 سنة", "ب5 ملايين".
 */
const DIGITS = /^[وفبل]?[0-9]+$/;

/**
 * The cardinal numbers news writes in words, folded as the tokenizer folds them: communiqués count
 * their suspects so (توقيف ثلاثة أشخاص), and a quantity's thousands (12 ألف قرص). Not واحد, mostly
 * "one and the same" (في وقت واحد).
 */
const NUMBER_WORDS = new Set(
  [
    'اثنان', 'اثنين', 'اثنتان', 'اثنتين', 'ثلاث', 'ثلاثة', 'أربع', 'أربعة', 'خمس', 'خمسة', 'ست', 'ستة', 'سبع', 'سبعة',
    'ثمان', 'ثماني', 'ثمانية', 'تسع', 'تسعة', 'عشر', 'عشرة', 'عشرون', 'عشرين', 'ثلاثون', 'ثلاثين', 'أربعون', 'أربعين',
    'خمسون', 'خمسين', 'ستون', 'ستين', 'سبعون', 'سبعين', 'ثمانون', 'ثمانين', 'تسعون', 'تسعين', 'مائة', 'مئة', 'مائتان',
    'مائتين', 'مئتان', 'مئتين', 'ثلاثمائة', 'أربعمائة', 'خمسمائة', 'ستمائة', 'سبعمائة', 'ثمانمائة', 'تسعمائة', 'ألف',
    'ألفا', 'ألفان', 'ألفين', 'آلاف', 'مليون', 'ملايين', 'مليار', 'مليارات',
  ]
    .map(normalizeWord)
    // Also after a joined conjunction or preposition (وخمسة، لثلاثة): one lookup per word of the text.
    .flatMap((word) => [word, ...['و', 'ف', 'ب', 'ل'].map((clitic) => `${clitic}${word}`)]),
);

/** A number in digits or in words (see NUMBER_WORDS). */
const isNumber = (word: string) => NUMBER_WORDS.has(word) || DIGITS.test(word);

/**
 * Everything that depends on the article alone: language, tags with evidence, and the fingerprint
 * that copy detection compares. Title and text are read together (the title is often the only
 * place a name appears).
 */
export function analyseArticle(article: ArticleText, tagger: Tagger): ArticleAnalysis {
  const full = article.title ? `${article.title}\n${article.text}` : article.text;
  const tokens = tokenizeWithOffsets(full);
  // The text as tokenised, entities decoded: a feed that writes its Arabic as &#1575;… is Arabic.
  const { tags, places } = tagger.tagNamingPlaces(tokens, { country: article.country ?? tagger.countryOfUrl(article.url) }, [...TOWNS, DAYS]);
  return { ...detectLanguage(tokens.text), ...tags, fingerprint: fingerprintOfTokens(tokens, factPlaceWords(places)) };
}
