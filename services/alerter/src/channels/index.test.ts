import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { ChannelSchema } from '@marsad/config';
import { createRedis, RetryNotBeforeError } from '@marsad/queues';
import { createTestRedis, startSmtpServer } from '@marsad/testing';
import { describe, expect, it } from 'vitest';
import { createChannel, type Envelope } from './index.js';
import { redisMemory } from './memory.js';

const envelope = (n: number): Envelope => ({
  deliveryKey: `rule:story-${n}:mail`,
  rule: 'rule',
  subject: `خبر ${n}`,
  text: `نص ${n}`,
  html: `<p>نص ${n}</p>`,
  bodies: { json: {}, slack: {}, teams: {}, telegram: [`<b>خبر ${n}</b>`] },
});

describe('e-mail channel', () => {
  it('sends a burst of alerts a few at a time, and every one of them', async () => {
    const smtp = await startSmtpServer(0, undefined, { holdMs: 150 });
    const channel = createChannel(ChannelSchema.parse({ id: 'mail', type: 'email', smtp: smtp.url, from: 'marsad@example.ma', to: ['press@example.ma'] }));
    try {
      await Promise.all(Array.from({ length: 10 }, (_, n) => channel.send(envelope(n))));
      expect(smtp.received.map((m) => m.parsed.subject).sort()).toEqual(Array.from({ length: 10 }, (_, n) => `خبر ${n}`).sort());
      expect(smtp.maxInFlight).toBe(3);
    } finally {
      await channel.close();
      await smtp.close();
    }
  });
});

