import type { Config } from './load.js';

/**
 * Time-zone rule changes that a Node.js runtime's bundled data may predate. Node 20 (end of life)
 * keeps tzdata 2025c for good, which still puts Morocco at UTC+1 after it returned to UTC+0.
 */
const RULE_CHANGES = [{ zone: 'Africa/Casablanca', since: '2026c', change: "Morocco's return to UTC+0 on 2026-09-21" }];

export interface StaleTimeZone {
  zone: string;
  /** The runtime's time-zone data version (process.versions.tz). */
  tzdata: string;
  change: string;
}

/** Which local times a process reads or writes: pages' and alerts' (dashboard, alerter), sources' (fetcher). */
export interface ZoneUses {
  pages: boolean;
  sources: boolean;
}

/** The configured zones (page times, digest times, sources' local times) whose latest rule change this runtime does not know. */
export function staleTimeZones(config: Pick<Config, 'env' | 'alerts' | 'sources'>, tzdata = process.versions.tz, uses: ZoneUses = { pages: true, sources: true }): StaleTimeZone[] {
  if (!tzdata) return [];
  const zones = new Set([
    ...(uses.pages ? [config.env.MARSAD_TIMEZONE, ...config.alerts.rules.map((rule) => rule.tz)] : []),
    ...(uses.sources ? config.sources.map((source) => source.timeZone) : []),
  ]);
  return RULE_CHANGES.filter((rule) => zones.has(rule.zone) && tzdata < rule.since).map(({ zone, change }) => ({ zone, tzdata, change }));
}
