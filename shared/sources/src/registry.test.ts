import { parseConfigText } from '@marsad/config';
import { describe, expect, it } from 'vitest';
import { adapterOptionChecks, getAdapter } from './registry.js';

describe('adapter names', () => {
  it.each([
    ['rss', 'rss'],
    ['RSS', 'rss'],
    ['atom', 'rss'],
    ['Atom', 'rss'],
    ['feed', 'rss'],
    ['json-feed', 'rss'],
    ['news-sitemap', 'sitemap'],
    ['WordPress', 'wordpress'],
    ['wp', 'wordpress'],
    ['HTML', 'html'],
  ])('reads adapter: %s as the %s adapter', (written, name) => {
    expect(getAdapter(written)?.meta.name).toBe(name);
  });

  it('knows no other', () => {
    expect(getAdapter('rsss')).toBeUndefined();
  });

  it('lets a sources file name an adapter by an alias, in any case', () => {
    const text = 'sources:\n  - { id: a, adapter: Atom, url: "https://a.example/feed", fullText: auto }\n  - { id: b, adapter: WP, url: "https://b.example" }\n';
    const config = parseConfigText(text, 'x.yml', adapterOptionChecks());
    expect(config.sources.map((s) => getAdapter(s.adapter)?.meta.name)).toEqual(['rss', 'wordpress']);
  });

  it("checks the options of the adapter an alias names", () => {
    const text = 'sources:\n  - { id: b, adapter: WP, url: "https://b.example", fullText: auto }\n';
    expect(() => parseConfigText(text, 'x.yml', adapterOptionChecks())).toThrow(/x\.yml:2:\d+: sources\[0\]: unknown key\(s\) "fullText"/);
  });

  it('says what fullText takes, where zod said "Invalid input"', () => {
    const text = 'sources:\n  - { id: a, url: "https://a.example/feed", fullText: yes }\n';
    expect(() => parseConfigText(text, 'x.yml', adapterOptionChecks())).toThrow(/x\.yml:2:\d+: sources\[0\]\.fullText: true \(every item's page\), false or auto/);
  });
});
