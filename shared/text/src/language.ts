import { franc, francAll } from 'franc';
import { SHORT_TEXT_WORDS } from './clue-lists.js';
import { cyrillicLanguage } from './cyrillic-language.js';
import { hasLanguageClue, latinLanguage } from './latin-language.js';

export interface LanguageResult {
  /** ISO 639-3 code, or "und" when there is too little text to tell. */
  language: string;
  /** The main language is Arabic (Modern Standard or Darija in Arabic script). */
  arabic: boolean;
}

const LETTER = /\p{L}/u;
const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
/**
 * Past Arabic's own letters (U+0621-U+064A), Arabic-script letters are other languages' (Persian,
 * Urdu, Pashto, Kurdish, Uyghur, Sindhi...), except these, which Darija and Maghrebi writing use for
 * g and v: ڤ ڨ ڭ ݣ.
 */
const DARIJA_LETTERS = new Set([0x06a4, 0x06a8, 0x06ad, 0x0763]);
/** ٱ, of the Qur'an's spelling, which articles quoting a verse keep. */
const ALEF_WASLA = 0x0671;
/**
 * Persian's forms of ي and ك (ی ک): Persian writes them, but so does Arabic typed on a Persian keyboard
 * or by some publishing systems. They alone do not tell; the words around them do (see below).
 */
const PERSIAN_YEH_KEHEH = new Set([0x06cc, 0x06a9]);
/**
 * گ پ چ: Persian's and Urdu's, but also how some Arabic writers spell g, p and ch in names and dialect
 * (أگادير، گلميم in Moroccan outlets; چ in Iraqi and Gulf speech). Persian and Urdu never write a
 * sentence without ی or ک (or Urdu's ے ہ): without them, these letters alone do not make a text foreign.
 */
const BORROWED_LETTERS = new Set([0x06af, 0x067e, 0x0686]);
/** Letters only Central Kurdish (Sorani) writes, which franc has no model of: ڕ ڵ ێ. */
const SORANI_LETTERS = new Set([0x0695, 0x06b5, 0x06ce]);
/**
 * Letters only Pashto writes, which tell it on a headline where franc's trigrams cannot: ټ ځ څ ډ ړ ږ ښ ګ ڼ ۍ
 * (not ې, which Uyghur writes too).
 */
const PASHTO_LETTERS = new Set([0x067c, 0x0681, 0x0685, 0x0689, 0x0693, 0x0696, 0x069a, 0x06ab, 0x06bc, 0x06cd]);
/** ې: Pashto's, unless Uyghur's other vowels are there too (ۆ ۇ ۈ ۋ), which it writes in every line. */
const PASHTO_E = 0x06d0;
const UYGHUR_VOWELS = /[\u06c6-\u06c8\u06cb]/;
/**
 * ە: the vowel Sorani and Uyghur write in nearly every word, and no other language here (Pashto and
 * Persian write ه). Uyghur's own vowels ۇ ۈ ۋ ې, one of which stands in nearly every line of it, tell
 * the two apart: a Sorani headline need not have ڕ ڵ or ێ ("بەرزبوونەوەی نرخی نەوت").
 */
const AE = 0x06d5;
const UYGHUR_ONLY_VOWELS = /[\u06c7\u06c8\u06cb\u06d0]/;
/** Letters Urdu (and Saraiki, its kin) writes and the other languages here do not: ٹ ڈ ڑ ں ہ ے. */
const URDU_LETTERS = new Set([0x0679, 0x0688, 0x0691, 0x06ba, 0x06c1, 0x06d2]);
/** Letters only Sindhi writes, which franc has no model of either: ٻ ٺ ٽ ٿ ڀ ڃ ڄ ڊ ڌ ڍ ڏ ڙ ڦ ڪ ڻ. */
const SINDHI_LETTERS = new Set([0x067b, 0x067a, 0x067d, 0x067f, 0x0680, 0x0683, 0x0684, 0x068a, 0x068c, 0x068d, 0x068f, 0x0699, 0x06a6, 0x06aa, 0x06bb]);
/**
 * The other Arabic-script languages franc knows, to name one once the letters say it is not Arabic.
 * Not Dari (prs): written, it is Iranian Persian's twin, and franc takes one for the other.
 */
