import { describe, expect, it } from 'vitest';
import { directionOf, formatDelay, languageName, markedExcerpt, markedText } from './format.js';

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

describe('markedExcerpt', () => {
  const rangesOf = (text: string, ...words: string[]) => words.map((word): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length]);

  it('shows the text around its first mark, cut at words, every mark in it marked and the rest escaped', () => {
    const text = `${'كلمة '.repeat(100)}أوقفت الشرطة   القضائية بطنجة <b>مشتبها</b> به\nفي قضية ${'نص '.repeat(100)}`;
    const excerpt = String(markedExcerpt(text, rangesOf(text, 'الشرطة', 'بطنجة'), 120));
    expect(excerpt).toMatch(/^…(كلمة ){3,6}أوقفت <mark>الشرطة<\/mark> القضائية <mark>بطنجة<\/mark> &lt;b&gt;مشتبها&lt;\/b&gt; به في قضية (نص )*نص…$/);
    expect(excerpt.replace(/<\/?mark>/g, '').replace(/&lt;|&gt;/g, '-').length).toBeLessThanOrEqual(122);
  });

  it('shows a short text whole, and a text without marks from its start', () => {
    expect(String(markedExcerpt('توقيف شخص بفاس', [[6, 9]]))).toBe('توقيف <mark>شخص</mark> بفاس');
    expect(String(markedExcerpt(`${'نص '.repeat(200)}`, []))).toMatch(/^(نص )+نص…$/);
    expect(String(markedText('Tanger & Tétouan', [[0, 6]]))).toBe('<mark>Tanger</mark> &amp; Tétouan');
  });
});
