import { describe, expect, it } from 'vitest';
import { directionOf, formatDelay, languageName, markedHtml } from './format.js';

describe('formatDelay', () => {
  it.each([
    [0, '0 ثانية'],
    [45, '45 ثانية'],
    [120, 'دقيقتان'],
    [600, '10 دقائق'],
    [3_600, 'ساعة'],
    [7_500, 'ساعتان و5 دقائق'],
    [11 * 3_600 + 60, '11 ساعة ودقيقة'],
    [3 * 86_400, '3 أيام'],
  ])('writes %i seconds in Arabic, with its dual and plurals: %s', (seconds, text) => {
    expect(formatDelay(seconds)).toBe(text);
  });
});

describe('directionOf', () => {
  it.each([
    ['arb', { lang: 'ar', dir: 'rtl' }],
    ['ary', { lang: 'ar', dir: 'rtl' }],
    ['pes', { lang: 'fa', dir: 'rtl' }],
    ['fra', { lang: 'fr', dir: 'ltr' }],
    ['ukr', { lang: 'uk', dir: 'ltr' }],
    ['mkd', { lang: 'mk', dir: 'ltr' }],
    ['cmn', { lang: 'zh', dir: 'ltr' }],
    ['zgh', { lang: 'zgh', dir: 'ltr' }],
    ['und', { lang: 'und', dir: 'auto' }],
  ])('gives %s the BCP 47 tag a browser knows, and its direction', (language, expected) => {
    expect(directionOf(language)).toEqual(expected);
  });

  it('keeps a code that is no language tag as it is', () => {
    expect(directionOf('x!')).toEqual({ lang: 'x!', dir: 'ltr' });
  });
});

describe('languageName', () => {
  it.each([
    ['arb', 'العربية'],
    ['fra', 'الفرنسية'],
    ['ukr', 'الأوكرانية'],
    ['ary', 'الدارجة'],
    ['und', 'غير محددة'],
    ['x!', 'x!'],
  ])('names %s in Arabic: %s', (language, name) => {
    expect(languageName(language)).toBe(name);
  });
});

describe('markedHtml', () => {
  it('marks a passage in <mark> and escapes the rest', () => {
    expect(String(markedHtml({ text: '<b>Tanger</b> & Tétouan', marks: [[3, 9], [16, 23]] }))).toBe('&lt;b&gt;<mark>Tanger</mark>&lt;/b&gt; &amp; <mark>Tétouan</mark>');
    expect(String(markedHtml({ text: 'نص', marks: [] }))).toBe('نص');
  });
});
