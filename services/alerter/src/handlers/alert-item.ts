import { RetryLaterError, RetryNotBeforeError, RUN_MAX_RETRY_AFTER_MS, type AlertJob, type JobContext } from '@marsad/queues';
import type { Passage } from '@marsad/text';
import type { Channel } from '../channels/index.js';
import { alertEnvelope, alertMessage, PLAIN_CONTEXT, type AlertContext } from '../message.js';
import { ageWhenFound, type AlertRule } from '../rules.js';

/** The delivery log (the store's `alert_deliveries`): one row per rule, story and channel. */
export interface DeliveryLog {
  claimDelivery(claim: { key: string; ruleId: string; storyId: string; channelId: string; itemId: string; claimant: string }): Promise<'send' | 'sent' | 'busy'>;
  markDelivered(key: string): Promise<void>;
  markDeliveryFailed(key: string, reason: string, final: boolean): Promise<void>;
}

export interface AlertItemDeps {
  rules: readonly AlertRule[];
  channels: ReadonlyMap<string, Channel>;
  deliveries: DeliveryLog;
  /** Tries per job (the pipeline's): the last failed one marks the delivery failed. */
  attempts: number;
  /** The stored article text of an item, for rules with a keyword query and alerts' excerpts (alert jobs do not carry it). */
  itemText(id: string): Promise<string>;
  /** Source names, reference titles, the time zone and the words people read alerts in. @defaultValue ids, UTC, English */
  context?: AlertContext;
}

export interface AlertItemResult {
  itemId: string;
  sourceId: string;
  /** Ids of the rules this item matched. */
  matched: string[];
  /** Delivery keys sent by this job. */
  sent: string[];
}

/** A send usually takes well under this; a claim left by a crashed worker runs out after two minutes. */
const BUSY_RETRY_MS = 2_000;

export interface ChannelFailure {
  channelId: string;
  err: unknown;
}

/**
 * The error that fails a job whose channels did not all take its message: each channel's reason, and
 * when a receiver asked to wait, a retry no sooner than the longest wait asked.
 */
export function deliveryFailed(what: 'alert' | 'digest', failures: readonly ChannelFailure[]): Error {
  const message = `${what} delivery failed: ${failures.map(({ channelId, err }) => `${channelId}: ${(err as Error).message}`).join('; ')}`;
  const waits = failures.flatMap(({ err }) => (err instanceof RetryNotBeforeError ? [err.retryAfterMs] : []));
  return waits.length ? new RetryNotBeforeError(message, Math.max(...waits)) : new Error(message);
}

/**
 * In a `marsad run --once`, a receiver's wait longer than a run waits is not honoured: the retry comes
 * after the run's backoff, fails at once on the channel's hold, and the run reports the delivery failed
 * rather than keep its summary waiting an hour.
 */
function withinRun(err: Error, runId: string | undefined): Error {
  if (!runId || !(err instanceof RetryNotBeforeError) || err.retryAfterMs <= RUN_MAX_RETRY_AFTER_MS) return err;
  return new Error(`${err.message} — longer than a run waits (${RUN_MAX_RETRY_AFTER_MS / 1000} s)`);
}

export const deliveryKey = (ruleId: string, storyId: string, channelId: string) => `${ruleId}|${storyId}|${channelId}`;

/**
 * Matches a newly stored item against the immediate rules and tells each rule's channels about its
 * story, once (about the item itself, for a rule on `each: item`): a delivery already sent (an earlier
 * copy of the story) is skipped, one another worker is sending is retried later, and a failed channel
 * fails the job, whose retry sends only what is missing.
 */
export async function alertItem(job: AlertJob, deps: AlertItemDeps, ctx: JobContext): Promise<AlertItemResult> {
  const { item } = job;
  const matched: string[] = [];
  const sent: string[] = [];
  const failures: ChannelFailure[] = [];
  let busy = false;
  let stored: Promise<string> | undefined;
  const body = () => (stored ??= deps.itemText(item.id));
  const age = ageWhenFound(item);
  for (const rule of deps.rules) {
    if (rule.mode !== 'immediate') continue;
    const reasons = rule.explain(item, rule.needsText ? `${item.title}\n${await body()}` : undefined);
    if (!reasons) continue;
    // A new source's backlog is not news: its old items would each alert at its first poll.
    if (rule.maxAgeMs !== undefined && age > rule.maxAgeMs) {
      ctx.log.info({ rule: rule.id, publishedAt: item.publishedAt, ageHours: Math.round(age / 3_600_000) }, 'no alert: the item was published long before it was found (the rule\'s maxAge)');
      continue;
    }
    matched.push(rule.id);
    let excerpt: Passage | undefined;
    for (const channelId of rule.channels) {
      const key = deliveryKey(rule.id, rule.each === 'item' ? item.id : item.storyId, channelId);
      const state = await deps.deliveries.claimDelivery({ key, ruleId: rule.id, storyId: item.storyId, channelId, itemId: item.id, claimant: ctx.jobId });
      if (state === 'sent') continue;
      if (state === 'busy') {
        busy = true;
        continue;
      }
      // Read once a delivery is to be sent (not for a story's copies, already told); a store outage fails the job, not the delivery.
      excerpt ??= rule.excerpt(item, await body());
      try {
        const context = deps.context ?? PLAIN_CONTEXT;
        await deps.channels.get(channelId)!.send(alertEnvelope(alertMessage(key, rule.id, item, reasons, context, excerpt), context));
        await deps.deliveries.markDelivered(key);
        sent.push(key);
        ctx.log.info({ rule: rule.id, channel: channelId, storyId: item.storyId }, 'alert sent');
      } catch (err) {
        const reason = (err as Error).message;
        await deps.deliveries.markDeliveryFailed(key, reason, ctx.attempt >= deps.attempts);
        ctx.log.warn({ rule: rule.id, channel: channelId, storyId: item.storyId, err: reason }, 'alert not delivered');
        failures.push({ channelId, err });
      }
    }
  }
  if (failures.length) throw withinRun(deliveryFailed('alert', failures), job.runId);
  // Another worker is sending this story's alert: look again shortly (sent by then, or its claim released).
  if (busy) throw new RetryLaterError('another worker is delivering this story\'s alert', BUSY_RETRY_MS);
  return { itemId: item.id, sourceId: item.sourceId, matched, sent };
}