describe('e-mail channel against a server that never answers', () => {
  it("fails the send when the timeout runs out (the URL's own, here), with nodemailer's reason", async () => {
    const silent = createNetServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const channel = createChannel(ChannelSchema.parse({ id: 'mail', type: 'email', smtp: `smtp://127.0.0.1:${port}/?greetingTimeout=300`, from: 'marsad@example.ma', to: ['press@example.ma'] }));
    try {
      const error = (await channel.send(envelope(1)).catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(/Greeting never received/);
    } finally {
      await channel.close();
      silent.close();
    }
  });
});

const TOKEN = '123456789:AAHk2x_test-token-0123456789abcdef';
/** A Telegram channel's entry, its bot's API at `apiUrl` (a stand-in's). */
const telegramConfig = (apiUrl: string, chatId: string | number = '-100123') => ChannelSchema.parse({ id: 'tg', type: 'telegram', botToken: TOKEN, chatId, apiUrl });
/** A digest that takes `parts` Telegram messages. */
const digestOf = (parts: string[]): Envelope => ({ ...envelope(1), bodies: { json: {}, slack: {}, teams: {}, telegram: parts } });
const THREE_PARTS = ['<b>ملخص (1/3)</b>', '<b>ملخص (2/3)</b>', '<b>ملخص (3/3)</b>'];

/** A stand-in for Telegram's Bot API (and a webhook): what it was sent and when, and its answer (JSON, or `text`). */
async function botApi(answer: (body: Record<string, unknown>) => { status: number; json: unknown; headers?: Record<string, string>; text?: string }) {
  const received: { path: string; body: Record<string, unknown>; at: number }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ path: req.url ?? '', body, at: Date.now() });
      const { status, json, headers, text } = answer(body);
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text ?? JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('telegram channel', () => {
  it("posts the message's Telegram HTML to the bot's sendMessage for the chat", async () => {
    const api = await botApi(() => ({ status: 200, json: { ok: true, result: { message_id: 7 } } }));
    const channel = createChannel(telegramConfig(api.url, -1001234567890));
    try {
      await channel.send(envelope(1));
      expect(api.received).toEqual([{ path: `/bot${TOKEN}/sendMessage`, body: { chat_id: '-1001234567890', text: '<b>خبر 1</b>', parse_mode: 'HTML' }, at: expect.any(Number) }]);
    } finally {
      await api.close();
    }
  });

  it("fails with Telegram's description and never with the token, so the alert is retried and the log says what to fix", async () => {
    const api = await botApi(() => ({ status: 400, json: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } }));
    const channel = createChannel(telegramConfig(api.url, '@marsad_alerts'));
    try {
      const error = (await channel.send(envelope(1)).catch((e: unknown) => e)) as Error;
      expect(error.message).toBe('telegram tg answered HTTP 400: Bad Request: chat not found');
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(TOKEN.split(':')[1]);
    } finally {
      await api.close();
    }
  });

  it("sits out a short flood wait and sends again, a second or more apart", async () => {
    let refused = 0;
    const api = await botApi(() => (refused++ === 0 ? { status: 429, json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } } : { status: 200, json: { ok: true } }));
    const channel = createChannel(telegramConfig(api.url));
    try {
      await channel.send(envelope(1));
      expect(api.received.map((r) => r.body.text)).toEqual(['<b>خبر 1</b>', '<b>خبر 1</b>']);
      expect(api.received[1]!.at - api.received[0]!.at).toBeGreaterThanOrEqual(950);
    } finally {
      await api.close();
    }
  });

  it("fails a long flood wait with its retry_after, and holds the chat's next alerts without asking Telegram", async () => {
    const api = await botApi(() => ({ status: 429, json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 60', parameters: { retry_after: 60 } } }));
    const channel = createChannel(telegramConfig(api.url));
    try {
      const first = await channel.send(envelope(1)).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(RetryNotBeforeError);
      expect(first).toMatchObject({ message: 'telegram tg answered HTTP 429: Too Many Requests: retry after 60', retryAfterMs: 60_000 });
      const next = await channel.send(envelope(2)).catch((e: unknown) => e);
      expect(next).toBeInstanceOf(RetryNotBeforeError);
      expect((next as RetryNotBeforeError).message).toMatch(/^tg asked to wait: (59|60) s more$/);
      expect(api.received).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it("sends a digest's parts in order, a second apart, and on its retry only the parts not yet in the chat", async () => {
    let calls = 0;
    const api = await botApi(() => (++calls === 2 ? { status: 502, json: {} } : { status: 200, json: { ok: true } }));
    const channel = createChannel(telegramConfig(api.url));
    const digest = digestOf(THREE_PARTS);
    try {
      await expect(channel.send(digest)).rejects.toThrow('telegram tg answered HTTP 502');
      await channel.send(digest);
      expect(api.received.map((r) => r.body.text)).toEqual(['<b>ملخص (1/3)</b>', '<b>ملخص (2/3)</b>', '<b>ملخص (2/3)</b>', '<b>ملخص (3/3)</b>']);
      const gaps = api.received.slice(1).map((r, i) => r.at - api.received[i]!.at);
      expect(gaps.every((gap) => gap >= 950)).toBe(true);
    } finally {
      await api.close();
    }
  });

  it('sends a digest written anew for its retry whole, rather than the rest of a text that changed', async () => {
    let calls = 0;
    const api = await botApi(() => (++calls === 2 ? { status: 502, json: {} } : { status: 200, json: { ok: true } }));
    const channel = createChannel(telegramConfig(api.url));
    try {
      await expect(channel.send(digestOf(['<b>(1/2)</b> أ', '<b>(2/2)</b> ب']))).rejects.toThrow('HTTP 502');
      await channel.send(digestOf(['<b>(1/2)</b> أ ج', '<b>(2/2)</b> ب']));
      expect(api.received.map((r) => r.body.text)).toEqual(['<b>(1/2)</b> أ', '<b>(2/2)</b> ب', '<b>(1/2)</b> أ ج', '<b>(2/2)</b> ب']);
    } finally {
      await api.close();
    }
  });

  it('is configured with a bot token and a chat as Telegram writes them', () => {
    const problems = (entry: Record<string, unknown>) => ChannelSchema.safeParse({ id: 'tg', type: 'telegram', botToken: TOKEN, chatId: '-100123', ...entry }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({})).toBeUndefined();
    expect(problems({ botToken: 'not-a-token' })).toEqual(['botToken: a bot token as @BotFather gives it: 123456789:AA…']);
    expect(problems({ chatId: 'marsad' })).toEqual(["chatId: a numeric chat id (-100…) or a public channel's @username"]);
  });
});

describe('webhook channel', () => {
  const hook = (url: string) => createChannel(ChannelSchema.parse({ id: 'slack', type: 'webhook', url, format: 'slack' }));

  it('fails a refusal with Retry-After as a retry no sooner than asked, and holds the next alerts', async () => {
    const api = await botApi(() => ({ status: 429, json: {}, headers: { 'retry-after': '120' } }));
    const channel = hook(api.url);
    try {
      const first = await channel.send(envelope(1)).catch((e: unknown) => e);
      expect(first).toMatchObject({ name: 'RetryNotBeforeError', message: 'webhook slack answered HTTP 429: retry after 120 s', retryAfterMs: 120_000 });
      await expect(channel.send(envelope(2))).rejects.toThrow(/^slack asked to wait: 1[12]\d s more$/);
      expect(api.received).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it("gives the receiver's own words as the reason: Slack's plain text, a JSON error's message, not an HTML page", async () => {
    const answers = [
      { status: 404, json: null, text: 'channel_not_found' },
      { status: 400, json: { error: { code: 'InvalidRequestContent', message: 'The request content is not valid' } } },
      { status: 502, json: null, text: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
    ];
    const api = await botApi(() => answers.shift()!);
    const channel = hook(api.url);
    try {
      const reasons = [];
      for (let n = 0; n < 3; n++) reasons.push(((await channel.send(envelope(n)).catch((e: unknown) => e)) as Error).message);
      expect(reasons).toEqual(['webhook slack answered HTTP 404: channel_not_found', 'webhook slack answered HTTP 400: The request content is not valid', 'webhook slack answered HTTP 502']);
    } finally {
      await api.close();
    }
  });

  it("reads no further than the start of a refusal's endless body", async () => {
    const server = createServer((req, res) => {
      req.resume().on('end', () => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('overloaded '.repeat(1000)), 1);
        res.on('close', () => clearInterval(timer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const error = (await hook(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).send(envelope(1)).catch((e: unknown) => e)) as Error;
      expect(error.message).toBe(`webhook slack answered HTTP 500: ${'overloaded '.repeat(20).slice(0, 200)}`);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('sits out a one-second Retry-After, and fails a 503 without one as any failure', async () => {
    let calls = 0;
    const api = await botApi(() => (++calls === 1 ? { status: 503, json: {}, headers: { 'retry-after': '1' } } : calls === 2 ? { status: 200, json: {} } : { status: 503, json: {} }));
    const channel = hook(api.url);
    try {
      await channel.send(envelope(1));
      expect(api.received[1]!.at - api.received[0]!.at).toBeGreaterThanOrEqual(950);
      const error = await channel.send(envelope(2)).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(RetryNotBeforeError);
      expect((error as Error).message).toBe('webhook slack answered HTTP 503');
    } finally {
      await api.close();
    }
  });
});

describe('channels of two alerters on one Redis', () => {
  it("share a receiver's hold and a digest's parts sent: the other replica neither knocks nor sends a part twice", async () => {
    const redis = createTestRedis('channels');
    const connection = createRedis(redis.url);
    let calls = 0;
    // The first message goes through, the second is refused with a long flood wait, the rest go through.
    const api = await botApi(() => (++calls === 2 ? { status: 429, json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 6', parameters: { retry_after: 6 } } } : { status: 200, json: { ok: true } }));
    const config = telegramConfig(api.url);
    const [first, second] = [createChannel(config, redisMemory(connection, redis.prefix)), createChannel(config, redisMemory(connection, redis.prefix))];
    const digest = digestOf(THREE_PARTS);
    try {
      await expect(first.send(digest)).rejects.toBeInstanceOf(RetryNotBeforeError);
      const held = await second.send(digest).catch((e: unknown) => e);
      expect((held as Error).message).toMatch(/^tg asked to wait: [56] s more$/);
      expect(api.received).toHaveLength(2);
      await connection.del(`${redis.prefix}:channel:tg:hold`); // the wait over
      await second.send(digest);
      expect(api.received.map((r) => r.body.text)).toEqual(['<b>ملخص (1/3)</b>', '<b>ملخص (2/3)</b>', '<b>ملخص (2/3)</b>', '<b>ملخص (3/3)</b>']);
      // Sent whole: its count of parts is forgotten.
      expect(await connection.keys(`${redis.prefix}:delivery-parts:*`)).toEqual([]);
    } finally {
      await api.close();
      connection.disconnect();
      await redis.cleanup();
    }
  });

  it("keep the longest wait asked: a shorter refusal on another replica does not end it early", async () => {
    const redis = createTestRedis('channels');
    const connection = createRedis(redis.url);
    try {
      const [one, other] = [redisMemory(connection, redis.prefix), redisMemory(connection, redis.prefix)];
      const long = Date.now() + 60_000;
      await one.holdUntil('tg', long);
      await other.holdUntil('tg', Date.now() + 5_000);
      expect(await one.heldUntil('tg')).toBe(long);
      expect(await connection.pttl(`${redis.prefix}:channel:tg:hold`)).toBeGreaterThan(55_000);
    } finally {
      connection.disconnect();
      await redis.cleanup();
    }
  });
});
