import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { DEFAULT_ALIASES_FILE } from '@marsad/text';
import { LineCounter, parse, parseDocument, isMap, isNode, isScalar, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { unknownChannel } from './alerts.js';
import { ConfigError } from './config-error.js';
import { EnvSchema, ignoredVariables, type Env, type IgnoredVariable } from './env.js';
import { ConfigFileSchema, DEFAULT_ADAPTER, type ConfigFile } from './file-schema.js';
import { explainConfigSlips, likelyMeant, meantAmong, unknownKeysMessage } from './key-hints.js';
import { referenceIds, resolveSeedsDir } from './references.js';

/** The bundled sources file, used when no --config is given and no marsad.yml is at the root. */
export const DEFAULT_SOURCES_FILE = fileURLToPath(new URL('../sources.default.yml', import.meta.url));

export interface Config extends ConfigFile {
  env: Env;
  /** Absolute path of the file the sources came from. */
  file: string;
  /** MARSAD_ variables set that nothing reads (see ignoredVariables): said at start-up. */
  ignoredVariables?: IgnoredVariable[];
  /** What the file allows but likely did not mean (see ConfigWarnings), with its line: said at start-up. */
  warnings?: string[];
}

/**
 * Validates adapter-specific keys of a source entry (as written: its common keys may be invalid);
 * returns zod issues, paths relative to the entry.
 */
export type SourceOptionsCheck = (entry: Readonly<Record<string, unknown>>) => z.core.$ZodIssue[];

export interface LoadConfigOptions {
  /** --config / --sources; else marsad.yml in `cwd`, else the bundled default. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Adapter option checks by adapter name; a source naming another adapter is an error. */
  adapters?: Record<string, SourceOptionsCheck>;
}

/** Picks the config file as DESIGN.md says: the flag, else ./marsad.yml, else the bundled default. */
export function resolveConfigFile(file: string | undefined, cwd = process.cwd()): string {
  if (file) return resolve(cwd, file);
  const local = resolve(cwd, 'marsad.yml');
  return existsSync(local) ? local : DEFAULT_SOURCES_FILE;
}

/** Reads the environment and the YAML file once, validates both, and lists every problem at once. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const source = options.env ?? process.env;
  const env = parseEnv(source);
  const file = resolveConfigFile(options.file, options.cwd);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`cannot read the file: ${(err as Error).message}`]);
  }
  // A MARSAD_ variable the file names (`${MARSAD_SMTP_PASSWORD}`) is read, by the file.
  const named = [...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1]!);
  return { ...parseConfigText(text, file, options.adapters, undefined, source), env, file, ignoredVariables: ignoredVariables(source, named) };
}

/** Parses the environment; a variable set to the empty string counts as unset (`DATABASE_URL=`). */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(present, { error: explainConfigSlips() });
  if (parsed.success) return parsed.data;
  throw new ConfigError('the environment', parsed.error.issues.map((i) => `${i.path.join('.')}: ${withValueSet(i.message, present[String(i.path[0])])}`));
}

/** A variable's problem, and what it is set to where the message does not say. */
function withValueSet(message: string, value: string | undefined): string {
  return value === undefined || message.includes(value) ? message : `${message} (set to ${JSON.stringify(value)})`;
}

let bundledTags: string[] | undefined;
/** The tags items can carry: those of the alias file Marsad ships. */
export function bundledTagNames(): string[] {
  return (bundledTags ??= Object.keys((parse(readFileSync(DEFAULT_ALIASES_FILE, 'utf8')) as { tags?: object }).tags ?? {}));
}

/** What is wrong with a tag a rule or a filter names, or undefined when items can carry it: another (DGSN for dgsn) matches nothing. */
export function unknownTag(tag: string, names: readonly string[] = bundledTagNames()): string | undefined {
  return names.includes(tag) ? undefined : `unknown tag "${tag}" (tags: ${names.join(', ')})`;
}

/**
 * Parses and validates a sources file's text; errors name `file:line:column` and the field. `tags`:
 * those alert rules may name (a rule naming another would never match; default the bundled ones). `env`: what `${NAME}` in a
 * value stands for (see interpolate).
 */
