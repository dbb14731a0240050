import type { AlertsConfig, RuleConfig } from '@marsad/config';
import { deliveryJobOptions, type DigestJob, type JobContext, type KeptSchedule, type PipelineQueues, type Redis } from '@marsad/queues';
import type { Channel, Envelope } from './channels/index.js';
import { deliveryFailed, deliveryKey, type ChannelFailure, type DeliveryLog } from './handlers/alert-item.js';
import { escapeHtml, escapeSlack, localTime, markedExcerpt, packLines, percentOf, PLAIN_CONTEXT, safeHref, storyPageUrl, teamsText, telegramParts, type AlertContext } from './message.js';
import type { AlertRule } from './rules.js';
import { storiesOf, type ListedItem, type Pickup, type Story } from './stories.js';

const DAY_MS = 86_400_000;

/** Slack's limit on a section's text, and the sections that stay under its 40,000 characters a message. */
const SLACK_SECTION_TEXT = 3_000;
const SLACK_MAX_SECTIONS = 12;
/** Teams refuses a card over 28 KB: Arabic takes two bytes a letter, and the card's frame some more. */
const TEAMS_MAX_TEXT = 10_000;

export interface DigestDeps {
  rule: AlertRule;
  config: Pick<RuleConfig, 'tz' | 'sendEmpty'>;
  channels: ReadonlyMap<string, Channel>;
  deliveries: DeliveryLog;
  /** Items first seen (published, or fetched) at or after `since`. */
  itemsSince(since: string): Promise<ListedItem[]>;
  lastDigest: LastDigest;
  attempts: number;
  now?: () => Date;
  /** Source names and words (times are written in the rule's `tz`). @defaultValue ids, English */
  context?: Pick<AlertContext, 'sourceName' | 'words' | 'publicUrl'>;
}

export interface DigestResult {
  ruleId: string;
  since: string;
  until: string;
  stories: number;
  pickups: number;
  sent: string[];
}

/**
 * A digest rule's summary: stories first seen since its last digest, each with its pickups, and the
 * new pickups of earlier stories (copies of an alerted story appear here, not as new alerts). Each
 * channel gets it once per period (the delivery log, keyed by the day in the rule's time zone).
 */
export async function sendDigest(job: DigestJob, deps: DigestDeps, ctx: JobContext): Promise<DigestResult> {
  const until = (deps.now ?? (() => new Date()))();
  const since = (await deps.lastDigest.get(deps.rule.id)) ?? new Date(until.getTime() - DAY_MS).toISOString();
  const stories = storiesOf(await deps.itemsSince(since), deps.rule);
  const fresh = stories.filter((s) => s.first.id === s.storyId);
  const earlier = stories.filter((s) => s.first.id !== s.storyId);
  const pickups = fresh.reduce((n, s) => n + s.pickups.length, 0) + earlier.reduce((n, s) => n + s.pickups.length + 1, 0);
  const result = { ruleId: deps.rule.id, since, until: until.toISOString(), stories: fresh.length, pickups, sent: [] as string[] };
  if (fresh.length === 0 && earlier.length === 0 && !deps.config.sendEmpty) {
    ctx.log.info({ since }, 'digest empty: not sent');
    await deps.lastDigest.set(deps.rule.id, until.toISOString());
    return result;
  }
  const period = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(until);
  const failures: ChannelFailure[] = [];
  for (const channelId of deps.rule.channels) {
    const key = deliveryKey(deps.rule.id, `digest:${period}`, channelId);
    const state = await deps.deliveries.claimDelivery({ key, ruleId: deps.rule.id, storyId: `digest:${period}`, channelId, itemId: '', claimant: job.runId ?? ctx.jobId });
    if (state !== 'send') continue;
    try {
      const { sourceName, words, publicUrl } = deps.context ?? PLAIN_CONTEXT;
      const reading = { sourceName, words, publicUrl, timeZone: deps.config.tz };
      await deps.channels.get(channelId)!.send(digestEnvelope(key, deps.rule, since, result.until, fresh, earlier, reading));
      await deps.deliveries.markDelivered(key);
      result.sent.push(key);
    } catch (err) {
      await deps.deliveries.markDeliveryFailed(key, (err as Error).message, ctx.attempt >= deps.attempts);
      failures.push({ channelId, err });
    }
  }
  if (failures.length) throw deliveryFailed('digest', failures);
  await deps.lastDigest.set(deps.rule.id, result.until);
  ctx.log.info({ stories: fresh.length, pickups, sent: result.sent.length }, 'digest sent');
  return result;
}

