import { franc } from 'franc';

export interface LanguageResult {
  /** ISO 639-3 code, or "und" when there is too little text to tell. */
  language: string;
  /** The main language is Arabic (Modern Standard or Darija in Arabic script). */
  arabic: boolean;
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
/** Letters Persian writes and Arabic does not (Darija's ڭ and ڤ are deliberately absent). */
const PERSIAN_LETTERS = new Set([...'پچژگکی'].map((c) => c.charCodeAt(0)));
/** Letters only Urdu (among these three) writes. */
const URDU_LETTERS = new Set([...'ٹڈڑںےۓہھ'].map((c) => c.charCodeAt(0)));

interface ScriptCounts {
  arabic: number;
  latin: number;
  persian: number;
  urdu: number;
}

/** Letters per script, in one pass over the UTF-16 code units (every letter counted here is in the BMP). */
function countScripts(text: string): ScriptCounts {
  const counts = { arabic: 0, latin: 0, persian: 0, urdu: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) counts.latin++;
    else if (isArabicLetter(c)) {
      counts.arabic++;
      if (PERSIAN_LETTERS.has(c)) counts.persian++;
      else if (URDU_LETTERS.has(c)) counts.urdu++;
    }
  }
  return counts;
}

/** Arabic-script letters (not digits, punctuation or diacritics), in the basic and extended blocks. */
function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || c === 0x06d5 || (c >= 0x06fa && c <= 0x06fc) ||
    (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08c9) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)
  );
}

/** Below this many letters no language is named. */
const MIN_LETTERS = 8;
/** Share of Arabic-script letters that are Persian or Urdu ones above which the text is not Arabic. */
const NON_ARABIC_LETTER_SHARE = 0.015;

/** Languages franc may choose for Latin-script news; short texts mislead it towards rare ones. */
const LATIN_NEWS_LANGUAGES = ['fra', 'eng', 'spa', 'por', 'ita', 'deu', 'nld', 'cat', 'tur', 'ind', 'swh', 'ron', 'pol'];

/**
 * The script decides first (cheap, and right where franc's trigrams are weak: short titles and
 * mixed texts); franc then names the language within the dominant script.
 */
export function detectLanguage(text: string): LanguageResult {
  const counts = countScripts(text);
  if (counts.arabic + counts.latin < MIN_LETTERS) return { language: 'und', arabic: false };
  if (counts.arabic >= counts.latin) return arabicScriptLanguage(counts);
  const latinOnly = text.replace(ARABIC_SCRIPT, ' ');
  const language = franc(latinOnly, { only: LATIN_NEWS_LANGUAGES, minLength: MIN_LETTERS });
  return { language, arabic: false };
}

function arabicScriptLanguage({ arabic, persian, urdu }: ScriptCounts): LanguageResult {
  if ((urdu + persian) / arabic < NON_ARABIC_LETTER_SHARE) return { language: 'arb', arabic: true };
  const language = urdu > persian * 0.25 ? 'urd' : 'pes';
  return { language, arabic: false };
}
