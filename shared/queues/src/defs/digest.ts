import { z } from 'zod';
import { RunIdSchema } from '../item.js';
import type { QueueDef } from '../queue-def.js';

export const DigestJobSchema = z.object({ ruleId: z.string().min(1), runId: RunIdSchema });
export type DigestJob = z.infer<typeof DigestJobSchema>;

/** One job per digest rule and period; produced by the rule's job scheduler (its time, its time zone). */
export const digestQueue = {
  name: 'digest',
  schema: DigestJobSchema,
  description: 'send a digest rule\'s new stories since its last digest, with their pickups',
} as const satisfies QueueDef<DigestJob>;
