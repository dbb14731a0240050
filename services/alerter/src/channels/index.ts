import { createHash, createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelConfig } from '@marsad/config';
import { retryAfterMs } from '@marsad/sources';
import nodemailer from 'nodemailer';
import pLimit from 'p-limit';
import { request, type Dispatcher } from 'undici';
import { ReceiverHold, type Refusal } from './hold.js';
import { processMemory, type ChannelMemory } from './memory.js';


/** One alert or digest, rendered for every kind of channel. */
export interface Envelope {
  /** The same on every attempt of one delivery, so that a receiver can drop a repeat. */
  deliveryKey: string;
  rule: string;
  subject: string;
  text: string;
  html: string;
  /** The body of a webhook, per format; `telegram`: the messages' texts as Telegram's HTML (a long digest takes several). */
  bodies: { json: unknown; slack: unknown; teams: unknown; telegram: string[] };
}

/** Somewhere alerts go. `send` resolves once the other side has accepted the message. */
export interface Channel {
  id: string;
  send(envelope: Envelope): Promise<void>;
  close(): Promise<void>;
}

/** E-mails one channel sends at a time (each on its own SMTP connection). */
const SMTP_CONNECTIONS = 3;

/** A channel; `memory` keeps receivers' holds and digests' parts (Redis's, for alerters that share them). */
export function createChannel(config: ChannelConfig, memory: ChannelMemory = processMemory()): Channel {
  if (config.type === 'email') return emailChannel(config);
  return config.type === 'telegram' ? telegramChannel(config, memory) : webhookChannel(config, memory);
}

/**
 * How long an SMTP server may keep a send waiting (nodemailer's defaults are 2 and 10 minutes, during
 * which the alert holds one of the channel's connections); `?socketTimeout=…` in the URL still wins.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

function emailChannel(config: Extract<ChannelConfig, { type: 'email' }>): Channel {
  const transport = nodemailer.createTransport({ url: config.smtp, ...SMTP_TIMEOUTS });
  // Alert jobs run many at once; mail servers limit a client's connections (often to 3), so a burst of
  // matching stories waits its turn here instead of being refused there.
  const limit = pLimit(SMTP_CONNECTIONS);
  return {
    id: config.id,
    send: (message) => limit(async () => {
      await transport.sendMail({
        from: config.from,
        to: config.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // The same Message-ID on every attempt: a mail system that got the first copy can drop the next.
        messageId: `<${createHash('sha256').update(message.deliveryKey).digest('hex').slice(0, 32)}@marsad>`,
        headers: { 'X-Marsad-Delivery': message.deliveryKey, 'X-Marsad-Rule': message.rule },
      });
    }),
    close: async () => transport.close(),
  };
}

function webhookChannel(config: Extract<ChannelConfig, { type: 'webhook' }>, memory: ChannelMemory): Channel {
  const hold = new ReceiverHold(config.id, memory);
  return {
    id: config.id,
    send: (message) => hold.send(async () => {
      const body = JSON.stringify(message.bodies[config.format]);
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Marsad alerts',
        // Same key on every attempt, so a receiver can drop a repeat whose first answer we never got.
        'idempotency-key': message.deliveryKey,
      };
      if (config.secret) headers['x-marsad-signature'] = `sha256=${createHmac('sha256', config.secret).update(body).digest('hex')}`;
      const response = await request(config.url, { method: 'POST', headers, body, headersTimeout: 15_000, bodyTimeout: 15_000 });
      const status = response.statusCode;
      if (status < 300) {
        await response.body.dump();
        return undefined;
      }
      const why = receiverWords(await bodyStart(response.body).catch(() => ''));
      const wait = status === 429 || status === 503 ? retryAfterMs(String(response.headers['retry-after'] ?? '')) : undefined;
      if (wait !== undefined) return { retryAfterMs: wait, reason: `webhook ${config.id} answered HTTP ${status}${why}: retry after ${Math.ceil(wait / 1000)} s` };
      throw new Error(`webhook ${config.id} answered HTTP ${status}${why}`);
    }),
    close: async () => {},
  };
}

/** Longest start of a receiver's answer read: enough for any error it words, not for an endless page. */
const ANSWER_BYTES = 65_536;

