import { franc } from 'franc';
import { languagesOf, leadersOf, SHORT_TEXT_WORDS, WordEndings } from './clue-lists.js';

/** Russian's letters past the ones every Cyrillic alphabet here writes (а б в г д е ж з к л м н о п р с т у ф х ц ч ш). */
const RUSSIAN_LETTERS = 'ийщьюяыэёъ';
const SHARED_LETTERS = new Set('абвгдежзклмнопрстуфхцчш');
/**
 * Each Cyrillic language's letters past those shared ones: a line is of a language whose alphabet holds
 * every letter it writes. franc's trigrams alone err on a headline ("Путин провел переговоры с
 * президентом Египта" was Macedonian, "Суд приговорил бывшего мэра к тюрьме" Serbian), though ы, э and
 * ё are Russian's or Belarusian's, ј Serbian's or Macedonian's. Not Bosnian: Bosnian news writes Latin
 * letters, and in Cyrillic it is Serbian's twin to franc.
 */
const ALPHABETS: Record<string, string> = {
  rus: RUSSIAN_LETTERS,
  bul: 'ийщьюяъѝ',
  srp: 'иђјљњћџ',
  mkd: 'иѓѕјљњќџѐѝ',
  ukr: 'ийщьюяєіїґ',
  bel: 'йьюяыэёіў',
  kaz: RUSSIAN_LETTERS + 'әғқңөұүһі',
  kir: RUSSIAN_LETTERS + 'ңөү',
  tat: RUSSIAN_LETTERS + 'әөүҗңһ',
  tuk: RUSSIAN_LETTERS + 'әҗңөү',
  azj: RUSSIAN_LETTERS + 'әғјҝөүһҹ',
  uzn: RUSSIAN_LETTERS + 'ўқғҳ',
  tgk: RUSSIAN_LETTERS + 'ғӣқӯҳҷ',
  khk: RUSSIAN_LETTERS + 'өү',
  koi: RUSSIAN_LETTERS + 'іӧ',
  kbd: RUSSIAN_LETTERS + 'ӏ',
};
/**
 * The languages that write letters of their own beside Russian's, one of which stands in nearly every
 * line of them (Ukrainian's і ї є ґ, Kazakh's ә қ ұ…): a line without any is not of them.
 */
const WITH_LETTERS_OF_THEIR_OWN = new Set(['ukr', 'bel', 'kaz', 'kir', 'tat', 'tuk', 'azj', 'uzn', 'tgk', 'khk', 'koi', 'kbd']);
/** Where a letter rules a language out though its alphabet has it. */
const RULED_OUT_BY: Record<string, RegExp> = {
  // Russian writes ъ only before е ё ю я (объявил); Bulgarian's vowel stands anywhere (мъж, съдът).
  rus: /ъ(?![еёюя])/g,
  // Bulgarian writes ь only before о (шофьор); Russian and Ukrainian anywhere (Подмосковье, мэрию).
  bul: /ь(?!о)/g,
};

const LETTER = /\p{L}/u;
/** An article's alphabet shows in its first few thousand characters; franc reads fewer. */
const MAX_READ = 4096;

/**
 * Of an article's letters, the share a letter must reach to count: a Russian report quoting a name in
 * Kazakh letters once (Нұр) is not therefore Kazakh. A headline's every letter counts.
 */
const TRACE_SHARE = 0.002;

/**
 * The Cyrillic languages whose alphabets hold every letter of a mostly Cyrillic text, names' too (each
 * language respells them: Russian news writes Киев and Казахстан); none when it is not mostly Cyrillic or
 * no alphabet holds all its letters.
 */
function candidates(text: string): string[] | undefined {
  const lower = text.slice(0, MAX_READ).toLowerCase();
  const counts = new Map<string, number>();
  let cyrillic = 0;
  let letters = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 0x0400 && c <= 0x04ff) {
      cyrillic++;
      letters++;
      const char = lower[i]!;
      if (!SHARED_LETTERS.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
    } else if (c < 0x80 ? (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a : LETTER.test(lower[i]!)) letters++;
  }
  if (cyrillic * 2 < letters) return undefined;
  const least = Math.max(1, cyrillic * TRACE_SHARE);
  const own = [...counts].filter(([, count]) => count >= least).map(([letter]) => letter);
  const beyondRussian = own.some((letter) => !RUSSIAN_LETTERS.includes(letter));
  const ruledOut = (language: string) => {
    const rule = RULED_OUT_BY[language];
    return rule !== undefined && (lower.match(rule)?.length ?? 0) >= least;
  };
  const fits = Object.entries(ALPHABETS)
    .filter(([, alphabet]) => own.every((letter) => alphabet.includes(letter)))
    .filter(([language]) => beyondRussian || !WITH_LETTERS_OF_THEIR_OWN.has(language))
    .filter(([language]) => !ruledOut(language))
    .map(([language]) => language);
  return fits.length > 0 ? fits : undefined;
}

