import type { z } from 'zod';

/** Everything that defines a queue, kept together so a stage cannot be half-declared. */
export interface QueueDef<Payload> {
  /** The BullMQ queue name (keys live under `<prefix>:<name>:`). */
  name: string;
  /** Every consumer validates its payload with this; an invalid job fails without retries. */
  schema: z.ZodType<Payload>;
  description: string;
}
