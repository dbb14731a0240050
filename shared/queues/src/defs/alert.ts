import { z } from 'zod';
import { ClassifiedItemSchema, RunIdSchema } from '../item.js';
import type { QueueDef } from '../queue-def.js';

/** Sent once per newly stored item; the alerter matches it against the rules. */
export const AlertJobSchema = z.object({
  item: ClassifiedItemSchema.omit({ text: true }),
  runId: RunIdSchema,
});
export type AlertJob = z.infer<typeof AlertJobSchema>;

export const alertQueue = {
  name: 'alert',
  schema: AlertJobSchema,
  description: 'match a newly stored item against alert rules and deliver',
} as const satisfies QueueDef<AlertJob>;
