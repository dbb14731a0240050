import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from './normalize.js';
import { normalizeForMatching, tokenize, tokenizeWithOffsets } from './tokens.js';

describe('normalizeForMatching', () => {
  it.each([
    ['alef and hamza forms', 'أإآٱا', 'ااااا'],
    ['ta marbuta and alef maqsura', 'مديرية على', 'مديريه علي'],
    ['diacritics', 'مُدِيرِيَّةُ', 'مديريه'],
    ['tatweel', 'الأمـــــن', 'الامن'],
    ['Arabic-Indic and Persian digits', '٢٠٢٤ و۱۹۲۳', '2024 و1923'],
    ['quote styles and punctuation', '“الأنتربول” «الإنتربول» (انتربول)،', 'الانتربول الانتربول انتربول'],
    ['Maghrebi letters for g, v and p', 'أڭادير أگادير أݣادير ڤيديو ڨالمة پاريس', 'اكادير اكادير اكادير فيديو قالمه باريس'],
    ['Latin case and accents', 'Sûreté NATIONALE', 'surete nationale'],
    ["Turkish's dotted and dotless i", 'Uluslararası İstanbul', 'uluslararasi istanbul'],
    ['HTML entities', 'DGSN &amp; Interpol &#1605;&#x0645;', 'dgsn interpol مم'],
    ['whitespace', '  a \n\t b  ', 'a b'],
    ['invisible characters inside words (zero-width non-joiner and joiner, soft hyphen, direction marks, BOM)', 'الم\u200Cديرية الع\u200Dامة للأ\u00ADمن الوطني\u200F، In\u2060ter\uFEFFpol \u202Bحموشي\u202C \u061Cالرباط', 'المديريه العامه للامن الوطني interpol حموشي الرباط'],
    ['a zero-width space, a break between words', 'الأمن\u200Bالوطني', 'الامن الوطني'],
  ])('folds %s', (_name, input, expected) => {
    expect(normalizeForMatching(input)).toBe(expected);
  });

  it('makes two spellings of one sentence equal', () => {
    expect(normalizeForMatching('صوّتت الجمعية العامة للأنتربول، صباح اليوم')).toBe(normalizeForMatching('صوتت الجمعيـة العامة للانتربول صباح اليوم'));
  });
});

describe('decodeHtmlEntities', () => {
  it('leaves unknown entities and invalid code points alone', () => {
    expect(decodeHtmlEntities('&bogus; &#0; &#xFFFFFFF;')).toBe('&bogus; &#0; &#xFFFFFFF;');
  });
});

describe('tokenize', () => {
  it('returns no token for blank text', () => {
    expect(tokenize('  ،  ')).toEqual([]);
  });

  it('makes each Chinese and Japanese character a word, as they write no spaces', () => {
    expect(tokenize('国际刑警组织 Interpol')).toEqual(['国', '际', '刑', '警', '组', '织', 'interpol']);
  });

  it('makes each Thai letter a word too, as Thai writes no spaces between words', () => {
    expect(tokenize('โพล Interpol')).toEqual(['โ', 'พ', 'ล', 'interpol']);
    expect(tokenize('東京のインターポール').map((word) => word.normalize('NFC'))).toEqual(['東', '京', 'の', 'イ', 'ン', 'タ', 'ー', 'ポ', 'ー', 'ル']);
    expect(tokenizeWithOffsets('abc国x').offsets).toEqual([0, 3, 4]);
  });
});
