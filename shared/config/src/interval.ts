import { z } from 'zod';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Units as people write them: "15m", "15min", "15 minutes", "2h", "2 hours", "1d", "90s", "90 sec". */
const UNIT_MS = new Map<string, number>([
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((unit) => [unit, SECOND] as const),
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((unit) => [unit, MINUTE] as const),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((unit) => [unit, HOUR] as const),
  ...['d', 'day', 'days'].map((unit) => [unit, DAY] as const),
]);
const INTERVAL_PATTERN = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** Smallest polling interval we accept: faster polling is impolite to news sites. */
export const MIN_INTERVAL_MS = 10_000;

/** Parses "30s", "15m", "15 minutes", "2h", "1d" (or a number of seconds) into milliseconds; undefined when invalid. */
export function parseInterval(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * SECOND : undefined;
  const match = INTERVAL_PATTERN.exec(value.trim());
  const unit = match && UNIT_MS.get(match[2]!.toLowerCase());
  return match && unit ? Math.round(Number(match[1]) * unit) : undefined;
}

/** A polling interval, written as "15m" in YAML, parsed to milliseconds. */
export const IntervalSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseInterval(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `invalid interval ${JSON.stringify(value)}: use a number with s, m, h or d, e.g. "15m" or "2 hours"` });
    return z.NEVER;
  }
  if (ms < MIN_INTERVAL_MS) {
    ctx.addIssue({ code: 'custom', message: `interval ${JSON.stringify(value)} is shorter than the minimum of 10s` });
    return z.NEVER;
  }
  return ms;
});
