import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import helmet from '@fastify/helmet';
import { referenceTitle } from '@marsad/config';
import { failedJobs } from '@marsad/queues';
import { pickupOf, storiesOf, type ChannelHold, type ListedItem, type RuleStatus } from '@marsad/service-alerter';
import type { Fetching } from '@marsad/service-fetcher';
import type { Delivery, ItemFilter, ItemPagesFilter, ReferencePickups, Store } from '@marsad/store';
import { compareTexts, Query, QuerySyntaxError, type NameSpellings } from '@marsad/text';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { startOfDay } from './pages/format.js';
import type { SafeHtml } from './pages/html.js';
import { itemsCsv, newsroomPage, type NewsroomFilters, type NewsroomView } from './pages/newsroom.js';
import { alertsPage } from './pages/alerts.js';
import { sourceFailuresPage, sourcesPage, type FailedFetch, type SourceRow } from './pages/sources.js';
import { pickupsCsv, storyPage, type StoryView } from './pages/story.js';
import { comparePage, type CompareView } from './pages/compare.js';
import { referencesPage } from './pages/references.js';

/** What the newsroom and source pages read. */
export interface WebSources {
  listItems(filter: ItemFilter): Promise<ListedItem[]>;
  /** Every item a filter selects, newest first, a page at a time (Store.eachItemPage): downloads. */
  eachItemPage(filter: ItemPagesFilter): AsyncGenerator<ListedItem[]>;
  /** Tags and languages present in the store, for the filters. */
  facets(): Promise<{ tags: string[]; languages: string[] }>;
  /** Configured sources (id and display name), in the order of the sources file. */
  sourceNames: readonly { id: string; name: string }[];
  /** Every source's health; `fetching`, where it was read already, spares counting the fetchers again. */
  sourceHealth(fetching?: Fetching): Promise<SourceRow[]>;
  failedFetches(sourceId: string): Promise<FailedFetch[]>;
  /** Reference articles by id, for their stories' pages. */
  references: ReadonlyMap<string, string>;
  /** How each reference article was picked up (Store.referencePickups). */
  referencePickups(ids: readonly string[]): Promise<Map<string, ReferencePickups>>;
  timeZone: string;
  /** Name of the fetch queue, for links into the queue board. */
  fetchQueue: string;
  /** Whether an operator paused the fetch queue, and how many fetchers take its jobs: no poll comes otherwise. */
  fetching?(): Promise<Fetching>;
  /** The delivery log, newest first (Store.listDeliveries). */
  deliveries?(limit: number): Promise<Delivery[]>;
  /** Channels a receiver asked to wait, and how much longer. */
  channelHolds?(): Promise<ChannelHold[]>;
  /** The config file's alert rules as they are put to work (ruleStatuses), for the alerts page. */
  alertRules?(): Promise<{ rules: RuleStatus[]; takenOut: string[] }>;
  /** The names a search finds under their other spellings too, as the store reads them (the config's). @defaultValue NameSpellings.bundled */
  names?: NameSpellings;
}

/** Deliveries the alerts page shows. */
const DELIVERIES_SHOWN = 500;

/** The filters' choices: the tags and languages the store holds. */
export async function storeFacets(store: Pick<Store, 'stats'>): Promise<{ tags: string[]; languages: string[] }> {
  const stats = await store.stats();
  return { tags: Object.keys(stats.itemsByTag).sort(), languages: Object.keys(stats.itemsByLanguage).sort() };
}

/** Failed fetch jobs looked through for one source's page. */
const FAILED_JOBS_SCANNED = 1_000;

/** One source's failed fetch jobs, newest first, with their reasons. */
export async function failedFetchesOf(fetchQueue: Queue, sourceId: string): Promise<FailedFetch[]> {
  return (await failedJobs(fetchQueue, FAILED_JOBS_SCANNED)).filter((job) => job.sourceId === sourceId);
}

const PAGE_SIZE = 50;
const STYLESHEET = readFileSync(new URL('../assets/marsad.css', import.meta.url), 'utf8');

/** A form sends every field, empty when unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

export const NewsroomQuerySchema = z.strictObject({
  q: optional(z.string().max(500)),
  tag: optional(z.string().max(100)),
  source: optional(z.string().max(200)),
  language: optional(z.string().min(2).max(8)),
  from: optional(Day),
  to: optional(Day),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The store filter of the newsroom's query: days are whole days in the configured time zone. */
