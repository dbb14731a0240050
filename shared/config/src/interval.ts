import { z } from 'zod';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const INTERVAL_PATTERN = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/;

/** Smallest polling interval we accept: faster polling is impolite to news sites. */
export const MIN_INTERVAL_MS = 10_000;

/** Parses "30s", "15m", "2h", "1d" (or a number of seconds) into milliseconds; undefined when invalid. */
export function parseInterval(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * 1_000 : undefined;
  const match = INTERVAL_PATTERN.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

/** A polling interval, written as "15m" in YAML, parsed to milliseconds. */
export const IntervalSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseInterval(value);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `invalid interval ${JSON.stringify(value)}: use a number with s, m, h or d, e.g. "15m"` });
    return z.NEVER;
  }
  if (ms < MIN_INTERVAL_MS) {
    ctx.addIssue({ code: 'custom', message: `interval ${JSON.stringify(value)} is shorter than the minimum of 10s` });
    return z.NEVER;
  }
  return ms;
});