/**
 * Words that belong to few of the languages whose alphabet is Russian's or near it: function words,
 * and how each writes Morocco and its own country and capital.
 */
const CLUES: Record<string, string> = {
  rus: 'что это как для из после также был была были было будет уже его её их они года году который которые которая которого более между чтобы только может через к о об со во от при с у снова вновь опять сегодня вчера завтра когда где россия россии москва москве марокко',
  ukr: 'що це як для з із зі після також був була були було буде вже його її їх вони року році який які яка якого більше між щоб тільки може через та й від до у знову сьогодні вчора завтра коли де україна україни київ києві марокко',
  bul: 'че това как към със във при след също беше бяха са е ще се да които който която което повече между срещу около само чрез от с отново днес вчера утре когато където мароко русия софия българия',
  srp: 'је су што ће да се који која које након према између око само кроз из ка од са у поново данас јуче сутра када где мароко србија србије београд београду',
  mkd: 'е се што ќе да кој која кое меѓу околу само преку во со кон од го ги повторно денес вчера утре кога каде мароко македонија скопје',
};
/**
 * Endings of words only some of these languages write, in words of five letters or more (not
 * capitalised ones: Bulgarian and Russian surnames end in -ов alike): Russian's and Ukrainian's cases
 * (-ого, -ами), Russian's masculine past (посетил; Ukrainian's ends in -в), Serbian's (посетио),
 * Bulgarian's and Macedonian's articles (цените, горивото; Macedonian's поранешниот).
 */
const ENDINGS: Record<string, string> = {
  rus: 'ого ому ами ями ах ях ых ым ий ой ей ую юю ию ся сь ть ил ал ел ял ли ает яет ует ают яют уют ов ев',
  ukr: 'ого ому ами ями ах ях ий ей ся сь ть ав ив ів ли',
  bul: 'ите ото ът ят ха',
  srp: 'ио ао ео ому ли',
  mkd: 'ите ото иот',
};

const CLUE_LANGUAGES = languagesOf(CLUES);
/** Endings are read in words of this many letters or more. */
const WORD_ENDINGS = new WordEndings(ENDINGS, 5);

/** Per candidate, its share of each clue (a word or ending of k candidates gives each 1/k). */
function clueVotes(text: string, among: readonly string[]): Map<string, number> {
  const votes = new Map<string, number>();
  const vote = (languages: string[] | undefined) => {
    const fit = languages?.filter((language) => among.includes(language)) ?? [];
    for (const language of fit) votes.set(language, (votes.get(language) ?? 0) + 1 / fit.length);
  };
  for (const word of text.split(/[^\p{L}]+/u)) {
    if (!word) continue;
    const lower = word.toLowerCase();
    vote(CLUE_LANGUAGES.get(lower));
    const ending = word === lower ? WORD_ENDINGS.of(lower) : undefined;
    if (ending) vote(WORD_ENDINGS.languages.get(ending));
  }
  return votes;
}

/**
 * The language of a mostly Cyrillic text, chosen among the languages whose alphabet writes it: on a
 * headline by its clues (franc's trigrams among the tied), on a longer text by the trigrams. None when
 * no alphabet here writes it.
 */
export function cyrillicLanguage(text: string, minLetters: number): string | undefined {
  const fits = candidates(text);
  if (!fits) return undefined;
  const byTrigrams = (only: string[]) => franc(text, { only, minLength: minLetters });
  if (fits.length === 1 || text.split(/\s+/).length >= SHORT_TEXT_WORDS) return byTrigrams(fits);
  const votes = clueVotes(text, fits);
  if (votes.size === 0) return byTrigrams(fits);
  return byTrigrams(leadersOf(votes));
}
