import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createRedis } from '@marsad/queues';
import { createTestDatabase, createTestRedis, rssFeed, runNode, serveFixtures, startSmtpServer, type FixtureServer, type TestDatabase, type TestSmtpServer, removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN } from './marsad-cli.js';

afterAll(removeTemporaryDirs);

/** Secrets (SMTP password, webhook secret, Telegram bot token, database password) reach their service and nothing else: no log line, no job in Redis. */
const SMTP_PASSWORD = 'smtp-pw-7f3a9c1e55';
const WEBHOOK_SECRET = 'hook-secret-0b8d2e4f61';
const BOT_SECRET = 'AAEtg-secret_5d2c8b7a41e9f03c';
const BOT_TOKEN = `987654321:${BOT_SECRET}`;
const DB_PASSWORD = 'db-pw-4c7e1a9b33';
const SECRETS = [SMTP_PASSWORD, WEBHOOK_SECRET, BOT_SECRET, DB_PASSWORD];

const ARREST = 'أعلنت المديرية العامة للأمن الوطني أن عناصر الشرطة القضائية بولاية أمن طنجة أوقفت ثلاثة أشخاص يشتبه في تورطهم في قضية تتعلق بالنصب والاحتيال عبر الإنترنت، وقد وضعوا تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي.';

let feeds: FixtureServer;
let smtp: TestSmtpServer;
const hooks: { body: string; signature: string | undefined }[] = [];
const telegramPosts: { path: string; body: string }[] = [];
// The webhook answers only when the test has looked into Redis, so the alert job is still there to be read.
let answerHooks: () => void = () => {};
const hooksAnswered = new Promise<void>((resolve) => (answerHooks = resolve));
const hookServer = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    // The same server stands in for Telegram's Bot API, which answers at once.
    if (req.url?.startsWith('/bot')) {
      telegramPosts.push({ path: req.url, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":{"message_id":1}}');
      return;
    }
    hooks.push({ body, signature: req.headers['x-marsad-signature'] as string | undefined });
    void hooksAnswered.then(() => res.writeHead(200).end('ok'));
  });
});
const redis = createTestRedis('secrets-e2e');
let database: TestDatabase;
let config: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  feeds = await serveFixtures({ '/feed.rss': { body: rssFeed('هسبريس', 'https://www.hespress.com', [{ title: 'توقيف ثلاثة أشخاص بطنجة', link: 'https://www.hespress.com/tanger.html', description: ARREST }]) } });
  smtp = await startSmtpServer(0, { user: 'marsad', pass: SMTP_PASSWORD });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  database = await createTestDatabase();
  const databaseUrl = new URL(database.url);
  databaseUrl.password = DB_PASSWORD; // the test server trusts local connections, so any password works
  env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: databaseUrl.toString(), LOG_LEVEL: 'trace', LOG_FORMAT: 'json' };
  config = join(temporaryDir('marsad-secrets-'), 'marsad.yml');
  writeFileSync(config, `sources:
  - { id: hespress, adapter: rss, url: "${feeds.url('/feed.rss')}" }
fetching: { minDelayMs: 0 }
alerts:
  channels:
    - { id: mail, type: email, smtp: "smtp://marsad:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}", from: "marsad@example.org", to: ["comms@example.org"] }
    - { id: hook, type: webhook, url: "http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook", format: json, secret: "${WEBHOOK_SECRET}" }
    - { id: tg, type: telegram, botToken: "${BOT_TOKEN}", chatId: "-1001234567890", apiUrl: "http://127.0.0.1:${(hookServer.address() as AddressInfo).port}" }
  rules:
    - { id: dgsn, tags: [dgsn], channels: [mail, hook, tg], mode: immediate }
`);
});
afterAll(async () => {
  await feeds.close();
  await smtp.close();
  hookServer.close();
  await redis.cleanup();
  await database.drop();
});

/** Every value Redis holds under the test's prefix (run --once's own queues are inside its hash tag), as text. */
async function redisContents(): Promise<string> {
  const client = createRedis(redis.url);
  const parts: string[] = [];
  try {
    for (const key of await client.keys(`${redis.prefix.replace(/\}$/, '')}*`)) {
      const type = await client.type(key);
      const value =
        type === 'string' ? await client.get(key)
        : type === 'hash' ? JSON.stringify(await client.hgetall(key))
        : type === 'list' ? JSON.stringify(await client.lrange(key, 0, -1))
        : type === 'set' ? JSON.stringify(await client.smembers(key))
        : type === 'zset' ? JSON.stringify(await client.zrange(key, 0, -1))
        : type === 'stream' ? JSON.stringify(await client.xrange(key, '-', '+'))
        : '';
      parts.push(`${key} ${value}`);
    }
  } finally {
    client.disconnect();
  }
  return parts.join('\n');
}

describe('secrets', () => {
  it('are used (mail logged in, webhook signed) and appear in no log line and no job', async () => {
    const run = runNode(BIN, ['run', '--once', '--config', config, '--json'], { env });
    await vi.waitFor(() => expect(hooks).toHaveLength(1), { timeout: 60_000, interval: 50 });
    const stored = await redisContents();
    answerHooks();
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    expect(smtp.received).toHaveLength(1); // the server accepts only the right password
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(telegramPosts.map((post) => post.path)).toEqual([`/bot${BOT_TOKEN}/sendMessage`]);
    expect(JSON.parse(telegramPosts[0]!.body)).toMatchObject({ chat_id: '-1001234567890', parse_mode: 'HTML', text: expect.stringContaining('توقيف ثلاثة أشخاص بطنجة') });

    const logs = `${result.stdout}\n${result.stderr}`;
    expect(logs.split('\n').filter((line) => line.startsWith('{')).length).toBeGreaterThan(10); // trace level: every stage logged
    expect(stored).toContain('hespress.com/tanger.html'); // the jobs' payloads were there to be searched
    for (const secret of SECRETS) {
      expect(logs, `${secret} in the logs`).not.toContain(secret);
      expect(stored, `${secret} in Redis`).not.toContain(secret);
      expect(smtp.received[0]!.raw).not.toContain(secret);
      expect(hooks[0]!.body).not.toContain(secret);
      expect(telegramPosts[0]!.body).not.toContain(secret);
    }
  });
});