const OTHER_ARABIC_SCRIPT_LANGUAGES = ['pes', 'urd', 'skr', 'pbu', 'uig', 'zlm'];

interface ScriptCounts {
  arabic: number;
  latin: number;
  /** Letters of every other script (Cyrillic, Hebrew, Greek, Devanagari...). */
  other: number;
  /** Arabic-script letters that Arabic does not write. */
  nonArabic: number;
  /** ی and ک, counted apart from `nonArabic`. */
  yehKeheh: number;
  /** گ پ چ, counted in `nonArabic` too. */
  borrowed: number;
  sorani: number;
  sindhi: number;
  pashto: number;
  /** ې, Pashto's or Uyghur's. */
  pashtoE: number;
  urdu: number;
  /** ە, Sorani's or Uyghur's. */
  ae: number;
}

/** Letters per script, in one pass over the UTF-16 code units (every letter counted here is in the BMP). */
function countScripts(text: string): ScriptCounts {
  const counts = { arabic: 0, latin: 0, other: 0, nonArabic: 0, yehKeheh: 0, borrowed: 0, sorani: 0, sindhi: 0, pashto: 0, pashtoE: 0, urdu: 0, ae: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) counts.latin++;
    else if (isArabicLetter(c)) {
      counts.arabic++;
      const letter = c >= 0xfb50 ? presentationFormBase(c) : c;
      if (letter <= 0x064a || letter === ALEF_WASLA || DARIJA_LETTERS.has(letter)) continue;
      if (PERSIAN_YEH_KEHEH.has(letter)) {
        counts.yehKeheh++;
        continue;
      }
      counts.nonArabic++;
      if (BORROWED_LETTERS.has(letter)) counts.borrowed++;
      else if (SORANI_LETTERS.has(letter)) counts.sorani++;
      else if (SINDHI_LETTERS.has(letter)) counts.sindhi++;
      else if (PASHTO_LETTERS.has(letter)) counts.pashto++;
      else if (letter === PASHTO_E) counts.pashtoE++;
      else if (URDU_LETTERS.has(letter)) counts.urdu++;
      else if (letter === AE) counts.ae++;
    } else if (c >= 0x370 && (c < 0x0600 || c > 0x08ff) && LETTER.test(text[i]!)) counts.other++;
  }
  return counts;
}

/** The letter a presentation form (text from old PDFs and sites) stands for: ﻻ is ل, ﭖ is پ. */
function presentationFormBase(c: number): number {
  return String.fromCharCode(c).normalize('NFKC').charCodeAt(0);
}

/** ـ: a stroke that stretches the letters either side of it, no letter itself. */
const TATWEEL = 0x0640;

/**
 * Arabic-script letters (not digits, punctuation or diacritics), in the basic and extended blocks.
 * Not the dagger alef (U+0670): a vowel mark despite its name, which vowelled Arabic writes on
 * الرحمٰن and هٰذا; nor tatweel.
 */
function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a && c !== TATWEEL) || c === 0x066e || c === 0x066f || (c >= 0x0671 && c <= 0x06d3) || c === 0x06d5 || (c >= 0x06fa && c <= 0x06fc) ||
    (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08c9) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)
  );
}

/** Web and e-mail addresses: Latin letters whatever the language around them ("اقرأ المزيد: https://…"). */
const ADDRESSES = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+/gi;

/** Markup a text may still carry (an RSS description, a pasted page): tags, comments, scripts and styles. */
const MARKUP = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<\/?[a-z][^<>]*>/gi;
/**
 * A site's chrome, which a page or a feed's description may carry below the article, in the site's other
 * language: copyright, privacy and cookie notices, newsletters, "follow us", WordPress's "The post …
 * appeared first on …". An Arabic teaser above a longer English footer is Arabic.
 */
