import { createHash, createHmac } from 'node:crypto';
import type { ChannelConfig } from '@marsad/config';
import nodemailer from 'nodemailer';
import pLimit from 'p-limit';
import { request } from 'undici';


/** One alert or digest, rendered for every kind of channel. */
export interface Envelope {
  /** The same on every attempt of one delivery, so that a receiver can drop a repeat. */
  deliveryKey: string;
  rule: string;
  subject: string;
  text: string;
  html: string;
  /** The body of a webhook, per format; `telegram`: the message's text as Telegram's HTML. */
  bodies: { json: unknown; slack: unknown; teams: unknown; telegram: string };
}

/** Somewhere alerts go. `send` resolves once the other side has accepted the message. */
export interface Channel {
  id: string;
  send(envelope: Envelope): Promise<void>;
  close(): Promise<void>;
}

/** E-mails one channel sends at a time (each on its own SMTP connection). */
const SMTP_CONNECTIONS = 3;

export function createChannel(config: ChannelConfig): Channel {
  if (config.type === 'email') return emailChannel(config);
  return config.type === 'telegram' ? telegramChannel(config) : webhookChannel(config);
}

function emailChannel(config: Extract<ChannelConfig, { type: 'email' }>): Channel {
  const transport = nodemailer.createTransport(config.smtp);
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

function webhookChannel(config: Extract<ChannelConfig, { type: 'webhook' }>): Channel {
  return {
    id: config.id,
    async send(message) {
      const body = JSON.stringify(message.bodies[config.format]);
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Marsad alerts',
        // Same key on every attempt, so a receiver can drop a repeat whose first answer we never got.
        'idempotency-key': message.deliveryKey,
      };
      if (config.secret) headers['x-marsad-signature'] = `sha256=${createHmac('sha256', config.secret).update(body).digest('hex')}`;
      const response = await request(config.url, { method: 'POST', headers, body, headersTimeout: 15_000, bodyTimeout: 15_000 });
      await response.body.dump();
      if (response.statusCode >= 300) throw new Error(`webhook ${config.id} answered HTTP ${response.statusCode}`);
    },
    close: async () => {},
  };
}

/** The longest text sendMessage takes, in characters after its HTML is read. */
export const TELEGRAM_MAX_TEXT = 4096;

/**
 * A bot's sendMessage. Its URL holds the bot's token, so no error says the URL: Telegram's own
 * description ("Bad Request: chat not found", "Forbidden: bot was blocked by the user") says what to fix.
 */
function telegramChannel(config: Extract<ChannelConfig, { type: 'telegram' }>): Channel {
  const endpoint = `${config.apiUrl.replace(/\/+$/, '')}/bot${config.botToken}/sendMessage`;
  return {
    id: config.id,
    async send(message) {
      const body = JSON.stringify({ chat_id: config.chatId, text: message.bodies.telegram, parse_mode: 'HTML' });
      const response = await request(endpoint, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Marsad alerts' }, body, headersTimeout: 15_000, bodyTimeout: 15_000 }).catch((err: unknown) => {
        // Its message only: an error that carries the request would carry the token in its URL.
        throw new Error(`telegram ${config.id}: ${(err as Error).message}`);
      });
      const answer = (await response.body.json().catch(() => ({}))) as { ok?: boolean; description?: unknown };
      if (response.statusCode >= 300 || answer.ok !== true) {
        const why = typeof answer.description === 'string' ? `: ${answer.description.slice(0, 200)}` : '';
        throw new Error(`telegram ${config.id} answered HTTP ${response.statusCode}${why}`);
      }
    },
    close: async () => {},
  };
}