export function parseConfigText(
  text: string,
  file: string,
  adapters?: Record<string, SourceOptionsCheck>,
  tags?: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ConfigFile & ConfigWarnings {
  const lines = new LineCounter();
  // Merge keys (`<<: *defaults`), as docker-compose files use them: sources sharing options say them once.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(file, doc.errors.map((e) => `${at(file, lines, e.pos[0])}: YAML syntax: ${e.message.split('\n')[0]}`));
  }
  const unset = interpolate(doc, env).map((problem) => `${at(file, lines, problem.offset)}: ${problem.message}`);
  if (unset.length > 0) throw new ConfigError(file, unset);
  const raw = withoutExtensions(doc.toJS());
  if (raw === null || raw === undefined) throw new ConfigError(file, [`${file}:1:1: the file is empty: it needs a sources: list, such as sources: [{ id: hespress, url: "https://www.hespress.com/feed" }]`]);
  const parsed = ConfigFileSchema.safeParse(raw, { error: explainConfigSlips() });
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describeIssue(issue, doc, lines, file));
  // Also when the file as a whole is not valid, so that one reading lists every problem.
  const entries = sourceEntries(raw);
  problems.push(...checkSources(entries, doc, lines, file, adapters));
  const where = { doc, lines, file };
  // The alias file is read only when a rule names tags: most commands' start-up does without it.
  problems.push(...checkRuleNames(raw, 'tags', () => tags ?? bundledTagNames(), (tag, names) => unknownTag(tag, names)!, where));
  const references = () => referenceIds(resolveSeedsDir(env.MARSAD_SEEDS_DIR));
  problems.push(...checkRuleNames(raw, 'references', references, (id, ids) => `unknown reference article "${id}"${meantAmong(id, ids, 'seeds')}`, where));
  // Read off the file as written, so that they are said beside its other problems (the schema's own
  // check of channels runs only once the rest of alerts: is valid, and says the same: one line each).
  problems.push(...checkRuleNames(raw, 'channels', () => idsOf((raw as { alerts?: { channels?: unknown } }).alerts?.channels), unknownChannel, where));
  problems.push(...checkRuleNames(raw, 'sources', () => idsOf((raw as { sources?: unknown }).sources), unknownSource, where));
  // Two channels of one id leave one unused; two rules of one id share their delivery log, so the
  // second's alert on a story the first sent is taken for sent.
  const alerts = (raw as { alerts?: { channels?: unknown; rules?: unknown } }).alerts;
  problems.push(...duplicateIds(alerts?.channels, ['alerts', 'channels'], 'channel', where), ...duplicateIds(alerts?.rules, ['alerts', 'rules'], 'rule', where));
  problems.push(...duplicateIds((raw as { sources?: unknown }).sources, ['sources'], 'source', where));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(file, [...new Set(problems)].sort(byPosition));
  return { ...parsed.data, warnings: [...sameAddressTwice(entries, where), ...rulesOnDisabledSources(parsed.data, where)] };
}

/**
 * What a valid file likely did not mean, each with its line. Said rather than refused: two sources on
 * one feed is a slip in a newsroom's file, and a fixture in a test's.
 */
export interface ConfigWarnings {
  warnings: string[];
}

/**
 * Puts the environment's values in place of `${NAME}` in the file's text values (`${NAME:-default}`
 * when it is unset or empty; `$${` is a literal `${`), as docker-compose does: secrets (an SMTP
 * password, a bot token) then live in the environment, not in a file kept in git. A variable unset
 * without a default is a problem at its value's line.
 */
function interpolate(doc: Document, env: NodeJS.ProcessEnv): { offset: number; message: string }[] {
  const problems: { offset: number; message: string }[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      const written = node.value;
      node.value = written.replace(/\$(\$\{)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, literal: string | undefined, name: string, fallback: string | undefined) => {
        if (literal) return literal;
        const value = env[name];
        if (value !== undefined && value !== '') return value;
        if (fallback !== undefined) return fallback;
        problems.push({ offset: node.range?.[0] ?? 0, message: `\${${name}} is not set in the environment (write \${${name}:-default} for a default)` });
        return whole;
      });
      // `perHost: ${PER_HOST}` unquoted is a number, as `perHost: 4` is; quoted, it stays text.
      if (node.type === 'PLAIN' && /^\$\{[^}]+\}$/.test(written)) {
        const typed: unknown = parse(node.value as string);
        if (typeof typed === 'number' || typeof typed === 'boolean') node.value = typed;
      }
    },
  });
  return problems;
}

