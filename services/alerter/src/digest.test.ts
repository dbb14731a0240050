import { AlertsSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { closeQueues, createRedis, openQueues, restoreLostSchedules, type ClassifiedItem } from '@marsad/queues';
import { PipelineSchema } from '@marsad/config';
import { openStore, type Store } from '@marsad/store';
import { createTestRedis, startSmtpServer, type TestSmtpServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel, type Envelope } from './channels/index.js';
import { digestSchedules, redisLastDigest, sendDigest, syncDigestSchedulers, type DigestDeps } from './digest.js';
import { compileRule } from './rules.js';
import { ARABIC, ENGLISH, type Wording } from './wording.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'digest-job', attempt: 1 };
const NOW = new Date('2026-11-22T07:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const item = (id: string, over: Partial<ClassifiedItem>): ClassifiedItem => ({
  id, sourceId: 'hespress', url: `https://www.hespress.com/${id}.html`, title: `خبر ${id}`, text: 'نص', publishedAt: null,
  fetchedAt: hoursAgo(1), language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: id, tags: ['dgsn'], evidence: {}, ...over,
});

const redis = createTestRedis('digest');
const connection = createRedis(redis.url);
let smtp: TestSmtpServer;
let store: Store;

beforeAll(async () => {
  smtp = await startSmtpServer();
  store = await openStore({ dataDir: 'memory://' });
  for (const i of [
    item('new-story', {
      title: 'حموشي يترأس اجتماعا أمنيا',
      text: 'ترأس المدير العام للأمن الوطني عبد اللطيف حموشي اجتماعا أمنيا بالرباط خصص لتتبع الاستعدادات.',
      evidence: { dgsn: [{ alias: 'حموشي', offset: 0, matched: 'حموشي' }] },
      publishedAt: hoursAgo(5),
    }),
    item('new-copy', { sourceId: 'alyaoum24', storyId: 'new-story', duplicateOf: 'new-story', similarity: 0.88, publishedAt: hoursAgo(4) }),
    item('old-story', { publishedAt: hoursAgo(72) }),
    item('old-copy', { sourceId: 'goud', storyId: 'old-story', duplicateOf: 'old-story', similarity: 0.95, publishedAt: hoursAgo(2) }),
    item('weather', { tags: [], publishedAt: hoursAgo(3) }),
  ]) await store.upsertItem(i);
});
afterAll(async () => {
  await smtp.close();
  await store.close();
  connection.disconnect();
  await redis.cleanup();
});

function deps(sendEmpty = false, ruleId = 'daily', words: Wording = ENGLISH): DigestDeps {
  const alerts = AlertsSchema.parse({
    channels: [{ id: 'mail', type: 'email', smtp: smtp.url, from: 'marsad@example.org', to: ['comms@example.org'] }],
    rules: [{ id: ruleId, tags: ['dgsn'], channels: ['mail'], mode: 'digest', at: '08:00', tz: 'Africa/Casablanca', sendEmpty }],
  });
  return {
    rule: compileRule(alerts.rules[0]!, words),
    config: alerts.rules[0]!,
    channels: new Map(alerts.channels.map((c) => [c.id, createChannel(c)])),
    deliveries: store,
    itemsSince: (since) => store.listItems({ since, limit: 1000 }),
    lastDigest: redisLastDigest(connection, redis.prefix),
    attempts: 3,
    now: () => NOW,
    context: { sourceName: (id) => (id === 'alyaoum24' ? 'اليوم 24' : id), words },
  };
}