export function newsroomFilter(query: z.infer<typeof NewsroomQuerySchema>, timeZone: string): ItemFilter {
  return {
    search: query.q,
    tag: query.tag,
    sourceId: query.source,
    language: query.language,
    since: query.from ? startOfDay(query.from, timeZone).toISOString() : undefined,
    until: query.to ? startOfDay(nextDay(query.to), timeZone).toISOString() : undefined,
    limit: PAGE_SIZE + 1, // one more tells whether there is an older page
    offset: (query.page - 1) * PAGE_SIZE,
  };
}

/** The form as the reader filled it in, to show it again. */
function formFilters(raw: Record<string, unknown>, page: number): NewsroomFilters {
  const field = (name: string) => (typeof raw[name] === 'string' ? raw[name] : '');
  return { q: field('q'), tag: field('tag'), source: field('source'), language: field('language'), from: field('from'), to: field('to'), page };
}

/** A source's display name from the sources file's list, or its id for a source no longer listed. */
export function sourceNamer(sourceNames: WebSources['sourceNames']): (sourceId: string) => string {
  const names = new Map(sourceNames.map((s) => [s.id, s.name]));
  return (id) => names.get(id) ?? id;
}

/** What is wrong with a query, one `field: message` per problem. */
const problemsOf = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

/** The newsroom's fields as its form labels them. */
const FIELD_LABELS: Record<string, string> = { q: 'البحث', tag: 'الوسم', source: 'المصدر', language: 'اللغة', from: 'من', to: 'إلى', page: 'الصفحة' };

/**
 * The same problems in the newsroom's language, for its readers: the form sends well-formed values,
 * so these come from an address edited or shared by hand.
 */
function arabicProblemsOf(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `«${key}»: ليس من حقول البحث`);
    const field = String(issue.path[0] ?? '');
    const label = FIELD_LABELS[field] ?? field;
    if (field === 'from' || field === 'to') return [`${label}: يوم بصيغة YYYY-MM-DD`];
    if (field === 'page') return [`${label}: عدد صحيح من 1 إلى 10000`];
    if (issue.code === 'too_big') return [`${label}: أطول من اللازم`];
    if (issue.code === 'too_small') return [`${label}: أقصر من اللازم`];
    return [`${label}: قيمة غير مقبولة`];
  });
}