/**
 * The file without its top-level `x-` keys: a place for anchors (`x-defaults: &defaults`) that
 * Marsad does not read, as in docker-compose files.
 */
function withoutExtensions(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('x-')));
}

/**
 * The file's source entries with their places in the list: also those invalid in a common key, whose
 * id and adapter options are checked all the same (one reading lists every problem).
 */
function sourceEntries(raw: unknown): { entry: Readonly<Record<string, unknown>>; index: number }[] {
  const list = (raw as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown, index) => (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? [{ entry: entry as Record<string, unknown>, index }] : []));
}

/**
 * Names a rule lists (its `tags`, `references`, `channels` or `sources`) that `known` does not hold: that rule would never
 * fire. `known` is asked only when some rule lists names there (the references are files to read).
 */
function checkRuleNames(
  raw: unknown,
  field: 'tags' | 'references' | 'channels' | 'sources',
  known: () => readonly string[],
  unknown: (name: string, known: readonly string[]) => string,
  { doc, lines, file }: Where,
): string[] {
  const rules = (raw as { alerts?: { rules?: unknown } } | null)?.alerts?.rules;
  const listed = (rule: unknown) => (rule as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(rules) || !rules.some((rule) => Array.isArray(listed(rule)))) return [];
  const names = known();
  return rules.flatMap((rule: unknown, r) => {
    const list = listed(rule);
    return (Array.isArray(list) ? list : []).flatMap((name: unknown, n) =>
      typeof name === 'string' && !names.includes(name) ? [describe(file, doc, lines, ['alerts', 'rules', r, field, n], unknown(name, names))] : [],
    );
  });
}

/** A rule whose every source is disabled: valid, and it fires on nothing until one is enabled again. */
function rulesOnDisabledSources(config: ConfigFile, { doc, lines, file }: Where): string[] {
  const disabled = new Set(config.sources.filter((source) => !source.enabled).map((source) => source.id));
  return config.alerts.rules.flatMap((rule, r) =>
    rule.sources?.every((id) => disabled.has(id)) ? [describe(file, doc, lines, ['alerts', 'rules', r, 'sources'], `every source the rule names is disabled (${rule.sources.join(', ')}): it fires on nothing until one is enabled`)] : [],
  );
}

/** An entry of the list whose id an earlier one has, at its id (`id: 7` and `id: "7"` are one id, as the schema reads them). */
function duplicateIds(entries: unknown, path: (string | number)[], kind: string, { doc, lines, file }: Where): string[] {
  if (!Array.isArray(entries)) return [];
  const seen = new Set<string>();
  return entries.flatMap((entry: unknown, index) => {
    const written = (entry as { id?: unknown } | null)?.id;
    if (typeof written !== 'string' && typeof written !== 'number') return [];
    const id = String(written);
    const again = seen.has(id);
    seen.add(id);
    return again ? [describe(file, doc, lines, [...path, index, 'id'], `duplicate ${kind} id "${id}"`)] : [];
  });
}

/**
 * Two sources reading one address: both find the same items (a feed read as RSS, a site's front page
 * as WordPress posts or a listing), each stored once, under the source that happened to poll first, so
 * `--source`, a rule's `sources:` and each source's health count a share that changes from poll to
 * poll. Addresses compare as a server does: scheme, `www.`, the host's case and a trailing slash aside.
 * Two html sources may read two parts of one page, by their list selectors.
 */
function sameAddressTwice(sources: { entry: Readonly<Record<string, unknown>>; index: number }[], { doc, lines, file }: Where): string[] {
  const seen = new Map<string, string>();
  return sources.flatMap(({ entry, index }) => {
    const address = addressKey(entry.url);
    // A disabled entry polls nothing: kept beside its replacement, it is no second reader.
    if (address === undefined || entry.enabled === false) return [];
    const part = String(entry.adapter).toLowerCase() === 'html' ? ` ${JSON.stringify(entry.list)}` : '';
    const key = `${address}${part}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, String(entry.id ?? `#${index + 1}`));
      return [];
    }
    return [describe(file, doc, lines, ['sources', index, 'url'], `source "${first}" reads this address too: each item is stored under whichever of the two polls first`)];
  });
}