describe('digests', () => {
  it('sends the new stories since the last digest with their pickups, and the new pickups of earlier stories', async () => {
    const result = await sendDigest({ ruleId: 'daily' }, deps(), ctx);
    expect(result).toMatchObject({ stories: 1, pickups: 2, sent: ['daily|digest:2026-11-22|mail'] });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!.parsed;
    expect(mail.subject).toBe('[Marsad daily] 1 new story, 2026-11-22');
    expect(mail.text).toContain('* حموشي يترأس اجتماعا أمنيا\n  ترأس المدير العام للأمن الوطني عبد اللطيف حموشي اجتماعا أمنيا بالرباط');
    // The story's passage, what made the rule fire in bold.
    expect(mail.html).toContain('<br>ترأس المدير العام للأمن الوطني عبد اللطيف <b>حموشي</b> اجتماعا');
    expect(mail.text).toContain('also published by اليوم 24 (+60 min, 88%)');
    expect(mail.text).toContain('New pickups of earlier stories:');
    expect(mail.text).toContain('goud https://www.hespress.com/old-copy.html');
    // Times in the rule's zone, named.
    expect(mail.text).toMatch(/^Stories since \d{4}-\d\d-\d\d \d\d:\d\d \(Africa\/Casablanca\) \(rule "daily"\)$/m);
    expect(mail.text).not.toContain('weather');
    expect(mail.html).toContain('dir="rtl" lang="ar"');
  });

  it('words a digest in Arabic, counting its stories by Arabic plural rules', async () => {
    const arabic = deps(false, 'yawmi', ARABIC);
    await sendDigest({ ruleId: 'yawmi' }, { ...arabic, context: { ...arabic.context!, publicUrl: 'https://marsad.example.org' } }, ctx);
    const mail = smtp.received.at(-1)!.parsed;
    expect(mail.subject).toBe('[Marsad yawmi] قصة جديدة واحدة، 2026-11-22');
    expect(mail.text).toMatch(/^القصص منذ \d{4}-\d\d-\d\d \d\d:\d\d \(Africa\/Casablanca\) \(القاعدة «yawmi»\)$/m);
    expect(mail.text).toContain('نشرها أيضا اليوم 24 (+60 د، 88%)');
    expect(mail.text).toContain('نسخ جديدة لقصص سابقة:');
    expect(mail.html).toContain('<body dir="rtl" lang="ar">');
    expect(mail.text).toContain('  القصة وكل نسخها: https://marsad.example.org/stories/new-story');
  });

  it('sends nothing twice for one period, and no empty digest unless asked', async () => {
    const mails = smtp.received.length;
    expect((await sendDigest({ ruleId: 'daily' }, deps(), ctx)).sent).toEqual([]);
    expect(smtp.received).toHaveLength(mails);
    const empty = await sendDigest({ ruleId: 'quiet' }, { ...deps(true, 'quiet'), itemsSince: async () => [] }, ctx);
    expect(empty.sent).toEqual(['quiet|digest:2026-11-22|mail']);
    expect(smtp.received.at(-1)!.parsed.text).toContain('Nothing new.');
  });

  it("fits a long digest into Slack's sections and Telegram's messages, losing no story, and lets no title ping a Slack channel", async () => {
    const sent: Envelope[] = [];
    const recorder = { id: 'mail', send: async (envelope: Envelope) => void sent.push(envelope), close: async () => {} };
    const many = Array.from({ length: 60 }, (_, n) => item(`long-${n}`, { title: `<!channel> المديرية العامة للأمن الوطني توقف مشتبها فيه رقم ${n} في قضية اتجار بالمخدرات`, publishedAt: hoursAgo(3) }));
    await sendDigest({ ruleId: 'long' }, { ...deps(false, 'long', ARABIC), channels: new Map([['mail', recorder]]), itemsSince: async () => many }, ctx);
    const { slack, telegram, teams } = sent[0]!.bodies as { slack: { blocks: { type: string; text: { text: string } }[] }; telegram: string[]; teams: { attachments: { content: { body: { text: string }[] } }[] } };
    const sections = slack.blocks.map((block) => block.text.text);
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    expect(sections.join('\n')).not.toContain('<!channel>');
    expect(sections.join('\n')).toContain('&lt;!channel&gt; المديرية العامة للأمن الوطني توقف مشتبها فيه رقم 59 ');
    expect(telegram.length).toBeGreaterThan(1);
    const read = (html: string) => html.replace(/<\/?b>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    for (const message of telegram) expect(read(message).length).toBeLessThanOrEqual(4096);
    const told = telegram.map(read).join('\n');
    expect(many.filter((i) => !told.includes(`* ${i.title}\n`))).toEqual([]);
    const card = teams.attachments[0]!.content.body[1]!.text;
    expect(card.length).toBeLessThanOrEqual(12_000);
    expect(card).toContain(`${many[0]!.title}\n\n`);
    expect(card.endsWith(ARABIC.digestCut)).toBe(true);
  });

  it('schedules each digest rule at its time in its time zone, once however often it is synced', async () => {
    const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });
    try {
      const rule = AlertsSchema.parse({
        channels: [{ id: 'mail', type: 'email', smtp: smtp.url, from: 'm@example.org', to: ['c@example.org'] }],
        rules: [{ id: 'daily', tags: ['dgsn'], channels: ['mail'], mode: 'digest', at: '08:00', tz: 'Africa/Casablanca' }, { id: 'now', tags: ['dgsn'], channels: ['mail'] }],
      }).rules;
      await syncDigestSchedulers(queues, rule);
      expect(await syncDigestSchedulers(queues, rule)).toEqual({ upserted: 1, removed: 0 });
      const [scheduler] = await queues.digest.getJobSchedulers();
      expect(scheduler).toMatchObject({ key: 'digest:daily', pattern: '0 8 * * *', tz: 'Africa/Casablanca' });
      const next = new Date(scheduler!.next!);
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Casablanca', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('08:00');
      // Removed on the queue board: set again as it was.
      await queues.digest.removeJobScheduler('digest:daily');
      expect(await restoreLostSchedules(queues.digest, digestSchedules(queues, rule))).toEqual(['daily']);
      expect(await queues.digest.getJobScheduler('digest:daily')).toMatchObject({ pattern: '0 8 * * *', tz: 'Africa/Casablanca', next: scheduler!.next });
      expect(await syncDigestSchedulers(queues, [])).toEqual({ upserted: 0, removed: 1 });
    } finally {
      await closeQueues(queues);
    }
  });
});
