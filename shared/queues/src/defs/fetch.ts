import { z } from 'zod';
import { RunIdSchema } from '../item.js';
import type { QueueDef } from '../queue-def.js';

export const FetchJobSchema = z.object({ sourceId: z.string().min(1), runId: RunIdSchema });
export type FetchJob = z.infer<typeof FetchJobSchema>;

/** One job per source and poll; produced by the source's job scheduler or by `run --once`. */
export const fetchQueue = {
  name: 'fetch',
  schema: FetchJobSchema,
  description: 'run a source adapter and queue each new item for classification',
} as const satisfies QueueDef<FetchJob>;
