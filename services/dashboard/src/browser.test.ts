// The callbacks given to page.evaluate run in the browser.
/// <reference lib="dom" />
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PipelineSchema } from '@marsad/config';
import { closeQueues, createRedis, openQueues, QUEUE_NAMES, type PipelineQueues } from '@marsad/queues';
import { openStore, type Store } from '@marsad/store';
import { createTestDatabase, createTestRedis, removeTemporaryDirs, temporaryDir, type TestDatabase } from '@marsad/testing';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboardApp } from './app.js';
import { newsroomSources, REFERENCE_ID } from './test-newsroom.js';

/**
 * The pages in a real browser: Debian's Chromium driven by playwright-core (`.ci/run` installs it).
 * MARSAD_SCREENSHOTS=DIR writes the README's screenshots there (`npm run screenshots` at the root).
 */
const CHROMIUM = process.env.MARSAD_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots go: that folder, or one of the test's own, removed after (they are checked, not kept). */
const SHOTS = process.env.MARSAD_SCREENSHOTS ? resolve(process.env.MARSAD_SCREENSHOTS) : temporaryDir('marsad-screenshots-');
const ADMIN = { user: 'operator', password: 'a long operator password' };

const redis = createTestRedis('browser');
const connection = createRedis(redis.url);
let queues: PipelineQueues;
let database: TestDatabase;
let store: Store;
let app: FastifyInstance;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set MARSAD_CHROMIUM`);
  mkdirSync(SHOTS, { recursive: true });
  database = await createTestDatabase();
  store = await openStore({ databaseUrl: database.url });
  queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });
  await queues.fetch.add('fetch', { sourceId: 'hespress' });
  const web = await newsroomSources(store);
  app = await buildDashboardApp({ web, queues: QUEUE_NAMES.map((n) => queues[n]), admin: ADMIN });
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Root in CI needs --no-sandbox; the rest keeps Chromium off the (closed) network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (queues) await closeQueues(queues);
  await store?.close();
  await database?.drop();
  connection.disconnect();
  await redis.cleanup();
  removeTemporaryDirs();
});

/** A fresh page that records any dialog, script error or request leaving the test server. */
async function open(path: string, options: { credentials?: typeof ADMIN } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...(options.credentials ? { httpCredentials: { username: options.credentials.user, password: options.credentials.password } } : {}),
  });
  const page = await context.newPage();
  const incidents: string[] = [];
  page.on('dialog', (dialog) => {
    incidents.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (err) => incidents.push(`script error: ${err.message}`));
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : (incidents.push(`request: ${route.request().url()}`), route.abort())));
  const firstResponse = page.waitForEvent('response');
  const response = await page.goto(`${origin}${path}`).catch((err: Error) => err);
  return { page, response, firstResponse, incidents, close: () => context.close() };
}

const listed = (page: Page) => page.locator('article.item').evaluateAll((items) => items.map((a) => a.getAttribute('data-id')));
const direction = (page: Page, selector: string) => page.locator(selector).evaluate((el) => getComputedStyle(el).direction);
const shoot = async (page: Page, name: string) => {
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(10_000);
};

describe('newsroom in Chromium', () => {
  it('lists Arabic items right to left and each other item in its own direction', async () => {
    const { page, firstResponse, close } = await open('/');
    expect((await firstResponse).status()).toBe(200);
    expect(await direction(page, 'main')).toBe('rtl');
    expect(await direction(page, 'article[data-id="police-tanger"] h2')).toBe('rtl');
    expect(await direction(page, 'article[data-id="police-tanger"] .snippet')).toBe('rtl');
    expect(await direction(page, 'article[data-id="fr-dgsn"] h2')).toBe('ltr');
    // the Arabic title starts at the right edge of its card
    const [card, title] = await Promise.all(['article[data-id="police-tanger"]', 'article[data-id="police-tanger"] h2 a'].map((s) => page.locator(s).boundingBox()));
    expect(card!.x + card!.width - (title!.x + title!.width)).toBeLessThan(40);
    await shoot(page, 'newsroom');
    await close();
  });

  it('filters with the form and searches normalised text', async () => {
    const { page, close } = await open('/');
    await page.selectOption('select[name="tag"]', 'interpol');
    await Promise.all([page.waitForURL(/tag=interpol/), page.click('form.filters button[type="submit"]')]);
    expect(await listed(page)).toEqual(['ref-pickup-2', 'ref-pickup-1']);
    await page.goto(`${origin}/`);
    await page.fill('input[name="q"]', 'الامن الوطني NOT أنتربول'); // no hamza typed; the items write الأمن
    await Promise.all([page.waitForURL(/q=/), page.press('input[name="q"]', 'Enter')]);
    expect(await listed(page)).toEqual(['police-tanger-copy', 'police-tanger']);
    expect(await page.inputValue('input[name="q"]')).toBe('الامن الوطني NOT أنتربول');
    // What made an item found is marked where the reader sees it.
    const marks = page.locator('article[data-id="police-tanger"] .snippet mark');
    expect(await marks.allTextContents()).toEqual(['للأمن', 'الوطني']);
    expect(await marks.first().evaluate((mark) => getComputedStyle(mark).backgroundColor)).toBe('rgb(255, 241, 184)');
    await page.goto(`${origin}/?q=Tanger`);
    expect(await page.locator('article[data-id="police-tanger"] h2 mark').allTextContents()).toEqual(['بطنجة']);
    await shoot(page, 'newsroom-search');
    await close();
  });

  it('opens a story from an item and shows its copies', async () => {
    const { page, close } = await open('/');
    await Promise.all([page.waitForURL(/\/stories\/police-tanger$/), page.click('article[data-id="police-tanger-copy"] .copy a')]);
    await expect(page.locator('h1').textContent()).resolves.toBe('الشرطة القضائية بطنجة توقف مشتبها به');
    const rows = page.locator('table.pickups tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('.similarity').textContent()).toBe('93%');
    await shoot(page, 'story');
    // The copy beside its original: the two side by side, what changed marked on each.
    await Promise.all([page.waitForURL(/\/compare\/police-tanger-copy$/), page.click('tr[data-item="police-tanger-copy"] td.compare a')]);
    const [original, copy] = await Promise.all(['.sides section:nth-child(1)', '.sides section:nth-child(2)'].map((s) => page.locator(s).boundingBox()));
    expect(Math.abs(original!.y - copy!.y)).toBeLessThan(2);
    expect(original!.x).toBeGreaterThan(copy!.x); // right to left: the original first, on the right
    expect(await page.locator('.sides ins').first().evaluate((ins) => getComputedStyle(ins).backgroundColor)).toBe('rgb(227, 244, 225)');
    await shoot(page, 'compare');
    await close();
  });

  it('lists the reference articles with how far each travelled, and opens a timeline from it', async () => {
    const { page, incidents, close } = await open('/references');
    expect(await page.locator('table.references tbody tr').count()).toBe(2);
    await shoot(page, 'references');
    await Promise.all([page.waitForURL(new RegExp(`/stories/${REFERENCE_ID}$`)), page.click(`tr[data-reference="${REFERENCE_ID}"] a`)]);
    expect(await page.locator('table.pickups tbody tr').count()).toBe(2);
    expect(incidents).toEqual([]);
    await close();
  });

  it("shows a reference article's pickup timeline", async () => {
    const { page, close } = await open(`/stories/${REFERENCE_ID}`);
    expect(await page.locator('table.pickups tbody tr').count()).toBe(2);
    await shoot(page, 'reference-timeline');
    await close();
  });

  it('shows a feed item with <script> and onerror as text, and runs nothing', async () => {
    const { page, incidents, close } = await open('/');
    const hostile = page.locator('article[data-id="hostile"]');
    expect(await hostile.locator('h2').textContent()).toBe('عنوان <script>window.__pwned=1</script>');
    expect(await hostile.locator('.snippet').textContent()).toContain('onerror="window.__pwned=1"');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script, img').count()).toBe(0);
    expect(incidents).toEqual([]);
    await close();
  });

  it('shows every source with its health', async () => {
    const { page, close } = await open('/sources');
    expect(await page.locator('tr[data-source="alyaoum24"] .badge').textContent()).toBe('failing');
    await shoot(page, 'sources');
    await close();
  });
});

describe('alerts in Chromium', () => {
  it('lists the deliveries, with what is being retried and the channels held', async () => {
    const { page, incidents, close } = await open('/alerts');
    expect(await page.locator('tr[data-key="dgsn|police-tanger|comms-tg"] .badge').textContent()).toBe('pending');
    expect(await page.locator('ul.holds li').count()).toBe(1);
    expect(await direction(page, 'table.deliveries')).toBe('ltr');
    expect(incidents).toEqual([]);
    await shoot(page, 'alerts');
    await close();
  });
});

describe('queue dashboard in Chromium', () => {
  it('asks for credentials, and opens for an operator who gives them', async () => {
    const anonymous = await open('/admin/queues');
    // Headless Chromium cannot show the sign-in prompt, so the navigation ends with the 401's error.
    expect(anonymous.response).toBeInstanceOf(Error);
    expect((anonymous.response as Error).message).toMatch(/ERR_INVALID_AUTH_CREDENTIALS/);
    const challenge = await anonymous.firstResponse;
    expect(challenge.status()).toBe(401);
    expect(await challenge.headerValue('www-authenticate')).toMatch(/^Basic realm=/);
    await anonymous.close();

    const operator = await open('/admin/queues', { credentials: ADMIN });
    expect((await operator.firstResponse).status()).toBe(200);
    await operator.page.getByText('fetch', { exact: true }).first().click({ timeout: 30_000 });
    await operator.page.waitForURL(/\/queue\/fetch/);
    await operator.page.getByText('hespress').first().waitFor({ timeout: 30_000 }); // the waiting job's data
    await shoot(operator.page, 'queues');
    // A change the board's own page asks for passes the guard against other sites' requests (Chromium
    // says Sec-Fetch-Site: same-origin).
    const status = await operator.page.evaluate(async () => (await fetch('/admin/queues/api/queues/fetch/retry/failed', { method: 'PUT' })).status);
    expect(status).toBe(200);
    await operator.close();
  });
});
