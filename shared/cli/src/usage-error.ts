import { parseInstant } from '@marsad/store';

/** The command line was wrong: message for the person, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An option's value as a positive number (a whole one unless `fractions`), else a UsageError that names the option. */
export function positiveNumber(option: string, value: string, { fractions = false } = {}): number {
  const number = Number(value);
  if (value.trim() === '' || !(number > 0) || !Number.isFinite(number) || (!fractions && !Number.isInteger(number))) {
    throw new UsageError(`${option} "${value}" is not a positive ${fractions ? 'number' : 'whole number'}`);
  }
  return number;
}

/** An option's date or time as the store reads it (parseInstant: UTC unless it gives an offset), else a UsageError that names the option. */
export function instantOption(option: string, value: string): string {
  const instant = parseInstant(value);
  if (instant === undefined) throw new UsageError(`${option} "${value}" is not a date (use ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00Z; UTC unless it gives an offset)`);
  return instant;
}
