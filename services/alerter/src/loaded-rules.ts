import { createHash, randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { RuleConfig } from '@marsad/config';
import type { Redis } from '@marsad/queues';
import { z } from 'zod';

/** How long an alerter's record counts after its last renewal; it renews three times as often. */
const LEASE_MS = 60_000;
/** How long closing waits for the record to be taken away. */
const UNPUBLISH_WAIT_MS = 2_000;

/** What one running alerter applies: each rule's fingerprint by id, since when. */
export const LoadedRulesSchema = z.object({ startedAt: z.string(), rules: z.record(z.string(), z.string()) });
export type LoadedRules = z.infer<typeof LoadedRulesSchema>;

/** A rule as the alerter compiled it, in a few characters: two versions of it in the file differ here. */
export function ruleFingerprint(rule: RuleConfig): string {
  return createHash('sha256').update(JSON.stringify(rule)).digest('hex').slice(0, 12);
}

const membersKey = (prefix: string) => `${prefix}:alerters`;
const recordKey = (prefix: string, token: string) => `${prefix}:alerters:${token}`;

/**
 * Records, for as long as the alerter runs, the rules it applies: it reads the configuration when it
 * starts, so a rule added, edited or taken out since waits for its restart, and `marsad alerts rules`
 * says which. Each alerter keeps a lease of its own (a replica killed outright lapses within a minute);
 * the returned function takes its record away.
 */
export async function publishLoadedRules(redis: Redis, prefix: string, rules: readonly RuleConfig[], leaseMs = LEASE_MS): Promise<() => Promise<void>> {
  const token = randomUUID();
  const record = JSON.stringify({ startedAt: new Date().toISOString(), rules: Object.fromEntries(rules.map((rule) => [rule.id, ruleFingerprint(rule)])) } satisfies LoadedRules);
  // Both, each time: a Redis restarted without its data gets the record back at the next renewal.
  const renew = () => redis.multi().sadd(membersKey(prefix), token).set(recordKey(prefix, token), record, 'PX', leaseMs).exec();
  // The records of alerters that ended without taking theirs away are forgotten here, by the next one.
  const lapsed = await lapsedTokens(redis, prefix);
  if (lapsed.length > 0) await redis.srem(membersKey(prefix), ...lapsed);
  await renew();
  const renewal = setInterval(() => void renew().catch(() => {}), leaseMs / 3).unref();
  return async () => {
    clearInterval(renewal);
    // Not waited for longer, nor failing: with Redis down, shutting down must not hang on it (the lease lapses).
    const removed = redis.multi().srem(membersKey(prefix), token).del(recordKey(prefix, token)).exec().catch(() => undefined);
    await Promise.race([removed, setTimeout(UNPUBLISH_WAIT_MS, undefined, { ref: false })]);
  };
}

/** Each alerter's token with its record, null where its lease lapsed. */
async function records(redis: Redis, prefix: string): Promise<[string, string | null][]> {
  const tokens = await redis.smembers(membersKey(prefix));
  if (tokens.length === 0) return [];
  const values = await redis.mget(...tokens.map((token) => recordKey(prefix, token)));
  return tokens.map((token, i) => [token, values[i] ?? null]);
}

async function lapsedTokens(redis: Redis, prefix: string): Promise<string[]> {
  return (await records(redis, prefix)).filter(([, record]) => record === null).map(([token]) => token);
}

/** What every running alerter applies (none when no alerter runs); reads only. */
export async function loadedRules(redis: Redis, prefix: string): Promise<LoadedRules[]> {
  return (await records(redis, prefix)).flatMap(([, record]) => {
    const parsed = record === null ? undefined : LoadedRulesSchema.safeParse(parseJson(record));
    return parsed?.success ? [parsed.data] : [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const RESTART = 'restart the alerters to apply the file';

/** How the running alerters apply a rule of the file otherwise than the file says, if they do. */
export function ruleDrift(rule: RuleConfig, running: readonly LoadedRules[]): string | undefined {
  if (running.length === 0) return undefined;
  const applied = running.map((alerter) => alerter.rules[rule.id]);
  if (applied.every((fingerprint) => fingerprint === undefined)) return `not applied: added since the alerters started (${RESTART})`;
  const wanted = ruleFingerprint(rule);
  if (applied.every((fingerprint) => fingerprint === wanted)) return undefined;
  return applied.some((fingerprint) => fingerprint === wanted)
    ? `applied as the file says by some alerters only (${RESTART} in every replica)`
    : `the alerters apply another version of it (${RESTART})`;
}

/** The rules the running alerters apply that the file no longer has. */
export function rulesTakenOut(rules: readonly RuleConfig[], running: readonly LoadedRules[]): string[] {
  const inFile = new Set(rules.map((rule) => rule.id));
  return [...new Set(running.flatMap((alerter) => Object.keys(alerter.rules)))].filter((id) => !inFile.has(id));
}

/** Every rule of the file or of the running alerters, and whether they apply it otherwise than the file says (for the metric). */
export function staleRules(rules: readonly RuleConfig[], running: readonly LoadedRules[]): { ruleId: string; stale: boolean }[] {
  return [...rules.map((rule) => ({ ruleId: rule.id, stale: ruleDrift(rule, running) !== undefined })), ...rulesTakenOut(rules, running).map((ruleId) => ({ ruleId, stale: true }))];
}
