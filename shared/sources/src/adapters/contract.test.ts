import { readFileSync } from 'node:fs';
import { createLogger } from '@marsad/logger';
import { SourceSchema } from '@marsad/config';
import { serveFixtures } from '@marsad/testing';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../http/client.js';
import { canonicalUrl, itemIdFor } from '../identity.js';
import { ADAPTERS, fetchWithAdapter } from '../registry.js';

const log = createLogger({ level: 'silent' });
const DAY_MS = 86_400_000;

/**
 * Every adapter's example source, replayed from the recorded fixture beside it, must yield items
 * with titles, absolute links, unique ids and sane dates, asking for nothing but its fixture.
 */
describe.each(Object.values(ADAPTERS))('adapter $meta.name contract', (adapter) => {
  it('reads its recorded fixture into well-formed items', async () => {
    const example = new URL(String(adapter.meta.example.url));
    const fixture = readFileSync(new URL(`./${adapter.meta.name}.fixture.xml`, import.meta.url));
    const server = await serveFixtures({ [example.pathname]: { body: fixture, headers: { 'content-type': 'application/xml' } } });
    const http = createHttpClient();
    try {
      const source = SourceSchema.parse({ ...adapter.meta.example, url: server.url(example.pathname) });
      const items = await fetchWithAdapter(adapter, source, { http, log });
      expect(items.length).toBeGreaterThan(0);
      const ids = items.map((item) => itemIdFor(canonicalUrl(item.url)));
      expect(new Set(ids).size).toBe(items.length);
      for (const item of items) {
        expect(item.title.trim()).not.toBe('');
        expect(item.url).toMatch(/^https?:\/\//);
        expect(item.text.length).toBeGreaterThan(item.title.length);
        if (item.publishedAt) expect(Date.parse(item.publishedAt)).toBeLessThan(Date.now() + DAY_MS);
      }
      expect(server.unexpected).toEqual([]);
    } finally {
      await http.close();
      await server.close();
    }
  });
});
