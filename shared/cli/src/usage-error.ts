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
