import { describe, expect, it } from 'vitest';
import { canonicalUrl, isListingPage, itemIdFor, publishedLink } from './identity.js';

describe('canonicalUrl', () => {
  it.each([
    ['tracking parameters', 'https://www.hespress.com/a.html?utm_source=rss&utm_medium=feed&fbclid=x', 'https://hespress.com/a.html'],
    ['the fragment', 'https://alyaoum24.com/1932554.html#comments', 'https://alyaoum24.com/1932554.html'],
    ['host case and www', 'https://WWW.Hespress.COM/a.html', 'https://hespress.com/a.html'],
    ['the mobile host', 'https://m.hespress.com/a.html', 'https://hespress.com/a.html'],
    ['an AMP path', 'https://www.hespress.com/a.html/amp', 'https://hespress.com/a.html/'],
    ['an AMP parameter', 'https://example.ma/news/1?amp=1', 'https://example.ma/news/1'],
    ['the default port', 'https://example.ma:443/x', 'https://example.ma/x'],
    ['parameter order', 'https://example.ma/?b=2&a=1', 'https://example.ma/?a=1&b=2'],
    ['http and its default port', 'http://example.ma:80/x', 'https://example.ma/x'],
    ['the case of percent escapes', 'https://example.ma/%d8%aa%D9%88-1', 'https://example.ma/%D8%AA%D9%88-1'],
    ['an Arabic path as written', 'https://example.ma/تو-1', 'https://example.ma/%D8%AA%D9%88-1'],
    ['a session id in the query', 'https://example.ma/news.php?id=7&PHPSESSID=9f8e7d6c5b', 'https://example.ma/news.php?id=7'],
    ['a session id in the path', 'https://example.ma/news/7;jsessionid=A1B2C3D4?page=1', 'https://example.ma/news/7?page=1'],
    ['a referrer mark', 'https://example.ma/a.html?ref_src=twsrc&__twitter_impression=true', 'https://example.ma/a.html'],
  ])('folds %s', (_name, raw, expected) => {
    expect(canonicalUrl(raw)).toBe(expected);
  });

  it('keeps parameters that identify the article', () => {
    expect(canonicalUrl('https://example.ma/article.php?id=42&utm_campaign=x')).toBe('https://example.ma/article.php?id=42');
    expect(canonicalUrl('https://example.ma/modules.php?name=News&sid=42')).not.toBe(canonicalUrl('https://example.ma/modules.php?name=News&sid=43'));
  });

  it.each(['#comments', '#comment-42', '#respond', '#more-1234', '#xtor=RSS-3208', '#ixzz8abc', '#:~:text=interpol', '#'])('drops a fragment that names a place in the article: %s', (fragment) => {
    expect(canonicalUrl(`https://example.ma/a.html${fragment}`)).toBe('https://example.ma/a.html');
  });

  it("keeps any other fragment: a live blog's or a listing's entries can differ by it alone", () => {
    const entries = ['#update-1', '#update-2', '#item2', '#p17'].map((fragment) => canonicalUrl(`https://example.ma/live/12${fragment}`));
    expect(new Set(entries).size).toBe(4);
    expect(entries[0]).toBe('https://example.ma/live/12#update-1');
  });

  it('keeps a hash route, the article itself on a single-page site', () => {
    expect(canonicalUrl('https://www.example.ma/#/news/12')).toBe('https://example.ma/#/news/12');
    expect(canonicalUrl('https://example.ma/#!/news/12')).not.toBe(canonicalUrl('https://example.ma/#!/news/13'));
    expect(canonicalUrl('https://example.ma/news.html#/')).toBe('https://example.ma/news.html');
  });

  it('resolves a relative link against its base', () => {
    expect(canonicalUrl('/a.html', 'https://www.hespress.com/feed')).toBe('https://hespress.com/a.html');
  });
});

describe('itemIdFor', () => {
  it('is the same for the same canonical URL and different otherwise', () => {
    const a = itemIdFor(canonicalUrl('https://www.hespress.com/a.html?utm_source=x'));
    expect(a).toBe(itemIdFor(canonicalUrl('https://hespress.com/a.html#top')));
    expect(a).not.toBe(itemIdFor(canonicalUrl('https://hespress.com/b.html')));
    expect(a).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('publishedLink', () => {
  it('keeps an absolute link as the source wrote it', () => {
    for (const link of ['https://www.hespress.com/a.html?utm_source=rss', 'https://www.hespress.com/توقيف-مشتبه-فيه.html', 'HTTP://Example.ma/x#top']) {
      expect(publishedLink(`  ${link}\n`)).toBe(link);
    }
  });

  it('resolves a relative link, and spells out one with spaces', () => {
    expect(publishedLink('/a.html', 'https://www.hespress.com/feed')).toBe('https://www.hespress.com/a.html');
    expect(publishedLink('//cdn.example.ma/a', 'https://example.ma/')).toBe('https://cdn.example.ma/a');
    expect(publishedLink('https://example.ma/a b.html')).toBe('https://example.ma/a%20b.html');
    expect(() => publishedLink('/a.html')).toThrow();
  });
});

describe('isListingPage', () => {
  it.each([
    'https://example.ma/category/politique/',
    'https://example.ma/category/monde/afrique/',
    'https://example.ma/ar/tag/%D8%A7%D9%84%D8%A3%D9%85%D9%86/',
    'https://example.ma/author/redaction',
    'https://example.ma/taxonomy/term/12',
    'https://example.ma/2026/12/',
    'https://example.ma/2026/12/07',
    'https://example.ma/politique/page/2/',
    'https://example.ma/feed/',
    'https://example.ma/تصنيف/أمن/',
  ])('reads %s as a listing page', (url) => {
    expect(isListingPage(url)).toBe(true);
  });

  it.each([
    'https://example.ma/2026/12/07/dgsn-campagne/',
    'https://example.ma/politique/dgsn-campagne-123.html',
    'https://example.ma/category/politique/dgsn-campagne.html',
    'https://example.ma/category/politique/2026/12/dgsn-campagne',
    'https://example.ma/tags-and-trends-of-2026.html',
    'https://example.ma/ar/توقيف-مشتبه-1234',
    'https://example.ma/?p=123',
    'https://example.ma/5678',
    'https://example.ma/category/news/12345-dgsn-campagne',
  ])('reads %s as an article', (url) => {
    expect(isListingPage(url)).toBe(false);
  });
});
