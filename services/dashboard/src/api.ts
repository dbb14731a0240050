import { unknownTag } from '@marsad/config';
import type { ListedItem } from '@marsad/service-alerter';
import { storiesOf } from '@marsad/service-alerter';
import { InstantSchema, ItemCursorSchema, ItemLanguageSchema, type ItemCursor, type ItemFilter, type ItemPage } from '@marsad/store';
import { Query, QuerySyntaxError, type NameSpellings } from '@marsad/text';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** The JSON API behind the newsroom (README, "Dashboard"): every query parameter validated. */
export interface ApiSources {
  listItems(filter: ItemFilter): Promise<ListedItem[]>;
  /** One page of items, after a cursor an earlier page gave (Store.itemPage). */
  itemPage(filter: ItemFilter, after?: ItemCursor): Promise<Omit<ItemPage, 'items'> & { items: ListedItem[] }>;
  sources(): Promise<unknown[]>;
  /** The names a search finds under their other spellings too (the config's search.names), as the store's search does. */
  names?: NameSpellings;
}

export const ItemsQuerySchema = z.strictObject({
  /** Words to find, written like an alert rule's query. */
  q: z.string().min(1).max(500).optional(),
  /** A tag the alias file defines: another (DGSN for dgsn) would list nothing, as if none were found. */
  tag: z
    .string()
    .refine((tag) => !unknownTag(tag), { error: (issue) => unknownTag(String(issue.input)) })
    .optional(),
  source: z.string().min(1).optional(),
  language: ItemLanguageSchema.optional(),
  since: InstantSchema.optional(),
  until: InstantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** The `next` of the page before: the page that follows it, whatever was stored meanwhile. */
  after: z
    .string()
    .max(4_000)
    .transform((cursor, ctx) => {
      const parsed = ItemCursorSchema.safeParse(decodeCursor(cursor));
      if (!parsed.success) ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave (the "next" of a page)' });
      return parsed.success ? parsed.data : z.NEVER;
    })
    .optional(),
});

/** A cursor as the API hands it out: opaque, safe in a URL. */
const encodeCursor = (cursor: ItemCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function invalid(issues: z.core.$ZodIssue[]) {
  return { error: 'invalid query', issues: issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`) };
}

export function registerApi(app: FastifyInstance, from: ApiSources): void {
  app.get('/api/items', async (request, reply) => {
    const query = ItemsQuerySchema.safeParse(request.query);
    if (!query.success) return reply.code(400).send(invalid(query.error.issues));
    const { q, source, after, ...filter } = query.data;
    try {
      const page = await from.itemPage({ ...filter, search: q, sourceId: source }, after);
      const search = q === undefined ? undefined : new Query(q, from.names);
      return { items: page.items.map(({ text, ...item }) => (search ? { ...item, excerpt: search.passageOf(item.title, text) } : item)), next: page.next && encodeCursor(page.next) };
    } catch (err) {
      if (err instanceof QuerySyntaxError) return reply.code(400).send({ error: 'invalid query', issues: [`q: ${err.message}`] });
      throw err;
    }
  });
  app.get<{ Params: { id: string } }>('/api/stories/:id', async (request, reply) => {
    const [story] = storiesOf(await from.listItems({ storyId: request.params.id, limit: 10_000 }));
    if (!story) return reply.code(404).send({ error: `no story "${request.params.id}"` });
    return story;
  });
  app.get('/api/sources', async () => ({ sources: await from.sources() }));
}
