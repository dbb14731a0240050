import type { ListedItem } from '@marsad/service-alerter';
import { storiesOf } from '@marsad/service-alerter';
import type { ItemFilter } from '@marsad/store';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** The JSON API behind the newsroom (README, "Dashboard"): every query parameter validated. */
export interface ApiSources {
  listItems(filter: ItemFilter): Promise<ListedItem[]>;
  sources(): Promise<unknown[]>;
}

export const ItemsQuerySchema = z.strictObject({
  tag: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  language: z.string().min(2).max(8).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function invalid(issues: z.core.$ZodIssue[]) {
  return { error: 'invalid query', issues: issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`) };
}

export function registerApi(app: FastifyInstance, from: ApiSources): void {
  app.get('/api/items', async (request, reply) => {
    const query = ItemsQuerySchema.safeParse(request.query);
    if (!query.success) return reply.code(400).send(invalid(query.error.issues));
    const { tag, source, language, since, limit } = query.data;
    const items = await from.listItems({ tag, sourceId: source, language, since, limit });
    return { items: items.map(({ text: _text, ...item }) => item) };
  });
  app.get<{ Params: { id: string } }>('/api/stories/:id', async (request, reply) => {
    const [story] = storiesOf(await from.listItems({ storyId: request.params.id, limit: 10_000 }));
    if (!story) return reply.code(404).send({ error: `no story "${request.params.id}"` });
    return story;
  });
  app.get('/api/sources', async () => ({ sources: await from.sources() }));
}