/** When each digest rule last went out, in Redis (shared by every alerter replica). */
export interface LastDigest {
  get(ruleId: string): Promise<string | null>;
  set(ruleId: string, at: string): Promise<void>;
}

export function redisLastDigest(redis: Redis, prefix: string): LastDigest {
  return {
    get: (ruleId) => redis.get(`${prefix}:digest:${ruleId}:last`),
    set: async (ruleId, at) => void (await redis.set(`${prefix}:digest:${ruleId}:last`, at)),
  };
}

const SCHEDULER_PREFIX = 'digest:';

/** The schedule of each digest rule, at its time in its time zone (syncDigestSchedulers, keepSchedules). */
export function digestSchedules(queues: Pick<PipelineQueues, 'digest'>, rules: readonly RuleConfig[], delivery: AlertsConfig['delivery'] = { attempts: 12, backoffMs: 10_000 }): KeptSchedule[] {
  return rules
    .filter((rule) => rule.mode === 'digest' && rule.at)
    .map((rule) => {
      const [hour, minute] = rule.at!.split(':').map(Number);
      const key = `${SCHEDULER_PREFIX}${rule.id}`;
      const set = () => queues.digest.upsertJobScheduler(key, { pattern: `${minute} ${hour} * * *`, tz: rule.tz }, { name: 'digest', data: { ruleId: rule.id }, opts: deliveryJobOptions(delivery) });
      return { key, id: rule.id, set };
    });
}

/** One BullMQ job scheduler per digest rule, at its time in its time zone; stale ones removed. */
export async function syncDigestSchedulers(
  queues: Pick<PipelineQueues, 'digest'>,
  rules: readonly RuleConfig[],
  delivery: AlertsConfig['delivery'] = { attempts: 12, backoffMs: 10_000 },
): Promise<{ upserted: number; removed: number }> {
  const digests = digestSchedules(queues, rules, delivery);
  for (const digest of digests) await digest.set();
  const wanted = new Set(digests.map((digest) => digest.key));
  const stale = (await queues.digest.getJobSchedulers()).filter((s) => s.key.startsWith(SCHEDULER_PREFIX) && !wanted.has(s.key));
  for (const scheduler of stale) await queues.digest.removeJobScheduler(scheduler.key);
  return { upserted: digests.length, removed: stale.length };
}

/** When each digest rule's schedule next sends it, in ms since the epoch, by rule id. */
export async function nextDigests(digestQueue: Pick<PipelineQueues, 'digest'>['digest']): Promise<Map<string, number>> {
  const schedulers = await digestQueue.getJobSchedulers();
  return new Map(schedulers.filter((s) => s.key.startsWith(SCHEDULER_PREFIX) && s.next !== undefined).map((s) => [s.key.slice(SCHEDULER_PREFIX.length), s.next as number]));
}

/** How a digest is read: outlets by name, times in the rule's zone, in the configured words. */
interface Reading extends Pick<AlertContext, 'sourceName' | 'words' | 'publicUrl'> {
  timeZone: string;
}

function pickupLine(p: Pickup, { sourceName, words }: Reading): string {
  return `${sourceName(p.sourceId)} ${words.pickup(Math.round(p.afterSeconds / 60), percentOf(p.similarity))} ${p.url}`;
}

/** A digest's passage of each new story: shorter than an alert's, as a digest lists many. */
const DIGEST_EXCERPT_CHARS = 200;

