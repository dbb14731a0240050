import { MAX_FACTS, type Fingerprint } from './copy-index.js';
import { distinctSorted, FACT_CONTINUED, FACT_KIND_DAY, FACT_KIND_NUMBER, FACT_KIND_TOWN, FACT_TOWN, factSlots, minhash, shingleSequence } from './fingerprint.js';
import { formulaWords } from './formulas.js';
import { hashString } from './hash.js';
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

function fingerprintOfTokens({ words, hashes }: Tokens, placeWords: ReadonlyMap<number, string> = new Map()): Fingerprint {
  const sequence = shingleSequence(hashes);
  const set = distinctSorted(sequence);
  const formula = formulaWords(sequence);
  const ordinals = statedOrdinals(words);
  const facts = factsOf(words, placeWords, ordinals);
  const kinds = facts && factKinds(facts, placeWords);
  return {
    shingles: set,
    sequence,
    signature: minhash(set),
    words: hashes,
    ...(formula ? { formula } : {}),
    ...(facts && kinds ? { facts, slots: factSlots(hashes, facts, kinds), values: factValues(words, facts, kinds, placeWords, ordinals) } : {}),
  };
}

/**
 * The positions of the first MAX_FACTS words that state a fact of the event (Fingerprint.facts): a
 * number, in digits or in words (an age, an hour or a date in ordinals too: `ordinals`), and the
 * words of the towns and the days of the week the text names (`placeWords`, in text order); undefined
 * when none. Two communiqués in one house style differ by these (بولاية أمن برشيد، ليلة يوم الأربعاء،
 * ثلاثة أشخاص / بولاية أمن أكادير، مساء يوم الخميس، أربعة أشخاص).
 */
function factsOf(words: readonly string[], placeWords: ReadonlyMap<number, string>, ordinals: Ordinals): Uint16Array | undefined {
  const facts: number[] = [];
  for (let i = 0; i < words.length && facts.length < MAX_FACTS && i <= 0xffff; i++) {
    if (placeWords.has(i) || isNumber(words[i]!) || ordinals.has(i)) facts.push(i);
  }
  return facts.length > 0 ? Uint16Array.from(facts) : undefined;
}

/** Per fact, what it states: a number, a day or a town (see factSlots and factValues). */
function factKinds(facts: Uint16Array, placeWords: ReadonlyMap<number, string>): Uint8Array {
  return Uint8Array.from(facts, (w) => {
    const place = placeWords.get(w);
    return place === undefined ? FACT_KIND_NUMBER : place.startsWith(TOWN) ? FACT_KIND_TOWN : FACT_KIND_DAY;
  });
}

/**
 * Per fact, what it states (Fingerprint.values): a number's value, however written ("38", "ثمانية
 * وثلاثين"; "12 ألف" and "12000" alike), a town's name, a day; FACT_TOWN set for a town, which is
 * where the event happened rather than what happened, and FACT_CONTINUED for the second and later
 * words of one statement of it ("ألف" of "920 ألف", "البيضاء" of "الدار البيضاء"; see countDistinctFacts).
 */
function factValues(words: readonly string[], facts: Uint16Array, kinds: Uint8Array, placeWords: ReadonlyMap<number, string>, ordinals: Ordinals): Uint32Array {
  const values = new Uint32Array(facts.length);
  const numbers = numberValues(words, facts, ordinals);
  facts.forEach((w, i) => {
    const place = placeWords.get(w);
    const value = hashString(place ?? `n:${numbers.get(w)}`) & ~(FACT_TOWN | FACT_CONTINUED);
    const town = kinds[i] === FACT_KIND_TOWN ? FACT_TOWN : 0;
    const continued = i > 0 && facts[i - 1] === w - 1 && (values[i - 1]! & ~FACT_CONTINUED) === (value | town) ? FACT_CONTINUED : 0;
    values[i] = (value | town | continued) >>> 0;
  });
  return values;
}

