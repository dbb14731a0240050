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
/** One or more amounts with their units: "15m", "1h30m", "1 hour 30 minutes", "2h, 15m". */
const INTERVAL_PATTERN = /^(?:\d+(?:\.\d+)?\s*[a-z]+(?:\s*(?:,|and)?\s*))+$/i;
const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)/gi;
/** ISO 8601 durations of days and times: "PT15M", "PT1H30M", "P1D". */
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Smallest polling interval: faster polling is impolite to news sites. */
export const MIN_INTERVAL_MS = 10_000;

/**
 * How often a source is polled: its interval, or the minimum where the file asks for less. A shorter
 * interval is no reason to refuse the file (`run --once` polls once whatever it says); the fetcher
 * logs the sources it polls at the minimum.
 */
export function pollingInterval(source: { interval: number }): number {
  return Math.max(source.interval, MIN_INTERVAL_MS);
}

/**
 * Parses "30s", "15m", "15 minutes", "2h", "1d", "1h30m", "PT15M" (or a number of seconds) into
 * milliseconds; undefined when invalid. A string without a unit ("15") is refused: minutes or seconds?
 */
export function parseInterval(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * SECOND : undefined;
  const text = value.trim();
  const iso = ISO_DURATION.exec(text);
  if (iso) {
    const [, days, hours, minutes, seconds] = iso.map((part) => (part === undefined ? 0 : Number(part)));
    const ms = Math.round(days! * DAY + hours! * HOUR + minutes! * MINUTE + seconds! * SECOND);
    return ms > 0 ? ms : undefined;
  }
  if (!INTERVAL_PATTERN.test(text)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    const unitMs = UNIT_MS.get(unit!.toLowerCase());
    if (unitMs === undefined) return undefined;
    ms += Number(amount) * unitMs;
  }
  return ms > 0 ? Math.round(ms) : undefined;
}

/** A polling interval, written as "15m" in YAML, parsed to milliseconds. */
export const IntervalSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseInterval(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `invalid interval ${JSON.stringify(value)}: use a number with s, m, h or d, e.g. "15m", "1h30m" or "2 hours" (or ISO 8601, "PT15M")` });
    return z.NEVER;
  }
  return ms;
});