/** The start of a response's body as text; the rest is not read (the connection is closed instead). */
async function bodyStart(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= ANSWER_BYTES) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks).subarray(0, ANSWER_BYTES).toString('utf8');
}

/**
 * What a receiver said with its refusal, for the failure's reason: Slack's plain "channel_not_found" or
 * "invalid_token", the message of a JSON error (a Teams workflow's `error.message`); not an HTML error
 * page, and never more than a line.
 */
function receiverWords(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (line === '' || line.startsWith('<')) return '';
  if (!/^[[{]/.test(line)) return `: ${line.slice(0, 200)}`;
  try {
    const json = JSON.parse(line) as { error?: string | { message?: unknown }; message?: unknown; description?: unknown };
    const said = [typeof json.error === 'object' ? json.error?.message : json.error, json.message, json.description].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    return said ? `: ${said.replace(/\s+/g, ' ').trim().slice(0, 200)}` : '';
  } catch {
    return `: ${line.slice(0, 200)}`;
  }
}

/** The longest text sendMessage takes, in characters after its HTML is read. */
export const TELEGRAM_MAX_TEXT = 4096;

/** Telegram's advice: no more than a message a second to one chat. */
const TELEGRAM_CHAT_GAP_MS = 1_000;

/**
 * A bot's sendMessage, one message at a time to the chat, a second apart, each part of a digest once (its
 * retry sends the parts `memory` does not count as sent). Its URL holds the bot's token, so no error says
 * the URL: Telegram's own description ("Bad Request: chat not found", "Forbidden: bot was blocked by the
 * user") says what to fix. A flood limit's retry_after holds the channel (`ReceiverHold`).
 */
function telegramChannel(config: Extract<ChannelConfig, { type: 'telegram' }>, memory: ChannelMemory): Channel {
  const endpoint = `${config.apiUrl.replace(/\/+$/, '')}/bot${config.botToken}/sendMessage`;
  const hold = new ReceiverHold(config.id, memory);
  const inTurn = pLimit(1);
  let lastSentAt = 0;

  async function post(text: string): Promise<Refusal | undefined> {
    const gap = lastSentAt + TELEGRAM_CHAT_GAP_MS - Date.now();
    if (gap > 0) await sleep(gap);
    const body = JSON.stringify({ chat_id: config.chatId, text, parse_mode: 'HTML' });
    const response = await request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Marsad alerts' }, body, headersTimeout: 15_000, bodyTimeout: 15_000 }).catch((err: unknown) => {
      // Its message only: an error that carries the request would carry the token in its URL.
      throw new Error(`telegram ${config.id}: ${(err as Error).message}`);
    });
    lastSentAt = Date.now();
    const answer = (await bodyStart(response.body).then((text) => JSON.parse(text) as unknown).catch(() => ({}))) as { ok?: boolean; description?: unknown; parameters?: { retry_after?: unknown } };
    if (response.statusCode < 300 && answer.ok === true) return undefined;
    const why = typeof answer.description === 'string' ? `: ${answer.description.slice(0, 200)}` : '';
    const reason = `telegram ${config.id} answered HTTP ${response.statusCode}${why}`;
    const retryAfter = answer.parameters?.retry_after;
    if (response.statusCode === 429 && typeof retryAfter === 'number' && retryAfter >= 0) return { retryAfterMs: retryAfter * 1_000, reason };
    throw new Error(reason);
  }

  return {
    id: config.id,
    send: (message) => inTurn(async () => {
      const parts = message.bodies.telegram;
      // A retry writes the digest again, with what came in since: its parts counted are those of the same text.
      const key = `${message.deliveryKey}#${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`;
      for (let part = parts.length > 1 ? await memory.partsSent(key) : 0; part < parts.length; part++) {
        await hold.send(() => post(parts[part]!));
        if (part + 1 < parts.length) await memory.rememberPartsSent(key, part + 1);
      }
      if (parts.length > 1) await memory.forgetParts(key);
    }),
    close: async () => {},
  };
}