/**
 * The value of each number word among the facts: consecutive number words read as one number, which a
 * word of digits starts (the two ages of "بين 22 و43") and a multiplier ends ("ثلاثة آلاف و500": 3000
 * and 500). A sum in centimes is in dirhams: Moroccan outlets write "5 ملايين سنتيم" for "50 ألف درهم".
 */
function numberValues(words: readonly string[], facts: Uint16Array, ordinals: Ordinals): Map<number, string> {
  const values = new Map<number, string>();
  let run: number[] = [];
  let total = 0;
  let current = 0;
  const close = () => {
    const after = words[run[run.length - 1]! + 1];
    const value = String(after !== undefined && CENTIMES.has(after) ? (total + current) / 100 : total + current);
    for (const w of run) values.set(w, value);
    run = [];
    total = 0;
    current = 0;
  };
  for (const w of facts) {
    const word = words[w]!;
    const ordinal = ordinals.get(w);
    if (!ordinal && !isNumber(word)) continue;
    if (run.length > 0 && (w !== run[run.length - 1]! + 1 || DIGITS.test(word))) close();
    run.push(w);
    const digits = DIGITS.exec(word)?.[1];
    if (digits !== undefined) {
      current += Number(digits);
      continue;
    }
    const meaning = ordinal ?? NUMBER_MEANINGS.get(word)!;
    if (meaning.times) {
      total += (current || 1) * meaning.times;
      current = 0;
      close();
    } else if (meaning.hundreds && current > 0 && current < 10) current *= 100;
    else current += meaning.adds ?? 0;
  }
  if (run.length > 0) close();
  return values;
}

/** The centime, a hundredth of a dirham, in which Moroccan news often counts sums (مليون سنتيم). */
const CENTIMES = new Set(['سنتيم', 'سنتيما', 'سنتيمات', 'السنتيمات'].map(normalizeWord));

/** Morocco's towns, every word of their names a fact of an event that happened there. */
const TOWNS = ['moroccan-towns', 'moroccan-towns-also-words'];
/** The days of the week, named after a word of time ("مساء يوم الخميس"): the day alone is the fact. */
const DAYS = 'weekdays';

const TOWN = 'town:';

/** The words of the towns and days a text names, each with what it names ("town:الرباط", "day:الخميس"). */
function factPlaceWords(places: readonly PlaceNamed[], forms: readonly (readonly string[])[]): Map<number, string> {
  const words = new Map<number, string>();
  for (const { list, start, end, phrase } of places) {
    if (list === DAYS) words.set(end, `day:${forms[end]![forms[end]!.length - 1]}`);
    else for (let w = start; w <= end; w++) words.set(w, `${TOWN}${phrase}`);
  }
  return words;
}

/**
 * A word of digits (Arabic-Indic and Persian digits are folded to these), maybe after a joined
 * conjunction or preposition: the second age of "بين 22 و43 سنة", "ب5 ملايين".
 */
const DIGITS = /^[وفبل]?([0-9]+)$/;

/**
 * The cardinal numbers news writes in words, folded as the tokenizer folds them: communiqués count
 * their suspects so (توقيف ثلاثة أشخاص), and a quantity's thousands (12 ألف قرص). Not واحد, mostly
 * "one and the same" (في وقت واحد).
 */
