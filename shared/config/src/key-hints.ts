import { distance } from 'fastest-levenshtein';
import type { z } from 'zod';

/**
 * The known key a written one most likely misspells: a letter or two off, case aside (`intervl`,
 * `fulltext`, `dropNonArabik`), else undefined. Short keys get one letter: two would match anything.
 */
export function likelyMeant(written: string, known: Iterable<string>): string | undefined {
  const lower = written.toLowerCase();
  const allowed = lower.length > 5 ? 2 : 1;
  let best: { key: string; off: number } | undefined;
  for (const key of known) {
    if (key === written) continue;
    const off = distance(lower, key.toLowerCase());
    if (off <= allowed && (!best || off < best.off)) best = { key, off };
  }
  return best?.key;
}

/**
 * Of a name written that `known` does not hold, what to say after it: the one it likely misspells, else
 * the list when it is short enough to read (` (sources: a, b)`), else nothing.
 */
export function meantAmong(written: string, known: readonly string[], listName: string): string {
  const meant = likelyMeant(written, known);
  return meant ? ` (did you mean "${meant}"?)` : known.length <= 12 ? ` (${listName}: ${known.join(', ') || 'none'})` : '';
}

/** `unknown key(s) "intervl" (did you mean "interval"?)`, the keys the message is about. */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  return `unknown key(s) ${keys
    .map((key) => {
      const meant = likelyMeant(key, known);
      return meant ? `"${key}" (did you mean "${meant}"?)` : `"${key}"`;
    })
    .join(', ')}`;
}

/**
 * A zod error map (`safeParse(value, { error })`) for config files. It says, of each unknown key, which
 * known one it likely misspells: the object's own keys, and `alsoKnown` (a source's adapter options sit
 * beside the keys every source has, so a slip in either is the other's unknown key). And of a switch
 * written `yes`, `no`, `on` or `off`, that it takes true or false: YAML 1.2 reads those as words
 * (docker-compose's YAML 1.1 took them for booleans), where zod only said it expected a boolean. And,
 * in words, what a value of the wrong kind, a choice none of the allowed ones, or a list, text or number
 * out of bounds should be, with what was written (zod says "Invalid input: expected array, received
 * string", "Too small: expected array to have >=1 items").
 */
export function explainConfigSlips(alsoKnown: Iterable<string> = []): z.core.$ZodErrorMap {
  const extra = [...alsoKnown];
  return (issue) => {
    if (issue.code === 'invalid_type' && issue.expected === 'boolean' && typeof issue.input === 'string') {
      return `write true or false, without quotes ("${issue.input}" is text here)`;
    }
    if (issue.code === 'invalid_type' && issue.expected === 'boolean' && typeof issue.input === 'number') return `write true or false (${issue.input} is a number here)`;
    if (issue.code === 'too_small' || issue.code === 'too_big') return outOfBounds(issue);
    if (issue.code === 'invalid_type' && issue.input !== undefined) return wrongKind(issue.expected, issue.input);
    if (issue.code === 'invalid_value' && issue.input !== undefined && issue.values.length > 1) return `${JSON.stringify(issue.input)} is none of ${issue.values.map(String).join(', ')}`;
    if (issue.code === 'invalid_union' && issue.note === 'No matching discriminator') return noSuchKind(issue);
    if (issue.code !== 'unrecognized_keys') return undefined;
    const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
    return unknownKeysMessage(issue.keys, [...Object.keys(shape ?? {}), ...extra]);
  };
}

/** What a list, a text or a number out of bounds should be; undefined for the rest (zod's message stands). */
function outOfBounds(issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig>): string | undefined {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const strict = issue.inclusive === false;
  if (issue.origin === 'array') return small ? (bound <= 1 ? 'list at least one (the list is empty)' : `list at least ${bound}`) : `list at most ${bound}`;
  if (issue.origin === 'string') return small ? (bound <= 1 ? 'must not be empty' : `at least ${bound} characters`) : `at most ${bound} characters`;
  if (issue.origin === 'number') return `must be ${small ? (strict ? 'more than' : 'at least') : strict ? 'less than' : 'at most'} ${bound}${typeof issue.input === 'number' ? ` (${issue.input} was written)` : ''}`;
  return undefined;
}

/** A YAML value of the wrong kind, and how to write the kind expected; undefined where zod's message says enough. */
function wrongKind(expected: string, input: unknown): string | undefined {
  const written = Array.isArray(input) ? 'a list' : input !== null && typeof input === 'object' ? 'keys and values' : `${typeof input === 'string' ? 'the text' : 'the value'} ${JSON.stringify(input)}`;
  if (expected === 'array') return `a list, such as [${typeof input === 'object' ? 'a, b' : String(input)}] (one is a list of one), not ${written}`;
  if (expected === 'object') return `keys and values ({ key: value }), not ${written}`;
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) return `write it as text, in quotes ("${String(input)}")`;
  if (expected === 'string') return `text, not ${written}`;
  if (expected === 'number' && typeof input === 'string') return `a number, without quotes (${JSON.stringify(input)} is text here)`;
  // A variable of the environment that does not read as one (coerced: NaN).
  if (expected === 'number' && Number.isNaN(input)) return 'a number';
  return undefined;
}

/** A tagged kind (a channel's `type`) that is none of those there are. */
function noSuchKind(issue: z.core.$ZodRawIssue<z.core.$ZodIssueInvalidUnion>): string {
  const key = String(issue.discriminator ?? 'type');
  const options = ((issue as { options?: unknown[] }).options ?? []).map(String).join(', ');
  const input = issue.input as Record<string, unknown> | undefined;
  const written = input && typeof input === 'object' ? input[key] : undefined;
  return written === undefined ? `missing: one of ${options}` : `${JSON.stringify(written)} is none of ${options}`;
}
