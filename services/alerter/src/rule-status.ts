import type { RuleConfig } from '@marsad/config';
import type { PipelineQueues, Redis } from '@marsad/queues';
import { nextDigests, redisLastDigest } from './digest.js';
import { loadedRules, ruleDrift, rulesTakenOut } from './loaded-rules.js';

/** A rule of the file as it is put to work: a digest's next and last sending, and how the alerters apply it. */
export interface RuleStatus {
  rule: RuleConfig;
  nextDigestAt: string | null;
  lastDigestAt: string | null;
  /** Where the running alerters apply it otherwise than the file says (ruleDrift); else null. */
  note: string | null;
}

/** Every rule of the file, and those the running alerters apply that the file no longer has. Reads only. */
export async function ruleStatuses(redis: Redis, prefix: string, digestQueue: PipelineQueues['digest'], rules: readonly RuleConfig[]): Promise<{ rules: RuleStatus[]; takenOut: string[] }> {
  const [running, digests] = await Promise.all([loadedRules(redis, prefix), nextDigests(digestQueue)]);
  const lastDigest = redisLastDigest(redis, prefix);
  const statuses = await Promise.all(
    rules.map(async (rule) => {
      const next = rule.mode === 'digest' ? digests.get(rule.id) : undefined;
      return {
        rule,
        nextDigestAt: next === undefined ? null : new Date(next).toISOString(),
        lastDigestAt: rule.mode === 'digest' ? await lastDigest.get(rule.id) : null,
        note: ruleDrift(rule, running) ?? null,
      };
    }),
  );
  return { rules: statuses, takenOut: rulesTakenOut(rules, running) };
}

const utcMinute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** A rule in words, for people: when it sends (a digest's next and last sending) and what it matches. */
export function describeRule({ rule, nextDigestAt, lastDigestAt }: RuleStatus): { sends: string; matches: string } {
  const sends =
    rule.mode === 'digest'
      ? `digest at ${rule.at} ${rule.tz}${nextDigestAt ? `, next ${utcMinute(nextDigestAt)}` : ''}${lastDigestAt ? `, last ${utcMinute(lastDigestAt)}` : ''}`
      : `immediate, one per ${rule.each}`;
  const matches = [
    rule.tags && `tags ${rule.tags.join(', ')}`,
    rule.sources && `sources ${rule.sources.join(', ')}`,
    rule.query && `query ${rule.query}`,
    rule.references && (rule.references === true ? 'copies of the reference articles' : `copies of ${rule.references.join(', ')}`),
    rule.arabic !== undefined && (rule.arabic ? 'Arabic items' : 'items not in Arabic'),
  ].filter(Boolean);
  return { sends, matches: matches.join(' · ') || 'every item' };
}
