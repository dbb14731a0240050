import { AlertsSchema } from '@marsad/config';
import type { ClassifiedItem } from '@marsad/queues';
import { compileRule } from '@marsad/service-alerter';
import { openStore, type Store } from '@marsad/store';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboardApp } from './app.js';
import { newsroomSources } from './test-newsroom.js';

let store: Store;
const item = (id: string, over: Partial<ClassifiedItem>): ClassifiedItem => ({
  id, sourceId: 'hespress', url: `https://www.hespress.com/${id}.html`, title: `خبر ${id}`, text: 'نص المقال', publishedAt: null,
  fetchedAt: '2026-11-20T10:00:00.000Z', language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: id, tags: [], evidence: {}, ...over,
});

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  for (const i of [
    item('s1', { title: 'المديرية العامة للأمن الوطني <script>alert(1)</script>', tags: ['dgsn'], publishedAt: '2026-11-20T08:00:00.000Z' }),
    item('s1-copy', { sourceId: 'alyaoum24', storyId: 's1', duplicateOf: 's1', similarity: 0.91, tags: ['dgsn'], publishedAt: '2026-11-20T08:45:00.000Z' }),
    item('s2', { tags: ['interpol'], publishedAt: '2026-11-20T09:00:00.000Z' }),
    item('s3', { tags: ['dgsn'], text: 'أعلنت المديرية العامة للأمن الوطني <عن> حملة', evidence: { dgsn: [{ alias: 'المديرية العامة للأمن الوطني', offset: 9, matched: 'المديرية العامة للأمن الوطني' }] }, publishedAt: '2026-11-21T09:00:00.000Z' }),
  ]) await store.upsertItem(i);
});
afterAll(() => store.close());

function app() {
  const alerts = AlertsSchema.parse({ channels: [{ id: 'h', type: 'webhook', url: 'https://h.example' }], rules: [{ id: 'dgsn', tags: ['dgsn'], channels: ['h'] }] });
  return buildDashboardApp({ rules: alerts.rules.map((rule) => compileRule(rule)), recentItems: (limit) => store.listItems({ limit }) });
}

describe('Atom feed per alert rule', () => {
  it('lists the rule\'s stories, newest first, each once with its pickups, as valid Atom', async () => {
    const server = await app();
    const response = await server.inject({ method: 'GET', url: '/feeds/dgsn.atom' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const $ = cheerio.load(response.body, { xml: true });
    const feed = $('feed');
    expect(feed.attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
    // RFC 4287: a feed has id, title and updated; each entry id, title, updated and a link.
    for (const name of ['id', 'title', 'updated']) expect(feed.children(name).text(), name).not.toBe('');
    const entries = $('entry').toArray().map((e) => $(e));
    expect(entries.map((e) => e.children('id').text())).toEqual(['urn:marsad:story:s3', 'urn:marsad:story:s1']);
    for (const entry of entries) {
      expect(entry.children('title').text()).not.toBe('');
      expect(Date.parse(entry.children('updated').text())).not.toBeNaN();
      expect(entry.children('link').attr('href')).toMatch(/^https:\/\//);
    }
    // type="html": the reader decodes it once and shows the tag as text; nothing from a feed can run.
    expect(entries[1]!.children('title').attr('type')).toBe('html');
    expect(entries[1]!.children('title').text()).toBe('المديرية العامة للأمن الوطني &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(response.body).not.toContain('<script>');
    expect(entries[1]!.children('summary, content').text()).toContain('also published by: alyaoum24 (+45 min)');
    // The passage where the article says what made the rule fire, those words in bold, the rest escaped.
    expect(entries[0]!.children('summary, content').text()).toMatch(/^أعلنت <b>المديرية العامة للأمن الوطني<\/b> &lt;عن&gt; حملة<br\/>/);
    await server.close();
  });

  it('names the outlets as the sources file does', async () => {
    const alerts = AlertsSchema.parse({ channels: [{ id: 'h', type: 'webhook', url: 'https://h.example' }], rules: [{ id: 'dgsn', tags: ['dgsn'], channels: ['h'] }] });
    // The pages' own data, from a store of their own: only its source names matter here.
    const pagesStore = await openStore({ dataDir: 'memory://' });
    const web = await newsroomSources(pagesStore);
    const server = await buildDashboardApp({ rules: alerts.rules.map((rule) => compileRule(rule)), recentItems: (limit) => store.listItems({ limit }), web });
    const $ = cheerio.load((await server.inject({ method: 'GET', url: '/feeds/dgsn.atom' })).body, { xml: true });
    const entry = $('entry').filter((_, e) => $(e).children('id').text() === 'urn:marsad:story:s1');
    expect(entry.find('author > name').text()).toBe('Hespress');
    expect(entry.children('summary, content').text()).toContain('also published by: اليوم 24 (+45 min)');
    await server.close();
    await pagesStore.close();
  });

  it('answers 404, listing the feeds, for a rule that does not exist', async () => {
    const server = await app();
    const response = await server.inject({ method: 'GET', url: '/feeds/nope.atom' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('/feeds/dgsn.atom');
    await server.close();
  });
});
