import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelSchema } from '@marsad/config';
import { startSmtpServer } from '@marsad/testing';
import { describe, expect, it } from 'vitest';
import { createChannel, type Envelope } from './index.js';

const envelope = (n: number): Envelope => ({
  deliveryKey: `rule:story-${n}:mail`,
  rule: 'rule',
  subject: `خبر ${n}`,
  text: `نص ${n}`,
  html: `<p>نص ${n}</p>`,
  bodies: { json: {}, slack: {}, teams: {}, telegram: `<b>خبر ${n}</b>` },
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

const TOKEN = '123456789:AAHk2x_test-token-0123456789abcdef';

/** A stand-in for Telegram's Bot API: what it was sent, and its answer (Telegram's own shape). */
async function botApi(answer: (body: Record<string, unknown>) => { status: number; json: unknown }) {
  const received: { path: string; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ path: req.url ?? '', body });
      const { status, json } = answer(body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('telegram channel', () => {
  it("posts the message's Telegram HTML to the bot's sendMessage for the chat", async () => {
    const api = await botApi(() => ({ status: 200, json: { ok: true, result: { message_id: 7 } } }));
    const channel = createChannel(ChannelSchema.parse({ id: 'tg', type: 'telegram', botToken: TOKEN, chatId: -1001234567890, apiUrl: api.url }));
    try {
      await channel.send(envelope(1));
      expect(api.received).toEqual([{ path: `/bot${TOKEN}/sendMessage`, body: { chat_id: '-1001234567890', text: '<b>خبر 1</b>', parse_mode: 'HTML' } }]);
    } finally {
      await api.close();
    }
  });

  it("fails with Telegram's description and never with the token, so the alert is retried and the log says what to fix", async () => {
    const api = await botApi(() => ({ status: 400, json: { ok: false, error_code: 400, description: 'Bad Request: chat not found' } }));
    const channel = createChannel(ChannelSchema.parse({ id: 'tg', type: 'telegram', botToken: TOKEN, chatId: '@marsad_alerts', apiUrl: api.url }));
    try {
      const error = (await channel.send(envelope(1)).catch((e: unknown) => e)) as Error;
      expect(error.message).toBe('telegram tg answered HTTP 400: Bad Request: chat not found');
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(TOKEN.split(':')[1]);
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
