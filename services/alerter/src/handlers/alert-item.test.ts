import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertsSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { RetryNotBeforeError, RUN_MAX_RETRY_AFTER_MS, type AlertJob } from '@marsad/queues';
import { openStore, type Store } from '@marsad/store';
import { startSmtpServer, type TestSmtpServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel, type Channel } from '../channels/index.js';
import { AlertMessageSchema } from '../message.js';
import { ARABIC } from '../wording.js';
import { compileRule } from '../rules.js';
import { alertItem, type AlertItemDeps } from './alert-item.js';

const ctx = (jobId: string, attempt = 1) => ({ log: createLogger({ level: 'silent' }), jobId, attempt });
const TITLE = 'المديرية العامة للأمن الوطني توقف شبكة <script>alert(1)</script>';
const item = (id: string, storyId = id, tags = ['dgsn']): AlertJob['item'] => ({
  id, sourceId: 'hespress', url: `https://www.hespress.com/${id}.html`, title: TITLE, publishedAt: '2026-11-20T09:30:00.000Z',
  fetchedAt: '2026-11-20T09:35:00.000Z', language: 'arb', arabic: true, duplicateOf: storyId === id ? null : storyId,
  similarity: storyId === id ? null : 0.93, storyId, tags,
  evidence: { dgsn: [{ alias: 'المديرية العامة للأمن الوطني', offset: 0, matched: 'المديرية العامة للأمن الوطني' }] },
});