function digestEnvelope(deliveryKey: string, compiled: AlertRule, since: string, until: string, fresh: Story[], earlier: Story[], reading: Reading): Envelope {
  const { words } = reading;
  const rule = compiled.id;
  const excerpts = new Map(fresh.map((s) => [s.storyId, compiled.excerpt(s.first, s.first.text, DIGEST_EXCERPT_CHARS)]));
  const excerptOf = (s: Story) => excerpts.get(s.storyId) ?? { text: '', marks: [] };
  const subject = words.digestSubject(rule, fresh.length, until.slice(0, 10));
  const at = (iso: string) => localTime(iso, reading.timeZone);
  const name = (s: Story) => reading.sourceName(s.first.sourceId);
  const text = [
    words.storiesSince(at(since), rule),
    '',
    ...fresh.flatMap((s) => {
      const page = storyPageUrl(reading, s.storyId);
      return [
        `* ${s.first.title}`,
        ...(excerptOf(s).text ? [`  ${excerptOf(s).text}`] : []),
        `  ${name(s)} · ${at(s.firstSeenAt)} · ${s.first.url}`,
        ...s.pickups.map((p) => `  ${words.alsoPublishedBy} ${pickupLine(p, reading)}`),
        ...(page ? [`  ${words.storyPage}: ${page}`] : []),
        '',
      ];
    }),
    ...(earlier.length ? [words.newPickups, ...earlier.flatMap((s) => [`* ${words.story(s.storyId)}: ${s.first.title}`, `  ${name(s)} ${s.first.url}`, ...s.pickups.map((p) => `  ${pickupLine(p, reading)}`)])] : []),
    fresh.length === 0 && earlier.length === 0 ? words.nothingNew : '',
  ].join('\n');
  const dir = words.lang === 'ar' ? 'rtl' : 'ltr';
  const pageLink = (s: Story) => {
    const page = storyPageUrl(reading, s.storyId);
    return page ? ` · <a href="${escapeHtml(page)}">${escapeHtml(words.storyPage)}</a>` : '';
  };
  const item = (s: Story) => `<li${s.first.arabic ? ' dir="rtl" lang="ar"' : ''}><a href="${escapeHtml(safeHref(s.first.url) ?? '#')}">${escapeHtml(s.first.title || s.first.url)}</a>
    ${excerptOf(s).text ? `<br>${markedExcerpt(excerptOf(s))}` : ''}<br><small>${escapeHtml(name(s))} · ${escapeHtml(at(s.firstSeenAt))}${pageLink(s)}</small>
    ${s.pickups.length ? `<ul dir="${dir}">${s.pickups.map((p) => `<li>${escapeHtml(`${words.alsoPublishedBy} ${pickupLine(p, reading)}`)}</li>`).join('')}</ul>` : ''}</li>`;
  const html = `<!doctype html><html><body dir="${dir}" lang="${words.lang}"><p>${escapeHtml(words.storiesSince(at(since), rule))}</p>
<ul>${fresh.map(item).join('\n')}</ul>${earlier.length ? `<p>${escapeHtml(words.newPickups)}</p><ul>${earlier.map(item).join('\n')}</ul>` : ''}</body></html>`;
  const summary = (s: Story) => ({ storyId: s.storyId, title: s.first.title, url: s.first.url, sourceId: s.first.sourceId, firstSeenAt: s.firstSeenAt, reasons: s.reasons, ...(excerpts.has(s.storyId) && { excerpt: excerptOf(s) }), pickups: s.pickups });
  const json = { type: 'marsad.digest', deliveryKey, rule, since, until, stories: fresh.map(summary), earlierStories: earlier.map(summary) };
  return {
    deliveryKey,
    rule,
    subject,
    text,
    html,
    bodies: {
      json,
      slack: { text: subject, blocks: packLines(escapeSlack(text), SLACK_SECTION_TEXT, SLACK_MAX_SECTIONS, escapeSlack(words.digestCut)).map((section) => ({ type: 'section', text: { type: 'mrkdwn', text: section } })) },
      teams: { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: teamsText(subject), weight: 'Bolder', wrap: true }, { type: 'TextBlock', text: teamsText(packLines(text, TEAMS_MAX_TEXT, 1, words.digestCut)[0]!), wrap: true }] } }] },
      telegram: telegramParts(subject, text, words.digestCut),
    },
  };
}