const SITE_CHROME =
  /©|\b(?:copyright|all rights reserved|privacy policy|terms of (?:use|service)|cookies?\b|newsletter|follow us|subscribe to|download (?:our|the) app|advertise with us|contact us|appeared first on|tous droits|droits réservés|politique de confidentialité|conditions d.utilisation|abonnez-vous|suivez-nous|téléchargez|derechos reservados|política de privacidad|suscríbete|síguenos)/i;
/** A text's lines and sentences, each with what ends it. */
const SEGMENTS = /[^\n.!?|]+[\n.!?|]*/g;

/**
 * The text without the segments of site chrome in it, with its letters counted; the whole text when that
 * leaves too little to tell.
 */
function withoutSiteChrome(text: string): { text: string; counts: ScriptCounts } {
  if (SITE_CHROME.test(text)) {
    const kept = (text.match(SEGMENTS) ?? []).filter((segment) => !SITE_CHROME.test(segment)).join(' ');
    const keptCounts = countScripts(kept);
    if (letters(keptCounts) >= MIN_NARRATION_LETTERS) return { text: kept, counts: keptCounts };
  }
  return { text, counts: countScripts(text) };
}

/** Quoted passages, each within one pair of marks. */
const QUOTED = /"[^"]{1,2000}"|“[^”]{1,2000}”|«[^»]{1,2000}»/g;
/** Least letters (and share of all) the narration needs to decide the language without its quotes. */
const MIN_NARRATION_LETTERS = 40;
const MIN_NARRATION_SHARE = 0.25;

/** What is language in the text: not addresses, not markup. */
function languageText(text: string): string {
  let out = text.includes('://') || text.includes('www.') || text.includes('@') ? text.replace(ADDRESSES, ' ') : text;
  if (out.includes('<')) out = out.replace(MARKUP, ' ');
  return out;
}

const letters = (counts: ScriptCounts) => counts.arabic + counts.latin + counts.other;

/**
 * The article's own voice, without what it quotes: an Arabic article quoting a long English statement
 * is Arabic. Only when that voice has enough letters to tell; else the whole text.
 */