let smtp: TestSmtpServer;
let store: Store;
const hooks: { headers: IncomingHttpHeaders; body: string }[] = [];
const hookServer = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    hooks.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});
let deps: AlertItemDeps;
let channels: Map<string, Channel>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  store = await openStore({ dataDir: 'memory://' });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}`;
  const alerts = AlertsSchema.parse({
    channels: [
      { id: 'comms-mail', type: 'email', smtp: smtp.url, from: 'marsad@example.org', to: ['comms@example.org'] },
      { id: 'comms-hook', type: 'webhook', url: `${hookUrl}/hook`, format: 'json', secret: 's3cret-key' },
      { id: 'chat', type: 'webhook', url: `${hookUrl}/slack`, format: 'slack' },
      { id: 'teams', type: 'webhook', url: `${hookUrl}/teams`, format: 'teams' },
    ],
    rules: [
      { id: 'dgsn', tags: ['dgsn'], channels: ['comms-mail', 'comms-hook'] },
      { id: 'chat', tags: ['interpol'], arabic: true, channels: ['chat', 'teams'] },
      { id: 'daily', tags: ['dgsn'], channels: ['comms-mail'], mode: 'digest', at: '08:00', tz: 'Africa/Casablanca' },
      { id: 'tangier', query: '"الاتجار بالمخدرات" NEAR/8 طنجة NOT الرباط', channels: ['comms-hook'] },
    ],
  });
  channels = new Map(alerts.channels.map((c) => [c.id, createChannel(c)]));
  deps = { rules: alerts.rules.map((rule) => compileRule(rule)), channels, deliveries: store, attempts: 3, itemText: store.itemText };
});
afterAll(async () => {
  await smtp.close();
  await store.close();
  hookServer.close();
});

describe('alertItem', () => {
  it('sends one e-mail and one signed webhook for a new DGSN story, saying why', async () => {
    const result = await alertItem({ item: item('a1') }, deps, ctx('job-a1'));
    expect(result.matched).toEqual(['dgsn']);
    expect(result.sent).toEqual(['dgsn|a1|comms-mail', 'dgsn|a1|comms-hook']);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!.parsed;
    expect(mail.subject).toBe(`[Marsad dgsn] ${TITLE}`);
    expect(mail.text).toContain('tag dgsn: «المديرية العامة للأمن الوطني»');
    expect(mail.text).toContain('https://www.hespress.com/a1.html');
    expect(mail.html).toContain('dir="rtl" lang="ar"');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.headers.get('x-marsad-delivery')).toBe('dgsn|a1|comms-mail');

    const hook = hooks.find((h) => h.headers['idempotency-key'] === 'dgsn|a1|comms-hook')!;
    const body = AlertMessageSchema.parse(JSON.parse(hook.body));
    expect(body).toMatchObject({ rule: 'dgsn', storyId: 'a1', item: { id: 'a1', title: TITLE, arabic: true } });
    expect(hook.headers['x-marsad-signature']).toBe(`sha256=${createHmac('sha256', 's3cret-key').update(hook.body).digest('hex')}`);
  });

  it('does not alert again for a later copy of the story, nor for a re-delivered job', async () => {
    const before = { mails: smtp.received.length, hooks: hooks.length };
    expect((await alertItem({ item: item('a2', 'a1') }, deps, ctx('job-a2'))).sent).toEqual([]);
    expect((await alertItem({ item: item('a1') }, deps, ctx('job-a1'))).sent).toEqual([]);
    expect({ mails: smtp.received.length, hooks: hooks.length }).toEqual(before);
    const log = (await store.listDeliveries()).filter((d) => d.storyId === 'a1');
    expect(log.map((d) => [d.channelId, d.status, d.itemId]).sort()).toEqual([
      ['comms-hook', 'sent', 'a1'],
      ['comms-mail', 'sent', 'a1'],
    ]);
  });

  it('keeps retrying while the mail server is down, then delivers once; the webhook is not sent twice', async () => {
    await smtp.stop();
    const mails = smtp.received.length;
    await expect(alertItem({ item: item('b1') }, deps, ctx('job-b1', 1))).rejects.toThrow(/comms-mail/);
    const pending = (await store.listDeliveries()).find((d) => d.key === 'dgsn|b1|comms-mail')!;
    expect(pending).toMatchObject({ status: 'pending', sentAt: null });
    expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);
    const hooksAfterFirst = hooks.filter((h) => h.headers['idempotency-key'] === 'dgsn|b1|comms-hook').length;
    expect(hooksAfterFirst).toBe(1);

    await smtp.start();
    expect((await alertItem({ item: item('b1') }, deps, ctx('job-b1', 2))).sent).toEqual(['dgsn|b1|comms-mail']);
    expect(smtp.received.length).toBe(mails + 1);
    expect(hooks.filter((h) => h.headers['idempotency-key'] === 'dgsn|b1|comms-hook')).toHaveLength(1);
  });

  it('marks a delivery failed, with its reason, after the last attempt', async () => {
    await smtp.stop();
    await expect(alertItem({ item: item('c1') }, deps, ctx('job-c1', 3))).rejects.toThrow();
    expect((await store.listDeliveries()).find((d) => d.key === 'dgsn|c1|comms-mail')).toMatchObject({ status: 'failed' });
    await smtp.start();
  });

  it("retries no sooner than the longest wait a channel's receiver asked, naming every channel's reason", async () => {
    const refusing = (id: string, err: Error): Channel => ({ id, send: () => Promise.reject(err), close: async () => {} });
    const flooded = new Map([
      ['chat', refusing('chat', new RetryNotBeforeError('telegram chat answered HTTP 429: Too Many Requests: retry after 30', 30_000))],
      ['teams', refusing('teams', new Error('webhook teams answered HTTP 500'))],
    ]);
    const error = await alertItem({ item: item('j1', 'j1', ['interpol']) }, { ...deps, channels: flooded }, ctx('job-j1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryNotBeforeError);
    expect(error).toMatchObject({
      retryAfterMs: 30_000,
      message: 'alert delivery failed: chat: telegram chat answered HTTP 429: Too Many Requests: retry after 30; teams: webhook teams answered HTTP 500',
    });
    const log = (await store.listDeliveries()).filter((d) => d.storyId === 'j1');
    expect(log.map((d) => [d.channelId, d.status]).sort()).toEqual([['chat', 'pending'], ['teams', 'pending']]);
    // Without a receiver asking to wait, the job's own backoff decides.
    const plain = await alertItem({ item: item('j2', 'j2', ['interpol']) }, { ...deps, channels: new Map([...flooded].map(([id]) => [id, refusing(id, new Error('down'))])) }, ctx('job-j2')).catch((e: unknown) => e);
    expect(plain).not.toBeInstanceOf(RetryNotBeforeError);
  });

  it('in a run, honours a receiver\'s wait up to what a run waits, and fails past it saying so', async () => {
    const asking = (ms: number) => new Map(['chat', 'teams'].map((id) => [id, { id, send: () => Promise.reject(new RetryNotBeforeError(`${id} asked to wait: ${ms / 1000} s more`, ms)), close: async () => {} } satisfies Channel]));
    const brief = await alertItem({ item: item('r1', 'r1', ['interpol']), runId: 'run1' }, { ...deps, channels: asking(RUN_MAX_RETRY_AFTER_MS) }, ctx('job-r1')).catch((e: unknown) => e);
    expect(brief).toBeInstanceOf(RetryNotBeforeError);
    const long = await alertItem({ item: item('r2', 'r2', ['interpol']), runId: 'run1' }, { ...deps, channels: asking(3_600_000) }, ctx('job-r2')).catch((e: unknown) => e);
    expect(long).not.toBeInstanceOf(RetryNotBeforeError);
    expect((long as Error).message).toBe('alert delivery failed: chat: chat asked to wait: 3600 s more; teams: teams asked to wait: 3600 s more — longer than a run waits (60 s)');
    // Outside a run the same wait is honoured.
    const running = await alertItem({ item: item('r3', 'r3', ['interpol']) }, { ...deps, channels: asking(3_600_000) }, ctx('job-r3')).catch((e: unknown) => e);
    expect(running).toBeInstanceOf(RetryNotBeforeError);
  });

  it('leaves a delivery another worker holds to that worker, and retries later', async () => {
    await store.claimDelivery({ key: 'dgsn|d1|comms-mail', ruleId: 'dgsn', storyId: 'd1', channelId: 'comms-mail', itemId: 'd1', claimant: 'other-job' });
    await expect(alertItem({ item: item('d2', 'd1') }, deps, ctx('job-d2'))).rejects.toThrow(/another worker/);
  });

  it("names the outlet and the reference article copied, gives the time where its readers are, in their words", async () => {
    const context = {
      sourceName: (id: string) => (id === 'hespress' ? 'هسبريس' : id),
      referenceTitle: (id: string) => (id === '000_ref' ? 'المغرب يظفر بمنصب نائب رئيس الأنتربول' : undefined),
      timeZone: 'Asia/Dubai',
      words: ARABIC,
      publicUrl: 'https://marsad.example.org',
    };
    const copy = { ...item('h1', '000_ref'), duplicateOf: '000_ref', similarity: 0.934 };
    const rules = AlertsSchema.parse({ channels: [...channels.keys()].map((id) => ({ id, type: 'webhook', url: 'https://h.example' })), rules: [{ id: 'dgsn', tags: ['dgsn'], channels: ['comms-mail', 'comms-hook'] }] }).rules;
    await alertItem({ item: copy }, { ...deps, rules: rules.map((rule) => compileRule(rule, ARABIC)), context }, ctx('job-h1'));
    const mail = smtp.received.find((m) => m.parsed.headers.get('x-marsad-delivery') === 'dgsn|000_ref|comms-mail')!.parsed;
    // Published 09:30 UTC: 13:30 in Dubai.
    expect(mail.text).toContain('هسبريس · 2026-11-20 13:30 (Asia/Dubai) · dgsn');
    expect(mail.text).toContain('نسخة من «المغرب يظفر بمنصب نائب رئيس الأنتربول» (المقال المرجعي 000_ref، 93%)');
    expect(mail.text).toContain('السبب: الوسم dgsn: «المديرية العامة للأمن الوطني»');
    expect(mail.text).toContain('-- مرصد، القاعدة «dgsn»');
    expect(mail.text).toContain('القصة وكل نسخها: https://marsad.example.org/stories/000_ref');
    expect(mail.html).toContain('<a href="https://marsad.example.org/stories/000_ref">القصة وكل نسخها</a>');
    // A copy links to the page showing it beside what it copies.
    expect(mail.text).toContain('ما غيّرته النسخة: https://marsad.example.org/stories/000_ref/compare/h1');
    expect(mail.html).toContain(' · <a href="https://marsad.example.org/stories/000_ref/compare/h1">ما غيّرته النسخة</a>');
    expect(mail.html).toContain('<div dir="rtl" lang="ar">\n<p>هسبريس · 2026-11-20 13:30 (Asia/Dubai)');
    const hook = hooks.find((h) => h.headers['idempotency-key'] === 'dgsn|000_ref|comms-hook')!;
    expect(AlertMessageSchema.parse(JSON.parse(hook.body))).toMatchObject({ storyUrl: 'https://marsad.example.org/stories/000_ref', compareUrl: 'https://marsad.example.org/stories/000_ref/compare/h1' });
    expect(AlertMessageSchema.parse(JSON.parse(hook.body)).item).toMatchObject({ sourceId: 'hespress', sourceName: 'هسبريس', duplicateOf: '000_ref', duplicateOfTitle: 'المغرب يظفر بمنصب نائب رئيس الأنتربول', publishedAt: '2026-11-20T09:30:00.000Z' });
  });

  it('alerts on every pickup of a reference article for a rule on each item, once each, and not on copies of items', async () => {
    const { rules } = AlertsSchema.parse({
      channels: [...channels.keys()].map((id) => ({ id, type: 'webhook', url: 'https://h.example' })),
      rules: [{ id: 'pickups', references: true, each: 'item', channels: ['comms-hook'] }, { id: 'other-reference', references: ['001_ref'], channels: ['comms-hook'] }],
    });
    const pickups = { ...deps, rules: rules.map((rule) => compileRule(rule, undefined, new Set(['000_ref', '001_ref']))) };
    const copy = (id: string, sourceId: string, of: string) => ({ ...item(id, of), sourceId, duplicateOf: of, similarity: 0.97 });
    expect((await alertItem({ item: copy('k1', 'hespress', '000_ref') }, pickups, ctx('job-k1'))).sent).toEqual(['pickups|k1|comms-hook']);
    expect((await alertItem({ item: copy('k2', 'alyaoum24', '000_ref') }, pickups, ctx('job-k2'))).sent).toEqual(['pickups|k2|comms-hook']);
    expect((await alertItem({ item: copy('k2', 'alyaoum24', '000_ref') }, pickups, ctx('job-k2'))).sent).toEqual([]);
    expect((await alertItem({ item: copy('k3', 'goud', 'k0') }, pickups, ctx('job-k3'))).matched).toEqual([]);
    const body = AlertMessageSchema.parse(JSON.parse(hooks.find((h) => h.headers['idempotency-key'] === 'pickups|k2|comms-hook')!.body));
    expect(body).toMatchObject({ storyId: '000_ref', reasons: ['copies reference 000_ref (97%)'], item: { id: 'k2', sourceId: 'alyaoum24' } });
    expect((await store.listDeliveries()).filter((d) => d.ruleId === 'pickups').map((d) => [d.key, d.storyId, d.itemId]).sort()).toEqual([
      ['pickups|k1|comms-hook', '000_ref', 'k1'],
      ['pickups|k2|comms-hook', '000_ref', 'k2'],
    ]);
  });

  it('without a context, writes ids, UTC and English', async () => {
    await alertItem({ item: { ...item('i1', 'i0'), similarity: 0.5 } }, deps, ctx('job-i1'));
    const mail = smtp.received.find((m) => m.parsed.headers.get('x-marsad-delivery') === 'dgsn|i0|comms-mail')!.parsed;
    expect(mail.text).toContain('hespress · 2026-11-20 09:30 (UTC) · dgsn');
    expect(mail.text).toContain('copy of item i0 (50%)');
    expect(mail.text).toContain('Why: tag dgsn: «المديرية العامة للأمن الوطني»');
    expect(mail.text).not.toContain('/stories/');
  });

  it('speaks Slack blocks and a Teams Adaptive Card', async () => {
    await alertItem({ item: item('e1', 'e1', ['interpol']) }, deps, ctx('job-e1'));
    const slackBody = JSON.parse(hooks.find((h) => h.headers['idempotency-key'] === 'chat|e1|chat')!.body) as { blocks: { type: string }[] };
    expect(slackBody.blocks.map((b) => b.type)).toEqual(['section', 'context', 'section']);
    const teamsBody = JSON.parse(hooks.find((h) => h.headers['idempotency-key'] === 'chat|e1|teams')!.body) as { attachments: { content: { type: string; rtl: boolean } }[] };
    expect(teamsBody.attachments[0]!.content).toMatchObject({ type: 'AdaptiveCard', rtl: true });
  });

  it("does not alert on an item published longer before it was found than a rule's maxAge; without one, on any", async () => {
    const old = { ...item('old1'), publishedAt: '2026-11-10T08:00:00.000Z', fetchedAt: '2026-11-20T09:35:00.000Z' };
    const rules = AlertsSchema.parse({
      channels: [{ id: 'comms-hook', type: 'webhook', url: 'http://127.0.0.1:1/unused' }],
      rules: [
        { id: 'fresh', tags: ['dgsn'], channels: ['comms-hook'], maxAge: '3d' },
        { id: 'month', tags: ['dgsn'], channels: ['comms-hook'], maxAge: '30d' },
        { id: 'any', tags: ['dgsn'], channels: ['comms-hook'] },
      ],
    }).rules.map((rule) => compileRule(rule));
    expect(await alertItem({ item: old }, { ...deps, rules }, ctx('job-old1'))).toMatchObject({ matched: ['month', 'any'], sent: ['month|old1|comms-hook', 'any|old1|comms-hook'] });
    // Two days old is news still.
    const recent = { ...old, id: 'old2', storyId: 'old2', publishedAt: '2026-11-18T10:00:00.000Z' };
    expect((await alertItem({ item: recent }, { ...deps, rules }, ctx('job-old2'))).matched).toEqual(['fresh', 'month', 'any']);
  });

  it('matches nothing for an item no rule wants', async () => {
    expect((await alertItem({ item: item('f1', 'f1', []) }, deps, ctx('job-f1'))).matched).toEqual([]);
  });

  it('matches a keyword query on the stored article text, and says which words', async () => {
    const body = 'أوقفت مصالح الأمن بمدينة طنجة شخصين للاشتباه في تورطهما في الاتجار بالمخدرات والمؤثرات العقلية.';
    const stored = { ...item('g1', 'g1', []), text: body, evidence: {} };
    await store.upsertItem(stored);
    const result = await alertItem({ item: item('g1', 'g1', []) }, deps, ctx('job-g1'));
    expect(result.matched).toEqual(['tangier']);
    const hook = hooks.find((h) => h.headers['idempotency-key'] === 'tangier|g1|comms-hook')!;
    expect((JSON.parse(hook.body) as { reasons: string[] }).reasons[0]).toMatch(/^query .*«اتجار بالمخدرات NEAR\/8 طنجه»/);
    // The article's words that made the query match, marked in the excerpt the alert carries.
    const { excerpt } = AlertMessageSchema.parse(JSON.parse(hook.body)).item;
    expect(excerpt.text).toBe(body);
    expect(excerpt.marks.map(([start, end]) => body.slice(start, end))).toEqual(['طنجة', 'الاتجار', 'بالمخدرات']);
  });
});