const NUMBER_WORDS: [string, NumberMeaning][] = [
  ...adding(2, 'اثنان', 'اثنين', 'اثنتان', 'اثنتين'),
  ...adding(3, 'ثلاث', 'ثلاثة'),
  ...adding(4, 'أربع', 'أربعة'),
  ...adding(5, 'خمس', 'خمسة'),
  ...adding(6, 'ست', 'ستة'),
  ...adding(7, 'سبع', 'سبعة'),
  ...adding(8, 'ثمان', 'ثماني', 'ثمانية'),
  ...adding(9, 'تسع', 'تسعة'),
  ...adding(10, 'عشر', 'عشرة'),
  ...adding(20, 'عشرون', 'عشرين'),
  ...adding(30, 'ثلاثون', 'ثلاثين'),
  ...adding(40, 'أربعون', 'أربعين'),
  ...adding(50, 'خمسون', 'خمسين'),
  ...adding(60, 'ستون', 'ستين'),
  ...adding(70, 'سبعون', 'سبعين'),
  ...adding(80, 'ثمانون', 'ثمانين'),
  ...adding(90, 'تسعون', 'تسعين'),
  ['مائة', { adds: 100, hundreds: true }],
  ['مئة', { adds: 100, hundreds: true }],
  ...adding(200, 'مائتان', 'مائتين', 'مئتان', 'مئتين'),
  ...['ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثمان', 'تسع'].map((unit, k): [string, NumberMeaning] => [`${unit}مائة`, { adds: (k + 3) * 100 }]),
  ...multiplying(1000, 'ألف', 'ألفا', 'آلاف'),
  ...multiplying(2000, 'ألفان', 'ألفين'),
  ...multiplying(1e6, 'مليون', 'ملايين'),
  ...multiplying(2e6, 'مليونان', 'مليونين'),
  ...multiplying(1e9, 'مليار', 'مليارات'),
  ...multiplying(2e9, 'ملياران', 'مليارين'),
  // The dual counts two of what it names: the persons, hours and days a report counts (شخصان، ساعتين);
  // not a word whose plural is written as its dual (قاصرين، مصابين، المدراء العامين).
  ...adding(
    2,
    ...['شخص', 'طفل', 'شاب', 'رجل', 'امرأت', 'سيدت', 'فتات', 'شقيق', 'قتيل', 'جريح', 'ساعت', 'يوم', 'شهر', 'سنت', 'أسبوع', 'دقيقت', 'طن'].flatMap((stem) => [`${stem}ان`, `${stem}ين`]),
  ),
];

/** What a number word adds to the number it is part of, or what it multiplies it by (see numberValues). */
interface NumberMeaning {
  adds?: number;
  /** مائة after a unit: "ثلاث مائة". */
  hundreds?: boolean;
  times?: number;
}

function adding(adds: number, ...spellings: string[]): [string, NumberMeaning][] {
  return spellings.map((spelling) => [spelling, { adds }]);
}

function multiplying(times: number, ...spellings: string[]): [string, NumberMeaning][] {
  return spellings.map((spelling) => [spelling, { times }]);
}

/** Each number word, folded as the tokenizer folds it, also after a joined conjunction or preposition (وخمسة، لثلاثة). */
const NUMBER_MEANINGS = new Map(
  NUMBER_WORDS.flatMap(([spelling, meaning]) => {
    const word = normalizeWord(spelling);
    return [word, ...['و', 'ف', 'ب', 'ل'].map((clitic) => `${clitic}${word}`)].map((form): [string, NumberMeaning] => [form, meaning]);
  }),
);

/** The words of the ages, hours and dates a text states in ordinals, each with what it adds to the number (see statedOrdinals). */
type Ordinals = ReadonlyMap<number, NumberMeaning>;

/**
 * The ordinals news writes an age, an hour or a date in, with the article (السابعة، الثانية عشرة، الخامسة
 * والعشرين، الواحدة), and the decades of an age (الأربعينات): what each adds to the number. عشر and
 * عشرة, which complete the teens, are NUMBER_WORDS.
 */
