import { openStore, type Store } from '@marsad/store';
import { NameSpellings } from '@marsad/text';
import { createTestDatabase, type TestDatabase } from '@marsad/testing';
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboardApp } from './app.js';
import { startOfDay } from './pages/format.js';
import { newsroomSources, REFERENCE_ID, REFERENCE_TEXT, UNPICKED_ID } from './test-newsroom.js';

/** A team's names for searches (the config's search.names). */
const TEAM_NAMES = new NameSpellings([['Tingis', 'طنجة']]);

describe.each([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
] as const)('newsroom pages on %s', (_label, kind) => {
  let database: TestDatabase | undefined;
  let store: Store;
  let app: FastifyInstance;
  let fetching = { paused: false, workers: 1 };

  beforeAll(async () => {
    database = kind === 'postgres' ? await createTestDatabase() : undefined;
    store = await openStore({ ...(database ? { databaseUrl: database.url } : { dataDir: 'memory://' }), names: TEAM_NAMES });
    const web = { ...(await newsroomSources(store)), names: TEAM_NAMES, fetching: async () => fetching };
    app = await buildDashboardApp({ web, api: { listItems: web.listItems, itemPage: (filter, after) => store.itemPage(filter, after), sources: web.sourceHealth } });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await database?.drop();
  });

  const page = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, headers: response.headers, $: cheerio.load(response.body), body: response.body };
  };
  const listed = ($: cheerio.CheerioAPI) => $('article.item').map((_, a) => $(a).attr('data-id')).get();

  it('lists items newest first, each titled in its own language and direction, under a script-free policy', async () => {
    const { status, $, headers } = await page('/');
    expect(status).toBe(200);
    expect($('html').attr('dir')).toBe('rtl');
    expect(listed($)).toEqual(['fr-dgsn', 'police-tanger-copy', 'police-tanger', 'ref-pickup-2', 'ref-pickup-1', 'hostile']);
    const title = (id: string) => $(`article[data-id="${id}"] h2`);
    expect([title('police-tanger').attr('lang'), title('police-tanger').attr('dir')]).toEqual(['ar', 'rtl']);
    expect([title('fr-dgsn').attr('lang'), title('fr-dgsn').attr('dir')]).toEqual(['fr', 'ltr']);
    expect($('article[data-id="fr-dgsn"] .meta .language').text()).toBe('الفرنسية');
    expect($('article[data-id="fr-dgsn"] .meta .language').attr('title')).toBe('fra');
    expect($('article[data-id="police-tanger-copy"] .copy').text()).toMatch(/^نسخة من خبر سابق \(تشابه 93%\)/);
    expect($('article[data-id="ref-pickup-1"] .copy').text()).toContain(`نسخة من المقال المرجعي «${REFERENCE_TEXT.split('\n')[0]}» (تشابه 97%)`);
    expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(headers['content-security-policy']).not.toMatch(/script-src/);
    expect($('script')).toHaveLength(0);
  });

  it('shows feed text as text: no element, attribute or link comes from an item', async () => {
    const { $, body } = await page('/');
    const hostile = $('article[data-id="hostile"]');
    expect(hostile.find('h2').text()).toBe('عنوان <script>window.__pwned=1</script>');
    expect(hostile.find('.snippet').text()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(hostile.find('img, script, [onerror]')).toHaveLength(0);
    expect(hostile.find('h2 a')).toHaveLength(0); // a javascript: link is not a link
    expect(body).not.toContain('<script>window');
  });

  it('downloads what the filters find as a spreadsheet, linked from the page with the same filters', async () => {
    const { $ } = await page('/?source=alyaoum24&tag=dgsn&page=1');
    expect($('a.export').attr('href')).toBe('/items.csv?tag=dgsn&source=alyaoum24');
    const response = await app.inject({ method: 'GET', url: '/items.csv?tag=dgsn&source=alyaoum24' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="marsad-items.csv"');
    const lines = response.body.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('الوقت (Africa/Casablanca),المنبر,العنوان,الوسوم,اللغة,نسخة من,التشابه (%),الرابط');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^2026-11-20 (09|10):30,اليوم 24,توقيف مشتبه به في طنجة,dgsn,arb,police-tanger,93,https:\/\/alyaoum24\.com\/1\.html$/),
      // A copy of a reference article names it by its title.
      expect.stringMatching(/^2026-11-19 1[23]:00,اليوم 24,المغرب يحتضن الجمعية العامة للأنتربول,dgsn interpol,arb,أفادت المديرية العامة للأمن الوطني بأن المغرب سيحتضن الدورة المقبلة للجمعية العامة للأنتربول\.,97,https:/),
    ]);
    expect((await app.inject({ method: 'GET', url: '/items.csv?q=%22unclosed' })).statusCode).toBe(400);
  });

  it('filters by tag, source, language and day (days in the configured time zone)', async () => {
    expect(listed((await page('/?tag=interpol')).$)).toEqual(['ref-pickup-2', 'ref-pickup-1']);
    expect(listed((await page('/?source=alyaoum24&tag=dgsn')).$)).toEqual(['police-tanger-copy', 'ref-pickup-1']);
    expect(listed((await page('/?language=fra')).$)).toEqual(['fr-dgsn']);
    expect(listed((await page('/?from=2026-11-20&to=2026-11-20&q=&tag=')).$)).toEqual(['police-tanger-copy', 'police-tanger']);
    const form = (await page('/?tag=interpol&source=hespress')).$;
    expect(form('select[name="tag"] option[selected]').attr('value')).toBe('interpol');
    expect(form('select[name="source"] option[selected]').text()).toBe('Hespress');
    expect(form('select[name="tag"] option').map((_, o) => form(o).attr('value')).get()).toEqual(['', 'dgsn', 'interpol']);
    expect(form('select[name="language"] option').map((_, o) => [[form(o).attr('value'), form(o).text()]]).get()).toEqual([['', 'كل اللغات'], ['arb', 'العربية'], ['fra', 'الفرنسية']]);
  });

  it('searches normalised text: hamza, ta marbuta and clitic variants find each other', async () => {
    expect(listed((await page(`/?q=${encodeURIComponent('الامن الوطني')}`)).$)).toEqual(['police-tanger-copy', 'police-tanger', 'ref-pickup-2', 'ref-pickup-1']);
    expect(listed((await page(`/?q=${encodeURIComponent('أنتربول')}`)).$)).toEqual(['ref-pickup-2', 'ref-pickup-1']);
    expect(listed((await page(`/?q=${encodeURIComponent('"الشرطة القضائية" NOT احتيال')}`)).$)).toEqual([]);
    expect(listed((await page('/?q=sûreté')).$)).toEqual(['fr-dgsn']);
    expect((await page('/?q=sûreté')).$('.also').length).toBe(0);
    // A name finds its spellings in the other scripts, and the page says which it looked for.
    const tangier = await page('/?q=Tanger');
    expect(listed(tangier.$)).toEqual(['police-tanger-copy', 'police-tanger']);
    expect(tangier.$('.also').text()).toBe('يشمل البحث أيضا: Tangier، Tangiers، طنجة، Tingis');
    // What made each item found is marked, in its title and its text.
    const marks = (id: string, part: string) => tangier.$(`article[data-id="${id}"] ${part} mark`).map((_, m) => tangier.$(m).text()).get();
    expect([marks('police-tanger', 'h2'), marks('police-tanger', '.snippet')]).toEqual([['بطنجة'], ['طنجة']]);
    const hostile = await page('/?q=window');
    expect(hostile.$('article[data-id="hostile"] h2').html()).toBe('عنوان &lt;script&gt;<mark>window</mark>.__pwned=1&lt;/script&gt;');
    expect(hostile.$('script, img')).toHaveLength(0);
    expect(listed((await page(`/?q=${encodeURIComponent('DGSN -طنجة')}`)).$)).toEqual(['fr-dgsn', 'ref-pickup-2', 'ref-pickup-1']);
    // A name of the team's (the config's search.names).
    const team = await page('/?q=Tingis');
    expect(listed(team.$)).toEqual(['police-tanger-copy', 'police-tanger']);
    expect(team.$('.also').text()).toBe('يشمل البحث أيضا: Tanger، Tangier، Tangiers، طنجة');
    const bad = await page(`/?q=${encodeURIComponent('(الأمن')}`);
    expect(bad.status).toBe(400);
    expect(bad.$('.error').text()).toBe('لا يمكن قراءة البحث: قوس «(» غير مغلق');
    expect(bad.$('input[name="q"]').attr('value')).toBe('(الأمن');
  });

  it('refuses a malformed filter with the reason in Arabic, keeping the form', async () => {
    const { status, $ } = await page(`/?from=yesterday&page=0&colour=red&language=${'x'.repeat(9)}`);
    expect(status).toBe(400);
    expect($('.error').text().split('؛ ').sort()).toEqual(['«colour»: ليس من حقول البحث', 'الصفحة: عدد صحيح من 1 إلى 10000', 'اللغة: أطول من اللازم', 'من: يوم بصيغة YYYY-MM-DD'].sort());
    expect($('input[name="from"]').attr('value')).toBe('yesterday');
  });

  it('shows a story: the original, its text and every copy with outlet, time and similarity', async () => {
    const { status, $ } = await page('/stories/police-tanger');
    expect(status).toBe(200);
    expect($('h1').text()).toBe('الشرطة القضائية بطنجة توقف مشتبها به');
    expect($('.text').text()).toContain('أوقفت مشتبها به');
    const rows = $('table.pickups tbody tr');
    expect(rows.map((_, r) => $(r).attr('data-item')).get()).toEqual(['police-tanger-copy']);
    expect(rows.find('.source').text()).toBe('اليوم 24');
    expect(rows.find('.similarity').text()).toBe('93%');
    expect(rows.find('.after').text()).toBe('ساعة و30 دقيقة');
    expect((await page('/stories/nothing-here')).status).toBe(404);
  });

  it('lists the reference articles, each with its pickups, outlets and first and last pickup, linked to its timeline', async () => {
    const { status, $ } = await page('/references');
    expect(status).toBe(200);
    expect($('nav a[aria-current="page"]').text()).toBe('المقالات المرجعية');
    const row = (id: string) => $(`tr[data-reference="${id}"]`);
    expect(row(REFERENCE_ID).find('a').attr('href')).toBe(`/stories/${REFERENCE_ID}`);
    expect(row(REFERENCE_ID).find('a').text()).toBe(REFERENCE_TEXT.split('\n')[0]);
    expect([row(REFERENCE_ID).find('.pickups').text(), row(REFERENCE_ID).find('.outlets').text()]).toEqual(['2', '2']);
    expect(row(REFERENCE_ID).find('time').map((_, t) => $(t).attr('datetime')).get()).toEqual(['2026-11-19T12:00:00.000Z', '2026-11-19T15:10:00.000Z']);
    expect([row(UNPICKED_ID).find('.pickups').text(), row(UNPICKED_ID).find('time')]).toEqual(['0', expect.objectContaining({ length: 0 })]);
  });

  it('shows a copy beside what it copies, word by word, linked from its row of the story', async () => {
    const story = await page('/stories/police-tanger');
    expect(story.$('tr[data-item="police-tanger-copy"] td.compare a').attr('href')).toBe('/stories/police-tanger/compare/police-tanger-copy');
    // And from the copy's card in the newsroom; an original has none.
    const newsroom = (await page('/')).$;
    expect(newsroom('article[data-id="police-tanger-copy"] a.compare').attr('href')).toBe('/stories/police-tanger/compare/police-tanger-copy');
    expect(newsroom('article[data-id="police-tanger"] a.compare')).toHaveLength(0);
    const { status, $ } = await page('/stories/police-tanger/compare/police-tanger-copy');
    expect(status).toBe(200);
    const marked = (side: number, tag: string) => $('.sides section').eq(side).find(tag).map((_, e) => $(e).text()).get();
    // The original's words the copy changed or left out struck through; the copy's own marked: its intro,
    // the word it wrote instead, the sentence it added (titles are compared too: the copy wrote its own).
    expect(marked(0, 'del')).toEqual(['بطنجة توقف مشتبها به', 'مشتبها']);
    expect(marked(1, 'ins')).toEqual(['توقيف مشتبه', 'طنجة', 'طنجة - متابعة', 'شخصا', 'وأضاف المصدر أن البحث متواصل لتوقيف باقي المتورطين']);
    expect($('.summary').text()).toMatch(/^نقلت النسخة 78% من كلمات الأصل \(18 من 23\)، وكتبت 14 كلمة من عندها\./);
    expect((await page('/stories/police-tanger/compare/police-tanger')).status).toBe(404); // the original itself
    expect((await page('/stories/police-tanger/compare/fr-dgsn')).status).toBe(404); // another story's item
    // A reference's pickup beside the reference article: its whole text kept, its own headline added.
    const reference = await page(`/stories/${REFERENCE_ID}/compare/ref-pickup-2`);
    expect(reference.$('.sides section').eq(0).find('del')).toHaveLength(0);
    expect(reference.$('.sides section').eq(1).find('ins').map((_, e) => reference.$(e).text()).get()).toEqual(['الأنتربول في المغرب']);
    expect(reference.$('.summary').text()).toMatch(/^نقلت النسخة 100% من كلمات المقال المرجعي \(18 من 18\)، وكتبت 3 كلمات من عندها\./);
  });

  it("downloads a story's table as a spreadsheet Excel reads as Arabic, linked from its page", async () => {
    const { $ } = await page(`/stories/${REFERENCE_ID}`);
    expect($('p.export a').attr('href')).toBe(`/stories/${REFERENCE_ID}/pickups.csv`);
    const response = await app.inject({ method: 'GET', url: `/stories/${REFERENCE_ID}/pickups.csv` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="pickups-${REFERENCE_ID}.csv"`);
    expect(response.body.startsWith('\ufeff')).toBe(true);
    const lines = response.body.slice(1).trim().split('\n');
    expect(lines).toEqual([
      'المنبر,الوقت (Africa/Casablanca),بعد أول التقاط (دقائق),التشابه (%),العنوان,الرابط',
      expect.stringMatching(/^اليوم 24,2026-11-19 1[23]:00,0,97,المغرب يحتضن الجمعية العامة للأنتربول,https:\/\/alyaoum24\.com\/ref\.html$/),
      expect.stringMatching(/^Hespress,2026-11-19 1[56]:10,190,88,الأنتربول في المغرب,https:\/\/www\.hespress\.com\/ref\.html$/),
    ]);
    expect((await app.inject({ method: 'GET', url: '/stories/nothing-here/pickups.csv' })).statusCode).toBe(404);
  });

  it("shows a reference article's pickup timeline from its first sighting", async () => {
    const { $ } = await page(`/stories/${REFERENCE_ID}`);
    expect($('.kind').text()).toContain(REFERENCE_ID);
    // Its title is its first line; the text below holds every line.
    expect($('h1').text()).toBe(REFERENCE_TEXT.split('\n')[0]);
    const rows = $('table.pickups tbody tr');
    expect(rows.map((_, r) => $(r).attr('data-item')).get()).toEqual(['ref-pickup-1', 'ref-pickup-2']);
    expect(rows.map((_, r) => $(r).find('.after').text()).get()).toEqual(['0 ثانية', '3 ساعات و10 دقائق']);
  });

  it("lists every source's health with its last error, and each one's failed jobs", async () => {
    const { $ } = await page('/sources');
    const row = (id: string) => $(`tr[data-source="${id}"]`);
    expect(row('hespress').find('.badge').text()).toBe('ok');
    // A poll that succeeded with problems (pages not read) says so, escaped, with when.
    expect(row('hespress').find('small.warning').text()).toMatch(/^warning 2026-11-21 09:45.*: 2 of 9 article pages not read: .*\[timeout\] <i>slow<\/i>\)$/);
    expect(row('le360').find('small.warning')).toHaveLength(0);
    expect(row('alyaoum24').find('.badge').text()).toBe('failing');
    expect(row('alyaoum24').text()).toContain('HTTP 503 from https://alyaoum24.example/feed <b>');
    expect(row('alyaoum24').text()).toContain('http 9, timeout 2');
    expect(row('le360').find('.badge').text()).toBe('backing off');
    expect([row('le360').find('small').eq(1).text(), row('alyaoum24').find('small').eq(1).text()]).toEqual(['1 failure in a row', '6 failures in a row']);
    // A poll that never came: when it was due, and why that may be.
    expect(row('barlamane').find('.badge').text()).toBe('overdue');
    expect(row('barlamane').find('small').eq(1).text()).toBe('poll due 2026-11-21 10:30 UTC');
    expect(row('barlamane').find('small').eq(1).attr('title')).toContain("the source's next poll lost (set again within five minutes while a fetcher runs)");
    // A source the running fetchers poll otherwise than the file says.
    expect(row('le360').find('small.schedule-note').text()).toBe('polled every 30 min, the file says 10 min (restart the fetchers to apply it)');
    expect(row('hespress').find('small.schedule-note')).toHaveLength(0);
    // The next poll its schedule has queued; a failing source's next attempt instead.
    expect([row('hespress').find('td').eq(6).text(), row('alyaoum24').find('td').eq(6).text()]).toEqual(['2026-11-21 10:30 UTC', '2026-11-21 16:00 UTC']);
    expect($('p[role="alert"]')).toHaveLength(0);
    // What stops every poll at once is said above them all.
    fetching = { paused: true, workers: 1 };
    expect((await page('/sources')).$('p[role="alert"]').text()).toBe('The fetch queue is paused: no source is polled until it is resumed (marsad jobs resume fetch, or the queue board).');
    fetching = { paused: false, workers: 0 };
    expect((await page('/sources')).$('p[role="alert"]').text()).toBe('No fetcher is running: no source is polled (marsad start fetcher, or marsad start).');
    fetching = { paused: false, workers: 1 };
    const failed = await page(row('alyaoum24').find('a').attr('href')!);
    expect(failed.$('table.failed td').text()).toContain('HTTP 503');
    expect(failed.$('a[href="/admin/queues/queue/fetch?status=failed"]')).toHaveLength(1);
    expect((await page('/sources/unknown')).status).toBe(404);
  });

  it('lists the alerts sent and those being retried, with their reasons as text, and the channels held', async () => {
    const { status, $ } = await page('/alerts');
    expect(status).toBe(200);
    const row = (key: string) => $(`tr[data-key="${key}"]`);
    expect(row('dgsn|police-tanger|comms-mail').find('.badge').text()).toBe('sent');
    expect(row('dgsn|police-tanger|comms-mail').find('a').attr('href')).toBe('/stories/police-tanger');
    const retried = row('dgsn|police-tanger|comms-tg');
    expect(retried.find('.badge').text()).toBe('pending');
    expect(retried.find('td').last().text()).toBe('telegram comms-tg answered HTTP 429: Too Many Requests: retry after 42 <b>');
    expect(retried.find('b')).toHaveLength(0);
    // A digest's period is no story to link.
    expect(row('daily|digest:2026-11-21|comms-mail').find('a')).toHaveLength(0);
    expect($('ul.holds li').map((_, li) => $(li).attr('data-channel')).get()).toEqual(['comms-tg']);
    expect($('ul.holds li').text()).toContain('42 s more');
    expect($('nav a[aria-current="page"]').attr('href')).toBe('/alerts');
    // Above the log, the rules: when each sends and on what, and how the running alerters apply them.
    const rule = (id: string) => $(`table.rules tr[data-rule="${id}"]`);
    expect(rule('daily').find('td').eq(1).text()).toBe('digest at 08:00 Africa/Casablanca, next 2026-11-22 08:00 UTC, last 2026-11-21 08:00 UTC');
    expect(rule('daily').find('td').eq(2).text()).toBe('tags dgsn, interpol');
    expect(rule('dgsn').find('small.rule-note')).toHaveLength(0);
    expect(rule('pickups').find('small.rule-note').text()).toBe('not applied: added since the alerters started (restart the alerters to apply the file)');
    expect(rule('pickups').find('td').eq(2).text()).toBe('copies of the reference articles');
    expect(rule('old-rule').find('small.rule-note').text()).toMatch(/^no longer in the config file, still applied by the running alerters/);
  });

  it('searches and pages through the JSON API too', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/items?q=${encodeURIComponent('أنتربول')}&limit=1&offset=1` });
    expect((response.json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(['ref-pickup-1']);
    const bad = await app.inject({ method: 'GET', url: '/api/items?q=NOT' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { issues: string[] }).issues[0]).toMatch(/^q: /);
  });
});

describe('days in a time zone', () => {
  // Past dates, whose offsets every time-zone database agrees on (Morocco's rules changed in 2026).
  it('starts a day at local midnight, across daylight saving changes', () => {
    expect(startOfDay('2025-11-20', 'Africa/Casablanca').toISOString()).toBe('2025-11-19T23:00:00.000Z');
    expect(startOfDay('2025-03-10', 'Africa/Casablanca').toISOString()).toBe('2025-03-10T00:00:00.000Z'); // Ramadan: UTC+0
    expect(startOfDay('2026-07-01', 'Europe/Paris').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfDay('2026-01-01', 'UTC').toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