function narration(text: string, counts: ScriptCounts): { text: string; counts: ScriptCounts } {
  if (!/["“«]/.test(text)) return { text, counts };
  const own = text.replace(QUOTED, ' ');
  if (own.length === text.length) return { text, counts };
  const ownCounts = countScripts(own);
  const enough = letters(ownCounts) >= Math.max(MIN_NARRATION_LETTERS, MIN_NARRATION_SHARE * letters(counts));
  return enough ? { text: own, counts: ownCounts } : { text, counts };
}

/** Below this many letters no language is named... */
const MIN_LETTERS = 8;
/** ...but a text of this many Arabic-script letters and no others is named by its letters. */
const MIN_ARABIC_LETTERS = 3;
/** Share of Arabic-script letters that Arabic does not write above which the text is not Arabic. */
const NON_ARABIC_LETTER_SHARE = 0.015;

/**
 * The script decides first (cheap, and right where franc's trigrams are weak: short titles and
 * mixed texts); franc then names the language within the dominant script.
 */
export function detectLanguage(input: string): LanguageResult {
  const whole = withoutSiteChrome(languageText(input));
  const { text, counts } = narration(whole.text, whole.counts);
  if (counts.other > counts.arabic + counts.latin) return { language: otherScriptLanguage(text), arabic: false };
  if (counts.arabic + counts.latin < MIN_LETTERS) {
    // A word or two in Arabic letters alone (عاجل، حموشي): the letters tell Arabic from the languages
    // that write theirs (پلیس); franc would need more.
    if (counts.latin === 0 && counts.arabic >= MIN_ARABIC_LETTERS) return arabicScriptLanguage(text, counts);
    return { language: 'und', arabic: false };
  }
  if (counts.arabic >= counts.latin) return arabicScriptLanguage(text, counts);
  const latinText = text.replace(ARABIC_SCRIPT, ' ');
  // Latin letters that only name things (سامسونغ تكشف عن Galaxy S25 Ultra): the Arabic words carry the
  // language; a single one does where every Latin word is a name ("Samsung تطلق Galaxy S26", "iPhone 17 رسميا").
  if (counts.arabic >= MIN_LETTERS && !hasLanguageClue(latinText)) return arabicScriptLanguage(text, counts);
  if (counts.arabic >= MIN_ARABIC_LETTERS && onlyNames(latinText)) return arabicScriptLanguage(text, counts);
  return { language: latinLanguage(latinText, MIN_LETTERS), arabic: false };
}

/** A name as headlines write them: capitalised (Galaxy, PSG) or with a capital inside (iPhone, eBay). */
const NAME_WORD = /^\p{Ll}*\p{Lu}/u;

/** Whether every word of a Latin-script text is a name: no word of any language among them. */
function onlyNames(latinText: string): boolean {
  return latinText.split(/[^\p{L}]+/u).every((word) => !word || NAME_WORD.test(word));
}

/**
 * Tigrinya writes ኣ (Amharic's አ) at the start of many words, and the ቐ series Amharic has not; franc's
 * Amharic model is weak, so it names Tigrinya for plain Amharic ("…አስታወቀ።"), which Ethiopian news
 * writes far more: without those letters, Ethiopic script is Amharic.
 */
const TIGRINYA_LETTERS = /[\u12a3\u1250-\u125d]/g;
const MIN_TIGRINYA_LETTERS = 2;

/**
 * Han ideographs, kana and Hangul syllables, each of which holds what two or three letters do: a
 * headline of four says enough ("北京今日大雨", "서울에 폭우"), and their scripts tell the language.
 */
const DENSE_SCRIPT = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g;
const MIN_DENSE_CHARACTERS = 4;

/**
 * Devanagari's press languages: on a line, franc's trigrams name Bhojpuri or Magahi for Hindi ("शेयर
 * बाजार में भारी गिरावट"), as they name rare languages for other scripts' short texts; from a sentence of
 * SHORT_TEXT_WORDS they are trusted among all six.
 */
const DEVANAGARI = /[\u0900-\u097f]/;
const DEVANAGARI_PRESS = ['hin', 'mar', 'npi'];

/** The language of a text in another script than Arabic's or Latin's (Cyrillic, Hebrew, Ethiopic...). */
function otherScriptLanguage(text: string): string {
  const cyrillic = cyrillicLanguage(text, MIN_LETTERS);
  if (cyrillic) return cyrillic;
  const dense = text.match(DENSE_SCRIPT)?.length ?? 0;
  const devanagariLine = DEVANAGARI.test(text) && text.split(/\s+/).length < SHORT_TEXT_WORDS;
  const language = franc(text, { minLength: dense >= MIN_DENSE_CHARACTERS ? MIN_DENSE_CHARACTERS : MIN_LETTERS, ...(devanagariLine ? { only: DEVANAGARI_PRESS } : {}) });
  if (language !== 'tir' && language !== 'amh') return language;
  return (text.match(TIGRINYA_LETTERS)?.length ?? 0) >= MIN_TIGRINYA_LETTERS ? 'tir' : 'amh';
}

/**
 * Persian words made only of letters Arabic shares, which Arabic (Standard or Darija) does not write as
 * words: a Persian headline can lack every letter of its own ("بارش باران در تهران", "بازداشت دو متهم").
 * Not را، با، شد، تا (Darija's particle, father, hold, even), من، ما، به (Arabic's from, what, with
 * it), nor دو, which Arabic writes in names (دو سانتوس).
 */
const PERSIAN_WORDS = new Set([
  ...['در', 'از', 'است', 'بود', 'شود', 'بودند', 'امروز', 'دولت', 'آنها', 'سه', 'بازداشت'],
  // Persian's ت where Arabic writes ة (وزارة، سفارة).
  ...['وزارت', 'سفارت'],
]);
/** Arabic's own function words, against which those are weighed (with every word in ال). */
const ARABIC_WORDS = new Set(['في', 'على', 'علي', 'إلى', 'الى', 'عن', 'أن', 'ان', 'إن', 'مع', 'بعد', 'قد', 'كان', 'هذا', 'هذه', 'التي', 'الذي', 'حول', 'لدى']);
/**
 * Persian writes ی in nearly every sentence: only a headline or a line can do without it (and an
 * article's text is spared the scan).
 */
const MAX_PERSIAN_LETTERS_WITHOUT_YEH = 200;

/**
 * Arabic letters only, and more Persian words than Arabic ones: Persian short of its letters. Written
 * with ی or ک (`persianKeyboard`), a headline with no Arabic word at all (none in ال, none of Arabic's
 * function words) and none of Arabic's own spellings is Persian too ("کاهش صادرات نفت"): Arabic typed
 * on a Persian keyboard, as Iran's Arabic outlets write it, still has them ("الرئیس الإیرانی یزور بغداد").
 */
function persianInArabicLetters(text: string, letters: number, persianKeyboard = false): boolean {
  if (letters > MAX_PERSIAN_LETTERS_WITHOUT_YEH) return false;
  let persian = 0;
  let arabic = 0;
  for (const word of text.replace(/[\u064b-\u065f\u0670\u0640]/g, '').split(/[^\u0621-\u064a]+/)) {
    if (PERSIAN_WORDS.has(word)) persian++;
    else if (ARABIC_WORDS.has(word) || (word.startsWith('ال') && word.length > 3)) arabic++;
  }
  return persian > arabic || (persianKeyboard && arabic === 0 && !ARABIC_ONLY_SPELLING.test(text));
}

/** Arabic's yeh and kaf, which Persian and Urdu write ی and ک. */
const ARABIC_YEH_KAF = /[\u064a\u0643]/;

/** Ta marbuta, hamza on alef and alef maqsura: Arabic writes them in nearly every line, Persian seldom. */
const ARABIC_ONLY_SPELLING = /[\u0629\u0623\u0625\u0649]/;

/** Persian's and Urdu's forms of Arabic letters, written as Arabic's. */
const AS_ARABIC_LETTERS: Record<string, string> = { '\u06cc': '\u064a', '\u06a9': '\u0643', '\u06af': '\u0643', '\u067e': '\u0628', '\u0686': '\u062c' };
const PERSIAN_FORMS = new RegExp(`[${Object.keys(AS_ARABIC_LETTERS).join('')}]`, 'g');

/**
 * Arabic, Persian or Urdu, by the words once every letter is read as Arabic's: Persian's own words
 * first (a headline is too short for franc's trigrams: "مذاکرات هسته ای در وین"), then, unless
 * `wordsOnly`, franc. Written with ی or ک (`persianKeyboard`), a text with no Arabic word is Persian (see
 * persianInArabicLetters); written without them, Persian or Urdu must beat Arabic clearly
 * (ARABIC_DOUBT), since both write ی in nearly every sentence: "پرواز تهران مشهد لغو شد" (Arabic at
 * 0.18 of Persian's score) is Persian.
 */
function byWordsInArabicLetters(text: string, letters: number, { persianKeyboard = false, wordsOnly = false } = {}): LanguageResult {
  const folded = text.replace(PERSIAN_FORMS, (letter) => AS_ARABIC_LETTERS[letter]!);
  if (persianInArabicLetters(folded, letters, persianKeyboard)) return { language: 'pes', arabic: false };
  if (wordsOnly) return { language: 'arb', arabic: true };
  // Line breaks are no spaces to franc's trigrams: a headline's score would depend on the empty text after it.
  const scores = francAll(folded.replace(/\s+/g, ' ').trim(), { only: ['arb', 'pes', 'urd'], minLength: MIN_LETTERS });
  const [language] = scores[0]!;
  const arabicScore = scores.find(([code]) => code === 'arb')?.[1] ?? 0;
  const foreign = language === 'pes' || language === 'urd';
  return foreign && (persianKeyboard || arabicScore < ARABIC_DOUBT) ? { language, arabic: false } : { language: 'arb', arabic: true };
}

/** Under this share of the best score, Arabic is not the language of a text franc reads as Persian or Urdu. */
const ARABIC_DOUBT = 0.8;

function arabicScriptLanguage(text: string, { arabic, nonArabic, yehKeheh, borrowed, sorani, sindhi, pashto, pashtoE, urdu, ae }: ScriptCounts): LanguageResult {
  const rare = (count: number) => count / arabic < NON_ARABIC_LETTER_SHARE;
  if (rare(nonArabic) && rare(yehKeheh)) return persianInArabicLetters(text, arabic) ? { language: 'pes', arabic: false } : { language: 'arb', arabic: true };
  // ی and ک but no letter only Persian or Urdu writes (پ چ ژ گ ے ں...): Arabic typed on a Persian
  // keyboard, or Persian short of those letters. Read as Arabic letters, the words tell which.
  if (rare(nonArabic)) return byWordsInArabicLetters(text, arabic, { persianKeyboard: true });
  // گ پ چ without ی or ک: Arabic spelling a name or dialect (أگادير), or a Persian headline short of
  // ی. Arabic's own spellings (ة، أ، إ، ى), which Persian writes ه، ا، ی, settle it; else the words.
  if (rare(yehKeheh) && rare(nonArabic - borrowed)) {
    if (ARABIC_ONLY_SPELLING.test(text)) return { language: 'arb', arabic: true };
    // Arabic's ي or ك in a line: a Persian or Urdu keyboard types ی and ک, so the line was typed on an
    // Arabic one, its گ spelling a name, and only Persian's words (as where گ is missing) make it
    // Persian: franc's trigrams put "انطلاق موسم طانطان بگلميم" far below Persian. A longer text gives
    // franc enough (and Persian pages once encoded in windows-1256 write ي too).
    if (arabic <= MAX_PERSIAN_LETTERS_WITHOUT_YEH && ARABIC_YEH_KAF.test(text)) return byWordsInArabicLetters(text, arabic, { wordsOnly: true });
    return byWordsInArabicLetters(text, arabic);
  }
  // A few of its own letters name a language franc does not know, or Pashto or Urdu, which franc takes
  // for Persian on a headline; franc names the others.
  if (!rare(sorani)) return { language: 'ckb', arabic: false };
  if (!rare(ae)) return { language: UYGHUR_ONLY_VOWELS.test(text) ? 'uig' : 'ckb', arabic: false };
  if (!rare(sindhi)) return { language: 'snd', arabic: false };
  if (!rare(pashto) || (!rare(pashtoE) && !UYGHUR_VOWELS.test(text))) return { language: 'pbu', arabic: false };
  if (!rare(urdu) && !SARAIKI_LETTERS.test(text)) return { language: 'urd', arabic: false };
  // None of Uyghur's vowels, Saraiki's implosives or Jawi's letters either, nor Urdu's postpositions
  // (an Urdu headline may lack its letters): Persian (or Dari), which franc takes for one of those on a
  // headline ("دستگیری سارقان بانک" was Uyghur).
  if (!OTHERS_OWN_LETTERS.test(text) && !URDU_POSTPOSITION.test(text)) return { language: 'pes', arabic: false };
  const arabicScriptOnly = text.replace(/[A-Za-z\u00C0-\u024F]+/g, ' ');
  const language = franc(arabicScriptOnly, { only: OTHER_ARABIC_SCRIPT_LANGUAGES, minLength: MIN_LETTERS });
  // Saraiki writes its implosives (ٻ ڄ ݙ ڳ) in nearly every line; without them franc's choice between
  // it and Urdu, its close kin, is a toss on a short text ("انٹرپول نے ریڈ نوٹس جاری کر دیا").
  return { language: language === 'skr' && !SARAIKI_LETTERS.test(text) ? 'urd' : language, arabic: false };
}

const SARAIKI_LETTERS = /[\u067b\u0684\u0759\u06b3]/;
/** Letters of the Arabic-script languages franc is left to name past Persian: Uyghur's vowels, Saraiki's implosives, Jawi's ڠ ڤ ڽ ݢ. */
const OTHERS_OWN_LETTERS = /[\u06c6-\u06c8\u06cb\u06d0\u067b\u0684\u0759\u06b3\u06a0\u06a4\u06bd\u0762]/;
/** Urdu's کی، کا، کو as words (of, to), which Persian headlines do not write. */
const URDU_POSTPOSITION = /(?:^|[^\u0600-\u06ff])(?:کی|کا|کو)(?![\u0600-\u06ff])/;