const ORDINAL_WORDS = new Map(
  ((): [string, number][] => [
    ...['ثاني', 'ثالث', 'رابع', 'خامس', 'سادس', 'سابع', 'ثامن', 'تاسع', 'عاشر'].flatMap((ordinal, k): [string, number][] => [
      [`ال${ordinal}`, k + 2],
      [`ال${ordinal}ة`, k + 2],
    ]),
    ['الحادي', 1],
    ['الحادية', 1],
    ['الواحدة', 1],
    // The first of a month: "الفاتح من دجنبر"، "الأول من نونبر".
    ['الفاتح', 1],
    ['الأول', 1],
    ...['عشرين', 'ثلاثين', 'أربعين', 'خمسين', 'ستين', 'سبعين', 'ثمانين', 'تسعين'].flatMap((tens, k): [string, number][] => [
      [`ال${tens}`, (k + 2) * 10],
      [`وال${tens}`, (k + 2) * 10],
      [`ال${tens.slice(0, -2)}ينات`, (k + 2) * 10],
    ]),
  ])().map(([spelling, adds]): [string, NumberMeaning] => [normalizeWord(spelling), { adds }]),
);
/** Before an age or an hour in ordinals: "في سن السابعة"، "بعمر الخامسة عشرة"، "حوالي الساعة الحادية عشرة ليلا". */
const ORDINAL_BEFORE = new Set(['سن', 'بسن', 'عمر', 'بعمر', 'الساعة', 'بالساعة', 'والساعة', 'ساعة'].map(normalizeWord));
/** After "من", an age's words ("في السابعة من عمرها"، "في الأربعينات من العمر") or a date's ("الخامس من دجنبر"، "العاشر من الشهر الجاري"). */
const ORDINAL_OF = (word: string) => /^(?:ال)?عمر/.test(word) || MONTHS.has(word);
/** The months as Moroccan, Algerian and Tunisian, and Middle Eastern news name them, and "الشهر" (الشهر الجاري). */
const MONTHS = new Set(
  [
    ...['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'مايو', 'يونيو', 'يوليوز', 'يوليو', 'غشت', 'أغسطس', 'شتنبر', 'سبتمبر', 'أكتوبر', 'نونبر', 'نوفمبر', 'دجنبر', 'ديسمبر'],
    ...['جانفي', 'فيفري', 'أفريل', 'جوان', 'جويلية', 'أوت'],
    ...['كانون', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين'],
    'الشهر',
  ].map(normalizeWord),
);

/**
 * The ordinals that state an age ("طفلة في السابعة من عمرها", "في الثانية عشرة من عمره", "في سن
 * الخامسة والعشرين"), an hour ("على الساعة الثالثة فجرا") or a day of the month ("الخامس من دجنبر"،
 * "الفاتح من الشهر الجاري"), by position, with what each adds: only there, since elsewhere ordinals
 * name ranks and reigns that a pickup and another event keep alike (الملك محمد السادس، الدورة الثانية
 * والتسعين).
 */
function statedOrdinals(words: readonly string[]): Ordinals {
  const ordinals = new Map<number, NumberMeaning>();
  for (let i = 0; i < words.length; i++) {
    if (!ORDINAL_WORDS.has(words[i]!)) continue;
    let end = i;
    while (end + 1 < words.length && (ORDINAL_WORDS.has(words[end + 1]!) || TEENS.has(words[end + 1]!))) end++;
    const stated = ORDINAL_BEFORE.has(words[i - 1] ?? '') || (words[end + 1] === 'من' && ORDINAL_OF(words[end + 2] ?? ''));
    if (stated) for (let w = i; w <= end; w++) ordinals.set(w, ORDINAL_WORDS.get(words[w]!) ?? NUMBER_MEANINGS.get(words[w]!)!);
    i = end;
  }
  return ordinals;
}
const TEENS = new Set(['عشر', 'عشرة'].map(normalizeWord));

/** A number in digits or in words (see NUMBER_WORDS); asked of every word, so the regex only of those ending in a digit. */
const isNumber = (word: string) => NUMBER_MEANINGS.has(word) || (endsInDigit(word) && DIGITS.test(word));
const endsInDigit = (word: string) => {
  const last = word.charCodeAt(word.length - 1);
  return last >= 0x30 && last <= 0x39;
};

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
  return { ...detectLanguage(tokens.text), ...tags, fingerprint: fingerprintOfTokens(tokens, factPlaceWords(places, tokens.forms)) };
}