const sendPage = (reply: FastifyReply, page: SafeHtml, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(page.html);

/** The pages people read: the newsroom at `/`, story views, source health. No script on any of them. */
export async function registerWebPages(app: FastifyInstance, from: WebSources): Promise<void> {
  await app.register(async (pages) => {
    // Scoped to these pages: the queue board (bull-board) runs its own scripts and keeps its own headers.
    await pages.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], styleSrc: ["'self'"], imgSrc: ["'self'"], formAction: ["'self'"], baseUri: ["'none'"], frameAncestors: ["'none'"] },
      },
      strictTransportSecurity: false, // served over plain HTTP on a private address by default
    });
    const sourceName = sourceNamer(from.sourceNames);
    const titles = new Map([...from.references].map(([id, text]) => [id, referenceTitle(text)]));
    const titleOf = (id: string) => titles.get(id);

    pages.get('/assets/marsad.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(STYLESHEET));

    pages.get('/', async (request, reply) => {
      const raw = request.query as Record<string, unknown>;
      const parsed = NewsroomQuerySchema.safeParse(raw);
      const facets = await from.facets();
      const filters = formFilters(raw, parsed.success ? parsed.data.page : 1);
      const view: NewsroomView = { filters, items: [], more: false, choices: { ...facets, sources: from.sourceNames }, sourceName, referenceTitle: titleOf, timeZone: from.timeZone };
      if (!parsed.success) return sendPage(reply, newsroomPage({ ...view, error: arabicProblemsOf(parsed.error).join('؛ ') }), 400);
      try {
        const items = await from.listItems(newsroomFilter(parsed.data, from.timeZone));
        const search = parsed.data.q ? new Query(parsed.data.q, from.names) : undefined;
        return sendPage(reply, newsroomPage({ ...view, items: items.slice(0, PAGE_SIZE), more: items.length > PAGE_SIZE, ...(search && { search }) }));
      } catch (err) {
        if (!(err instanceof QuerySyntaxError)) throw err;
        return sendPage(reply, newsroomPage({ ...view, error: `لا يمكن قراءة البحث: ${err.arabic}` }), 400);
      }
    });

    pages.get('/items.csv', async (request, reply) => {
      const parsed = NewsroomQuerySchema.safeParse(request.query);
      if (!parsed.success) return reply.code(400).type('text/plain; charset=utf-8').send(problemsOf(parsed.error).join('; '));
      const { limit: _limit, offset: _offset, ...everyPage } = newsroomFilter(parsed.data, from.timeZone);
      const pages = from.eachItemPage(everyPage);
      try {
        // The first page is read before answering: a search that cannot be read is a 400, not a broken download.
        const first = await pages.next();
        const all = async function* () {
          if (!first.done) yield first.value;
          yield* pages;
        };
        const csv = Readable.from(itemsCsv(all(), { sourceName, timeZone: from.timeZone, referenceTitle: titleOf }));
        return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="marsad-items.csv"').send(csv);
      } catch (err) {
        if (!(err instanceof QuerySyntaxError)) throw err;
        return reply.code(400).type('text/plain; charset=utf-8').send(`search: ${err.message}`);
      }
    });

    /** A story with its reference article, when it is one; undefined when no item tells it. */
    const storyView = async (storyId: string): Promise<StoryView | undefined> => {
      const [story] = storiesOf(await from.listItems({ storyId, limit: 10_000 }));
      if (!story) return undefined;
      const referenceText = from.references.get(story.storyId);
      return { story, ...(referenceText === undefined ? {} : { reference: { id: story.storyId, text: referenceText } }), sourceName, timeZone: from.timeZone };
    };
    const noStory = (reply: FastifyReply, id: string) => reply.code(404).type('text/plain; charset=utf-8').send(`no story "${id}"`);

    pages.get<{ Params: { id: string } }>('/stories/:id', async (request, reply) => {
      const view = await storyView(request.params.id);
      return view ? sendPage(reply, storyPage(view)) : noStory(reply, request.params.id);
    });

    /** A story's item beside what it copies (the reference article, or the story's original); undefined for the original itself or an item of another story. */
    const compareView = async (storyId: string, itemId: string): Promise<CompareView | undefined> => {
      const items = await from.listItems({ storyId, limit: 10_000 });
      const [story] = storiesOf(items);
      const copy = items.find((item) => item.id === itemId);
      const reference = from.references.get(storyId);
      if (!story || !copy || (reference === undefined && copy.id === story.first.id)) return undefined;
      const original = reference ?? `${story.first.title}\n${story.first.text}`;
      return {
        storyId,
        original: reference === undefined ? { label: 'الأصل', language: story.first.language } : { label: 'المقال المرجعي', language: 'arb' },
        copy: { ...pickupOf(copy, Date.parse(story.firstSeenAt)), language: copy.language },
        compared: compareTexts(original, `${copy.title}\n${copy.text}`),
        sourceName,
        timeZone: from.timeZone,
      };
    };

    pages.get<{ Params: { id: string; item: string } }>('/stories/:id/compare/:item', async (request, reply) => {
      const view = await compareView(request.params.id, request.params.item);
      return view ? sendPage(reply, comparePage(view)) : reply.code(404).type('text/plain; charset=utf-8').send(`no copy "${request.params.item}" in story "${request.params.id}"`);
    });

    pages.get<{ Params: { id: string } }>('/stories/:id/pickups.csv', async (request, reply) => {
      const view = await storyView(request.params.id);
      if (!view) return noStory(reply, request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pickups-${view.story.storyId.replace(/[^\w.-]/g, '_')}.csv"`)
        .send(pickupsCsv(view));
    });

    pages.get('/references', async (_request, reply) =>
      sendPage(reply, referencesPage({ references: from.references, pickups: await from.referencePickups([...from.references.keys()]), timeZone: from.timeZone })),
    );

    pages.get('/sources', async (_request, reply) => {
      const fetching = await from.fetching?.();
      return sendPage(reply, sourcesPage(await from.sourceHealth(fetching), fetching));
    });

    pages.get('/alerts', async (_request, reply) => {
      const [deliveries, holds, rules] = await Promise.all([from.deliveries?.(DELIVERIES_SHOWN) ?? [], from.channelHolds?.() ?? [], from.alertRules?.()]);
      return sendPage(reply, alertsPage(deliveries, holds, rules));
    });

    pages.get<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
      const source = (await from.sourceHealth()).find((s) => s.sourceId === request.params.id);
      if (!source) return reply.code(404).type('text/plain; charset=utf-8').send(`no source "${request.params.id}"`);
      return sendPage(reply, sourceFailuresPage(source, await from.failedFetches(source.sourceId), from.fetchQueue));
    });
  });
}
