import { z } from 'zod';
import { ClassifiedItemSchema, RunIdSchema } from '../item.js';
import type { QueueDef } from '../queue-def.js';

export const StoreJobSchema = z.object({
  item: ClassifiedItemSchema,
  runId: RunIdSchema,
  /** Not stored but remembered as seen: the classifier dropped it (pipeline.dropNonArabic). */
  dropped: z.literal(true).optional(),
});
export type StoreJob = z.infer<typeof StoreJobSchema>;

export const storeQueue = {
  name: 'store',
  schema: StoreJobSchema,
  description: 'upsert one classified item into PostgreSQL, idempotently (or remember a dropped one as seen)',
} as const satisfies QueueDef<StoreJob>;