function addressKey(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url.trim());
    return `${parsed.host.replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
  } catch {
    return undefined;
  }
}

/** The ids of a list of entries as written (a number YAML read is that text), those that have one. */
function idsOf(entries: unknown): string[] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: unknown) => {
    const id = (entry as { id?: unknown } | null)?.id;
    return typeof id === 'string' || typeof id === 'number' ? [String(id)] : [];
  });
}

/** A source the file does not list: a rule naming it would wait for items that never come. */
export function unknownSource(id: string, ids: readonly string[]): string {
  return `unknown source "${id}"${meantAmong(id, ids, 'sources')}`;
}


/** Where a problem is: the file's name, its document and its lines, to say the line and column. */
interface Where {
  doc: Document;
  lines: LineCounter;
  file: string;
}

/** Problems in the order of the file: "file:line:column: ..." */
function byPosition(a: string, b: string): number {
  const position = (problem: string) => /:(\d+):(\d+): /.exec(problem)?.slice(1).map(Number) ?? [0, 0];
  const [la, ca] = position(a);
  const [lb, cb] = position(b);
  return la! - lb! || ca! - cb!;
}

function checkSources(
  sources: { entry: Readonly<Record<string, unknown>>; index: number }[],
  doc: Document,
  lines: LineCounter,
  file: string,
  adapters: Record<string, SourceOptionsCheck> | undefined,
): string[] {
  const problems: string[] = [];
  sources.forEach(({ entry, index }) => {
    const base = ['sources', index];
    const adapter = entry.adapter ?? DEFAULT_ADAPTER;
    if (!adapters || typeof adapter !== 'string' || adapter === '') return;
    // Adapters are named without regard to case (RSS, Atom): their checks are keyed in lower case.
    const check = adapters[adapter.toLowerCase()];
    if (!check) {
      const known = Object.keys(adapters);
      const meant = likelyMeant(adapter, known);
      problems.push(describe(file, doc, lines, [...base, 'adapter'], `unknown adapter "${adapter}" (${meant ? `did you mean "${meant}"? ` : ''}known: ${known.join(', ')})`));
      return;
    }
    for (const issue of check(entry)) {
      const described = describeIssue({ ...issue, path: [...base, ...issue.path] }, doc, lines, file);
      // Options of another adapter, with none named: say which one read them.
      problems.push(entry.adapter === undefined && issue.code === 'unrecognized_keys' ? `${described} (no "adapter" is given: it is read as ${DEFAULT_ADAPTER})` : described);
    }
  });
  return problems;
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter, file: string): string {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys' && !message.startsWith('unknown key')) message = unknownKeysMessage(issue.keys, []);
  if (issue.code === 'invalid_type' && path.length > 0 && !doc.hasIn(path)) message = missingKeyMessage(doc, path);
  // An unknown key is pointed at itself, not at the first key of the mapping it is in.
  const offset = issue.code === 'unrecognized_keys' ? keyOffset(doc, path, issue.keys[0]) : undefined;
  return describe(file, doc, lines, path, message, offset);
}

/** Where the mapping at `path` writes `key`, or undefined. */
function keyOffset(doc: Document, path: (string | number)[], key: string | undefined): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (key === undefined || !isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return isNode(pair?.key) && pair.key.range ? pair.key.range[0] : undefined;
}

/** A required key the file does not have, and the key beside it that may be it misspelt. */
function missingKeyMessage(doc: Document, path: (string | number)[]): string {
  const key = path.at(-1);
  const parent = doc.getIn(path.slice(0, -1), true);
  if (typeof key !== 'string' || !isMap(parent)) return 'missing';
  const written = parent.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
  const misspelt = written.find((other) => likelyMeant(other, [key]) === key);
  return misspelt ? `missing ("${misspelt}" is written: did you mean "${key}"?)` : 'missing';
}

function describe(file: string, doc: Document, lines: LineCounter, path: (string | number)[], message: string, offset = offsetOf(doc, path)): string {
  const field = formatPath(path);
  return `${at(file, lines, offset)}: ${field ? `${field}: ` : ''}${message}`;
}

/** The offset of the deepest node that exists along `path`, so a missing key points at its parent. */
function offsetOf(doc: Document, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return 0;
}

function at(file: string, lines: LineCounter, offset: number): string {
  const { line, col } = lines.linePos(offset);
  return `${file}:${line}:${col}`;
}

function formatPath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
