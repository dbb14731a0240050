import { z } from 'zod';
import { RawItemSchema, RunIdSchema } from '../item.js';
import type { QueueDef } from '../queue-def.js';

export const ClassifyJobSchema = z.object({ item: RawItemSchema, runId: RunIdSchema });
export type ClassifyJob = z.infer<typeof ClassifyJobSchema>;

export const classifyQueue = {
  name: 'classify',
  schema: ClassifyJobSchema,
  description: 'detect language, copies and tags of one item',
} as const satisfies QueueDef<ClassifyJob>;
