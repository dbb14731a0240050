import { meantAmong, referenceIds, resolveSeedsDir, unknownSource, unknownTag, type Config } from '@marsad/config';
import { ItemFilterSchema, ItemLanguageSchema, openStore, type Store, type StoredItem } from '@marsad/store';
import { Query, QuerySyntaxError, searchQuery, type Passage } from '@marsad/text';
import { readConfig } from '../runtime.js';
import { instantOption, positiveNumber, UsageError } from '../usage-error.js';

export interface ItemsOptions {
  config?: string;
  tag?: string;
  since?: string;
  until?: string;
  duplicatesOf?: string;
  story?: string;
  source?: string;
  language?: string;
  search?: string;
  limit?: string;
  json?: boolean;
  text?: boolean;
}

/** `marsad items`: what the store holds, newest first; one JSON object per line with --json. */
export async function itemsCommand(options: ItemsOptions): Promise<number> {
  const config = readConfig(options.config);
  const filter = ItemFilterSchema.omit({ limit: true, offset: true }).safeParse({
    tag: options.tag,
    since: options.since ? instantOption('--since', options.since) : undefined,
    until: options.until ? instantOption('--until', options.until) : undefined,
    duplicatesOf: options.duplicatesOf,
    storyId: options.story,
    sourceId: options.source,
    language: options.language,
    search: options.search,
  });
  const limit = options.limit === undefined ? undefined : positiveNumber('--limit', options.limit);
  const language = options.language === undefined ? undefined : ItemLanguageSchema.safeParse(options.language);
  if (language?.success === false) throw new UsageError(`--language "${options.language}": ${language.error.issues[0]!.message}`);
  const tagProblem = options.tag === undefined ? undefined : unknownTag(options.tag);
  if (tagProblem) throw new UsageError(`--tag: ${tagProblem}`);
  if (!filter.success) throw new UsageError(`invalid filter: ${filter.error.issues.map((i) => `${flagOf(String(i.path[0]))}: ${i.message}`).join('; ')}`);
  if (options.search) readableSearch(options.search);
  const store = await openStore({ databaseUrl: config.env.DATABASE_URL, dataDir: config.env.MARSAD_DATA_DIR, names: config.search.spellings });
  try {
    // Page by page: a store of any size is listed whole, without holding it in memory.
    let listed = 0;
    const search = options.search ? new Query(options.search, config.search.spellings) : undefined;
    for await (const page of store.eachItemPage({ ...filter.data, limit })) {
      const lines = page.map(({ text, ...item }) => {
        // A search's items say where they say what was asked, as the newsroom and the API show it.
        const excerpt = search?.passageOf(item.title, text);
        const row = { ...item, ...(options.text && { text }), ...(excerpt && { excerpt }) };
        return options.json ? `${JSON.stringify(row)}\n` : formatItem(row) + (excerpt?.text ? `  ${shown(excerpt)}\n` : '');
      });
      await write(lines.join(''));
      listed += page.length;
    }
    if (!options.json) process.stderr.write(`${listed} item(s)${alsoSearched(search)}\n`);
    if (listed > 0) return 0;
    if (options.source !== undefined && unlistedSource(options.source, config)) return 2;
    for (const [flag, id] of [['--duplicates-of', options.duplicatesOf], ['--story', options.story]] as const) {
      if (id !== undefined && (await unknownArticle(flag, id, config, store))) return 2;
    }
    return 0;
  } finally {
    await store.close();
  }
}

/**
 * Writes to stdout, waiting while a slow reader has not taken the last page where stdout is
 * asynchronous (pipes on macOS), or until it is gone (a pipe to `head` that closed).
 */
function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) return resolve();
    const done = () => {
      process.stdout.off('drain', done).off('close', done);
      resolve();
    };
    process.stdout.once('drain', done).once('close', done);
  });
}

/**
 * Nothing found for a source the config does not list is a slip (`--source Hespress` for `hespress`),
 * said with the id it likely misspells rather than as "0 item(s)"; a source removed from the config
 * still lists the items it stored.
 */
function unlistedSource(sourceId: string, config: Config): boolean {
  const ids = config.sources.map((source) => source.id);
  if (ids.includes(sourceId)) return false;
  process.stderr.write(`marsad: --source: no item stored, and ${config.file}: ${unknownSource(sourceId, ids)}\n`);
  return true;
}

/**
 * Nothing found for an article that is neither a reference (seeds/) nor a stored item is a slip too (a
 * seed's name mistyped, an item id cut short), said with the reference it likely misspells; a
 * reference or item that nothing copies yet answers empty.
 */
async function unknownArticle(flag: string, id: string, config: Config, store: Store): Promise<boolean> {
  const references = referenceIds(resolveSeedsDir(config.env.MARSAD_SEEDS_DIR));
  if (references.includes(id) || (await store.knownItemIds([id])).has(id)) return false;
  process.stderr.write(`marsad: ${flag}: no item stored, and "${id}" is neither a reference article${meantAmong(id, references, 'seeds')} nor a stored item\n`);
  return true;
}

/** The option a filter's field comes from. */
const flagOf = (field: string) => ({ sourceId: '--source', storyId: '--story', duplicatesOf: '--duplicates-of' })[field] ?? `--${field}`;

/** What a search also looked for (a name's other spellings), for the count line: why an item in another script is listed. */
function alsoSearched(search: Query | undefined): string {
  return search?.alsoSearched.length ? `; the search also looked for ${search.alsoSearched.join(', ')}` : '';
}

/** Refuses a search the store could not run, before opening it. */
function readableSearch(query: string): void {
  try {
    searchQuery(query);
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw new UsageError(`--search: ${err.message}`);
    throw err;
  }
}

/** A passage for a terminal: its marks in bold where stdout is one, as they are; plain text in a pipe. */
function shown({ text, marks }: Passage): string {
  if (!process.stdout.isTTY) return text;
  return marks.reduceRight((out, [start, end]) => `${out.slice(0, start)}\x1b[1m${out.slice(start, end)}\x1b[22m${out.slice(end)}`, text);
}

function formatItem(item: Pick<StoredItem, 'publishedAt' | 'fetchedAt' | 'sourceId' | 'language' | 'tags' | 'duplicateOf' | 'title' | 'url' | 'revisedAt'>): string {
  const when = (item.publishedAt ?? item.fetchedAt).slice(0, 16).replace('T', ' ');
  const revised = item.revisedAt ? [`revised ${item.revisedAt.slice(0, 16).replace('T', ' ')} UTC`] : [];
  const marks = [item.language, ...item.tags, ...(item.duplicateOf ? [`copy of ${item.duplicateOf}`] : []), ...revised].join(' ');
  return `${when} UTC  ${item.sourceId.padEnd(16)} [${marks}] ${item.title}\n  ${item.url}\n`;
}
