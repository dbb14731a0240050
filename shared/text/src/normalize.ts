/**
 * Normalisation for matching, never for display: two spellings of one Arabic word become one string.
 * Folds what Arabic news sites vary freely: hamza and alef forms, ta marbuta, alef maqsura, diacritics,
 * tatweel, Arabic-Indic digits, punctuation and quote styles, Latin case, HTML entities, whitespace.
 */

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u08D3-\u08FF]/g;
const TATWEEL = /\u0640/g;
/**
 * Invisible characters that text copied from the web carries inside words: soft hyphen, zero-width
 * (non-)joiners, direction marks and embeddings, word joiner, BOM. They belong to the word around
 * them and vanish from it (the zero-width space, a break, is not one of them).
 */
const INVISIBLE = '\u00AD\u061C\u200C-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF';
const INVISIBLE_IN_WORDS = new RegExp(`[${INVISIBLE}]`, 'g');
const INVISIBLE_CHARACTER = new RegExp(`^[${INVISIBLE}]$`);
export const isInvisibleInWord = (char: string) => INVISIBLE_CHARACTER.test(char);
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»', ndash: '–', mdash: '—',
  hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', zwnj: '\u200C', zwj: '\u200D', rlm: '\u200F', lrm: '\u200E',
};

/** One character to one replacement; Arabic-script letters that vary between spellings of one word. */
const LETTER_FOLDS: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ؤ': 'و', 'ئ': 'ي', 'ى': 'ي', 'ی': 'ي', 'ې': 'ي',
  'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه',
  'ک': 'ك', 'ڪ': 'ك',
  // Maghrebi spellings of g, v and p (أڭادير، أگادير for أكادير; ڤيديو; ڨالمة; پاريس), as the
  // standard spellings write them.
  'ڭ': 'ك', 'ݣ': 'ك', 'گ': 'ك', 'ڤ': 'ف', 'ڨ': 'ق', 'پ': 'ب',
};

const DIGIT_ZERO = { arabicIndic: 0x0660, persian: 0x06f0 } as const;

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function foldCharacter(char: string): string {
  const folded = LETTER_FOLDS[char];
  if (folded !== undefined) return folded;
  const code = char.charCodeAt(0);
  if (code >= DIGIT_ZERO.arabicIndic && code <= DIGIT_ZERO.arabicIndic + 9) return String(code - DIGIT_ZERO.arabicIndic);
  if (code >= DIGIT_ZERO.persian && code <= DIGIT_ZERO.persian + 9) return String(code - DIGIT_ZERO.persian);
  return char;
}

/**
 * One word (a run of letters, digits and marks) folded for matching; may be empty (a lone tatweel).
 * Not remembered here: the tokenizer remembers each written word's whole analysis, this included.
 */
export function normalizeWord(word: string): string {
  return word
    .normalize('NFKC')
    .replace(DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(INVISIBLE_IN_WORDS, '')
    .replace(/[\u0600-\u06FF\u0750-\u077F]/g, foldCharacter)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // Latin accents: "Sûreté" and "surete" match
    .replace(/ı/g, 'i'); // Turkish's dotless i, which has no accent to drop: "uluslararası" is "uluslararasi"
}
