/** The command line was wrong: message for the person, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
