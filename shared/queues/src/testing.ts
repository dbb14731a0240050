/**
 * For tests only (`@marsad/queues/testing`): the pipeline's queues on the test Redis, under a prefix of
 * their own that is deleted afterwards. It lives here, not in `@marsad/testing`, which this package's
 * own tests use and so cannot depend on it.
 */
import { PipelineSchema } from '@marsad/config';
import { createTestRedis, type TestRedis } from '@marsad/testing';
import type { z } from 'zod';
import { createRedis, type Redis } from './connection.js';
import { closeQueues, openQueues, type PipelineQueues } from './pipeline-queues.js';

export interface TestQueues {
  redis: TestRedis;
  connection: Redis;
  queues: PipelineQueues;
  /** Closes the queues and the connection, and deletes every key under the prefix. */
  close(): Promise<void>;
}

export function openTestQueues(label: string, pipeline: z.input<typeof PipelineSchema> = {}): TestQueues {
  const redis = createTestRedis(label);
  const connection = createRedis(redis.url);
  const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse(pipeline) });
  return {
    redis,
    connection,
    queues,
    close: async () => {
      await closeQueues(queues);
      connection.disconnect();
      await redis.cleanup();
    },
  };
}
