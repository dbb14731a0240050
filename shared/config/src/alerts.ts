import { parseQuery } from '@marsad/text';
import { z } from 'zod';
import { IntervalSchema } from './interval.js';
import { meantAmong } from './key-hints.js';
import { addressOf } from './urls.js';

const ChannelId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'use lowercase letters, digits, - and _');

/** An address, or a name and one ("Marsad <marsad@example.org>"), as mail headers write them. */
const Mailbox = z.string().refine((mailbox) => z.email().safeParse(/<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim()).success, 'an e-mail address, or a name and one: "Marsad <marsad@example.org>"');

export const EmailChannelSchema = z.strictObject({
  id: ChannelId,
  type: z.literal('email'),
  /** SMTP server, e.g. smtp://user:pass@mail.example.org:587 (smtps:// for TLS from the start). */
  smtp: addressOf(['smtp', 'smtps']),
  /** The sender: an address, or a name and one ("Marsad <marsad@example.org>"). */
  from: Mailbox,
  /** The recipients: a list, or one address (several separated by commas, as a mail client takes them). */
  to: z.preprocess(
    (to) => (typeof to === 'string' ? to.split(/[,;]/).map((address) => address.trim()).filter(Boolean) : to),
    z.array(Mailbox).min(1, 'at least one recipient: to: [comms@example.org]'),
  ),
});

export const WebhookChannelSchema = z.strictObject({
  id: ChannelId,
  type: z.literal('webhook'),
  url: addressOf(['https', 'http']),
  /** json: Marsad's own schema (README); slack: Block Kit; teams: an Adaptive Card. @defaultValue json */
  format: z.enum(['json', 'slack', 'teams']).default('json'),
  /** When set, each request carries X-Marsad-Signature: sha256=<HMAC of the body with this secret>. */
  secret: z.string().min(8).optional(),
});

/** A Telegram chat, group or channel, through a bot (its Bot API sendMessage). */
export const TelegramChannelSchema = z.strictObject({
  id: ChannelId,
  type: z.literal('telegram'),
  /** The bot's token as @BotFather gives it (123456789:AA…); the bot must be a member of the chat. */
  botToken: z.string().regex(/^\d+:[\w-]{20,}$/, 'a bot token as @BotFather gives it: 123456789:AA…'),
  /** The chat: its numeric id (a group's or channel's starts with -100) or a public channel's @username. */
  chatId: z.union([z.number().int().transform(String), z.string().regex(/^(-?\d+|@[A-Za-z]\w{4,})$/, 'a numeric chat id (-100…) or a public channel\'s @username')]),
  /** The Bot API server (a self-hosted one, or a test's). @defaultValue https://api.telegram.org */
  apiUrl: addressOf(['https', 'http']).default('https://api.telegram.org'),
});

export const ChannelSchema = z.discriminatedUnion('type', [EmailChannelSchema, WebhookChannelSchema, TelegramChannelSchema]);
export type ChannelConfig = z.infer<typeof ChannelSchema>;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'write the time as HH:MM (24 h)');
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone (use an IANA name such as "Africa/Casablanca")');

export const RuleSchema = z
  .strictObject({
    id: ChannelId,
    /** Any of these tags (an empty list would match nothing: leave it out to match any). */
    tags: z.array(z.string().min(1)).min(1, 'list at least one tag, or leave tags out').optional(),
    /** Only items of these sources (as tags: at least one). */
    sources: z.array(z.string().min(1)).min(1, 'list at least one source, or leave sources out').optional(),
    /** Only Arabic items (true) or only others (false). */
    arabic: z.boolean().optional(),
    /** Keywords: AND, OR (أو), NOT (-word), "quoted phrases", NEAR/n; matched on normalised text with clitics. */
    query: z
      .string()
      .min(1)
      .superRefine((query, ctx) => {
        try {
          parseQuery(query);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: `query: ${(err as Error).message}` });
        }
      })
      .optional(),
    /** Only copies of reference articles (seeds/): true for any of them, or these ones (their file names without .txt). */
    references: z.union([z.literal(true), z.array(z.string().min(1)).min(1)]).optional(),
    channels: z.array(ChannelId).min(1, 'list at least one channel the alerts go to'),
    /** Immediate rules: one alert per story (the default), or one per item, every pickup of a story too. */
    each: z.enum(['story', 'item']).default('story'),
    /** immediate: one alert per story as it is found; digest: a summary at `at` in `tz`. @defaultValue immediate */
    mode: z.enum(['immediate', 'digest']).default('immediate'),
    at: TimeOfDay.optional(),
    /** @defaultValue UTC */
    tz: TimeZone.default('UTC'),
    /** Send a digest even when there is nothing new. @defaultValue false */
    sendEmpty: z.boolean().default(false),
    /**
     * Immediate rules: no alert on an item published longer than this before it was found (a new
     * source's backlog, an archive a sitemap lists). @defaultValue none: every matching story alerts,
     * whatever its age, as each alert is owed once per rule, story and channel
     */
    maxAge: z.union([z.literal('none'), IntervalSchema], { error: 'a duration such as "12h" or "7d", or none to alert on items of any age' }).optional(),
  })
  .refine((rule) => rule.mode !== 'digest' || rule.at !== undefined, { message: 'a digest rule needs `at` (HH:MM)', path: ['at'] })
  // An immediate rule alerts as items come: a time for it would be taken for a digest's and mean nothing.
  .refine((rule) => rule.mode === 'digest' || rule.at === undefined, { message: '`at` is the time of a digest: add mode: digest, or leave at out', path: ['at'] })
  .refine((rule) => rule.mode !== 'digest' || rule.each === 'story', { message: 'a digest lists stories with their pickups: `each: item` is for immediate rules', path: ['each'] })
  .refine((rule) => rule.mode !== 'digest' || rule.maxAge === undefined, { message: 'a digest lists the stories first seen since the last one, whatever their age: `maxAge` is for immediate rules', path: ['maxAge'] });
export type RuleConfig = z.infer<typeof RuleSchema>;

/** How long an alert keeps being retried while its channel is down (exponential: 10 s, 20 s, … about 11 hours in all by default). */
export const DeliverySchema = z.strictObject({
  /** @defaultValue 12 */
  attempts: z.number().int().min(1).max(50).default(12),
  /** First retry delay; later ones double, with jitter. @defaultValue 10000 */
  backoffMs: z.number().int().positive().default(10_000),
});

/** A rule's channel the file does not define: its alerts would go nowhere. */
export const unknownChannel = (id: string, ids: readonly string[]) => `unknown channel "${id}"${meantAmong(id, ids, 'channels')}`;

export const AlertsSchema = z
  .strictObject({
    channels: z.array(ChannelSchema).default([]),
    rules: z.array(RuleSchema).default([]),
    delivery: DeliverySchema.prefault({}),
    /** What alerts, digests and Atom feeds are worded in around the items: ar, fr or en. @defaultValue ar */
    language: z.enum(['ar', 'fr', 'en']).default('ar'),
  })
  .superRefine((alerts, ctx) => {
    const ids = new Set(alerts.channels.map((c) => c.id));
    alerts.rules.forEach((rule, r) =>
      rule.channels.forEach((channel, c) => {
        if (!ids.has(channel)) ctx.addIssue({ code: 'custom', message: unknownChannel(channel, [...ids]), path: ['rules', r, 'channels', c] });
      }),
    );
  });
export type AlertsConfig = z.infer<typeof AlertsSchema>;
