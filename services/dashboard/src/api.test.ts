import type { ClassifiedItem } from '@marsad/queues';
import { openStore, type Store } from '@marsad/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboardApp } from './app.js';

let store: Store;
const item = (id: string, over: Partial<ClassifiedItem>): ClassifiedItem => ({
  id, sourceId: 'hespress', url: `https://www.hespress.com/${id}.html`, title: `خبر ${id}`, text: 'نص المقال', publishedAt: '2026-11-20T08:00:00.000Z',
  fetchedAt: '2026-11-20T10:00:00.000Z', language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: id, tags: [], evidence: {}, ...over,
});

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  for (const i of [
    item('a', { tags: ['dgsn'] }),
    item('a-copy', { sourceId: 'alyaoum24', storyId: 'a', duplicateOf: 'a', similarity: 0.9, tags: ['dgsn'], publishedAt: '2026-11-20T09:30:00.000Z' }),
    item('fr', { language: 'fra', arabic: false, title: 'La DGSN recrute', text: 'La Sûreté nationale ouvre un concours à Tanger pour 500 gardiens de la paix.', publishedAt: '2026-11-21T08:00:00.000Z' }),
  ]) await store.upsertItem(i);
});
afterAll(() => store.close());

const app = () => buildDashboardApp({ api: { listItems: (filter) => store.listItems(filter), itemPage: (filter, after) => store.itemPage(filter, after), sources: async () => [{ sourceId: 'hespress', state: 'ok' }] } });

describe('JSON API', () => {
  it('lists items newest first, filtered, without their text', async () => {
    const server = await app();
    const all = (await server.inject({ method: 'GET', url: '/api/items' })).json() as { items: { id: string; text?: string }[] };
    expect(all.items.map((i) => i.id)).toEqual(['fr', 'a-copy', 'a']);
    expect(all.items[0]).not.toHaveProperty('text');
    const dgsn = (await server.inject({ method: 'GET', url: '/api/items?tag=dgsn&source=alyaoum24' })).json() as { items: { id: string }[] };
    expect(dgsn.items.map((i) => i.id)).toEqual(['a-copy']);
    const french = (await server.inject({ method: 'GET', url: '/api/items?language=fra&since=2026-11-21T00:00:00Z' })).json() as { items: { id: string }[] };
    expect(french.items.map((i) => i.id)).toEqual(['fr']);
    // A day, or a time without its offset, as the CLI takes them: UTC.
    const sinceDay = (await server.inject({ method: 'GET', url: '/api/items?language=fra&since=2026-11-21' })).json() as { items: { id: string }[] };
    expect(sinceDay.items.map((i) => i.id)).toEqual(['fr']);
    const noDay = await server.inject({ method: 'GET', url: '/api/items?until=2026-02-30' });
    expect(noDay.statusCode).toBe(400);
    await server.close();
  });

  it("gives a search's items the passage where each says what was asked, its words marked", async () => {
    const server = await app();
    const found = (await server.inject({ method: 'GET', url: `/api/items?q=${encodeURIComponent('طنجة concours')}` })).json() as { items: { id: string; excerpt: { text: string; marks: [number, number][] } }[] };
    expect(found.items.map((i) => i.id)).toEqual(['fr']);
    const { text, marks } = found.items[0]!.excerpt;
    expect(text).toBe('La Sûreté nationale ouvre un concours à Tanger pour 500 gardiens de la paix.');
    expect(marks.map(([start, end]) => text.slice(start, end))).toEqual(['concours', 'Tanger']);
    expect((await server.inject({ method: 'GET', url: '/api/items' })).json().items[0]).not.toHaveProperty('excerpt');
    await server.close();
  });

  it('pages by cursor: each page names the next, which an item stored meanwhile does not shift', async () => {
    const server = await app();
    const get = async (url: string) => (await server.inject({ method: 'GET', url })).json() as { items: { id: string }[]; next: string | null };
    const first = await get('/api/items?limit=1');
    expect(first.items.map((i) => i.id)).toEqual(['fr']);
    await store.upsertItem(item('newer', { publishedAt: '2026-11-22T08:00:00.000Z' }));
    const seen = [...first.items.map((i) => i.id)];
    for (let next = first.next; next; ) {
      const page = await get(`/api/items?limit=1&after=${next}`);
      seen.push(...page.items.map((i) => i.id));
      next = page.next;
    }
    expect(seen).toEqual(['fr', 'a-copy', 'a']);
    expect((await get('/api/items?limit=10')).next).toBeNull();
    const forged = Buffer.from(JSON.stringify({ at: '2026-02-30T00:00:00.000000Z', id: 'a' })).toString('base64url');
    for (const after of ['bm90LWEtY3Vyc29y', forged]) {
      const bad = await server.inject({ method: 'GET', url: `/api/items?after=${after}` });
      expect(bad.statusCode).toBe(400);
      expect((bad.json() as { issues: string[] }).issues).toEqual(['after: not a cursor this API gave (the "next" of a page)']);
    }
    await server.close();
  });

  it('refuses invalid parameters with the reason', async () => {
    const server = await app();
    const response = await server.inject({ method: 'GET', url: '/api/items?limit=0&since=yesterday&colour=red&tag=DGSN&language=ar' });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { issues: string[] };
    expect(body.issues).toContain('tag: unknown tag "DGSN" (tags: interpol, dgsn)');
    expect(body.issues).toContain('language: an ISO 639-3 code, as items hold it: arb for Arabic, ary for Darija, fra for French');
    expect(body.issues.join('\n')).toMatch(/limit/);
    expect(body.issues.join('\n')).toMatch(/since/);
    expect(body.issues.join('\n')).toMatch(/colour/);
    await server.close();
  });

  it('shows a story: its original and every copy with outlet, time and similarity', async () => {
    const server = await app();
    const story = (await server.inject({ method: 'GET', url: '/api/stories/a' })).json() as { first: { id: string }; pickups: { itemId: string; sourceId: string; afterSeconds: number; similarity: number }[] };
    expect(story.first.id).toBe('a');
    expect(story.pickups).toEqual([expect.objectContaining({ itemId: 'a-copy', sourceId: 'alyaoum24', afterSeconds: 5400, similarity: 0.9 })]);
    expect((await server.inject({ method: 'GET', url: '/api/stories/nope' })).statusCode).toBe(404);
    expect((await server.inject({ method: 'GET', url: '/api/sources' })).json()).toEqual({ sources: [{ sourceId: 'hespress', state: 'ok' }] });
    await server.close();
  });
});
