import { franc } from 'franc';

export interface LanguageResult {
  /** ISO 639-3 code, or "und" when there is too little text to tell. */
  language: string;
  /** The main language is Arabic (Modern Standard or Darija in Arabic script). */
  arabic: boolean;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/gu;
/** Letters Persian writes and Arabic does not (Darija's ڭ and ڤ are deliberately absent). */
const PERSIAN_LETTERS = /[پچژگکی]/gu;
/** Letters only Urdu (among these three) writes. */
const URDU_LETTERS = /[ٹڈڑںےۓہھ]/gu;

/** Below this many letters no language is named. */
const MIN_LETTERS = 8;
/** Share of Arabic-script letters that are Persian or Urdu ones above which the text is not Arabic. */
const NON_ARABIC_LETTER_SHARE = 0.015;

/** Languages franc may choose for Latin-script news; short texts mislead it towards rare ones. */
const LATIN_NEWS_LANGUAGES = ['fra', 'eng', 'spa', 'por', 'ita', 'deu', 'nld', 'cat', 'tur', 'ind', 'swh', 'ron', 'pol'];

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/**
 * The script decides first (cheap, and right where franc's trigrams are weak: short titles and
 * mixed texts); franc then names the language within the dominant script.
 */
export function detectLanguage(text: string): LanguageResult {
  const arabicLetters = count(text, ARABIC_SCRIPT);
  const latinLetters = count(text, LATIN_LETTER);
  if (arabicLetters + latinLetters < MIN_LETTERS) return { language: 'und', arabic: false };
  if (arabicLetters >= latinLetters) return arabicScriptLanguage(text, arabicLetters);
  const latinOnly = text.replace(ARABIC_SCRIPT, ' ');
  const language = franc(latinOnly, { only: LATIN_NEWS_LANGUAGES, minLength: MIN_LETTERS });
  return { language, arabic: false };
}

function arabicScriptLanguage(text: string, arabicLetters: number): LanguageResult {
  const urdu = count(text, URDU_LETTERS);
  const persian = count(text, PERSIAN_LETTERS);
  if ((urdu + persian) / arabicLetters < NON_ARABIC_LETTER_SHARE) return { language: 'arb', arabic: true };
  const language = urdu > persian * 0.25 ? 'urd' : 'pes';
  return { language, arabic: false };
}
