import type { PipelineConfig } from '@marsad/config';
import { defaultJobOptions, deleteKeysWithPrefix, type Redis } from '@marsad/queues';
import { Queue, Worker } from 'bullmq';

export interface EmptyTopologyOptions {
  /** One fetch job per item instead of one per feed (the pipeline's shape). */
  fetchPerItem?: boolean;
  /** Article text the classify and store jobs carry, as the pipeline's do; none when absent. */
  text?: string;
}

/**
 * The baseline: Marsad's BullMQ topology (same queues, concurrency and job options) with processors
 * that only enqueue the next job and return nothing, so no result is stored with the job.
 */
export async function runEmptyTopology(
  connection: Redis,
  prefix: string,
  pipeline: PipelineConfig,
  feeds: number,
  perFeed: number,
  { fetchPerItem = false, text }: EmptyTopologyOptions = {},
): Promise<number> {
  const opts = defaultJobOptions(pipeline);
  const queue = (name: string) => new Queue(name, { connection, prefix, defaultJobOptions: opts });
  const [fetch, classify, store, alert] = [queue('fetch'), queue('classify'), queue('store'), queue('alert')] as const;
  let done = 0;
  let resolveAll: () => void = () => {};
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const total = feeds * perFeed;
  const worker = (name: string, concurrency: number, next: (data: { id: string }) => Promise<unknown>) =>
    new Worker(name, async (job) => void (await next(job.data as { id: string })), { connection, prefix, concurrency });
  const withText = (id: string) => (text === undefined ? { id } : { id, text });
  const workers = [
    worker('fetch', pipeline.concurrency.fetch, async (data) =>
      fetchPerItem
        ? classify.add('classify', withText(data.id), { jobId: `item-${data.id}` })
        : classify.addBulk(Array.from({ length: perFeed }, (_, i) => ({ name: 'classify', data: withText(`${data.id}-${i}`), opts: { jobId: `item-${data.id}-${i}` } }))),
    ),
    worker('classify', pipeline.concurrency.classify, (data) => store.add('store', withText(data.id), { jobId: `item-${data.id}` })),
    worker('store', pipeline.concurrency.store, (data) => alert.add('alert', { id: data.id }, { jobId: `item-${data.id}` })),
    worker('alert', pipeline.concurrency.alert, async () => {
      if (++done === total) resolveAll();
    }),
  ];
  const started = performance.now();
  const fetchJobs = fetchPerItem ? total : feeds;
  await fetch.addBulk(Array.from({ length: fetchJobs }, (_, f) => ({ name: 'fetch', data: { id: `f${f}` } })));
  await all;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all([fetch, classify, store, alert].map((q) => q.close()));
  await deleteKeysWithPrefix(connection, prefix);
  return total / seconds;
}
