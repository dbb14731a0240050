import type { Redis } from 'ioredis';

/**
 * How long jobs take, per queue and outcome, as histogram buckets kept in Redis: every replica adds its
 * counts, so the dashboard's `/metrics` shows the whole deployment, not one process. Workers count in
 * memory and add to Redis every few seconds (one pipelined round trip, not one per job).
 */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

export type JobOutcome = 'completed' | 'failed';
const OUTCOMES: readonly JobOutcome[] = ['completed', 'failed'];

export interface DurationHistogram {
  queue: string;
  outcome: JobOutcome;
  /** Count per bucket of DURATION_BUCKETS (not cumulative), then one for longer durations. */
  buckets: number[];
  count: number;
  sumSeconds: number;
}

const timingsKey = (prefix: string, queue: string) => `${prefix}:job-durations:${queue}`;

export class JobTimings {
  private counts = new Map<string, number>();
  private sums = new Map<JobOutcome, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly queue: string,
    private readonly flushEveryMs = 5_000,
  ) {}

  observe(outcome: JobOutcome, seconds: number): void {
    const bucket = DURATION_BUCKETS.findIndex((le) => seconds <= le);
    const field = `${outcome}:${bucket === -1 ? DURATION_BUCKETS.length : bucket}`;
    this.counts.set(field, (this.counts.get(field) ?? 0) + 1);
    this.sums.set(outcome, (this.sums.get(outcome) ?? 0) + seconds);
    this.timer ??= setTimeout(() => void this.flush().catch(() => {}), this.flushEveryMs).unref(); // kept in memory until the next flush
  }

  /** Adds what was counted since the last flush to Redis; on failure the counts stay for the next one. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.counts.size === 0) return;
    const [counts, sums] = [this.counts, this.sums];
    this.counts = new Map();
    this.sums = new Map();
    const key = timingsKey(this.prefix, this.queue);
    const pipeline = this.redis.multi();
    for (const [field, n] of counts) pipeline.hincrby(key, field, n);
    for (const [outcome, sum] of sums) pipeline.hincrbyfloat(key, `${outcome}:sum`, sum);
    try {
      await pipeline.exec();
    } catch (err) {
      for (const [field, n] of counts) this.counts.set(field, (this.counts.get(field) ?? 0) + n);
      for (const [outcome, sum] of sums) this.sums.set(outcome, (this.sums.get(outcome) ?? 0) + sum);
      throw err;
    }
  }
}

/** Every queue's histograms as Redis holds them. */
export async function readJobTimings(redis: Redis, prefix: string, queues: readonly string[]): Promise<DurationHistogram[]> {
  const hashes = await Promise.all(queues.map((queue) => redis.hgetall(timingsKey(prefix, queue))));
  return queues.flatMap((queue, q) =>
    OUTCOMES.flatMap((outcome) => {
      const hash = hashes[q]!;
      const buckets = Array.from({ length: DURATION_BUCKETS.length + 1 }, (_, i) => Number(hash[`${outcome}:${i}`] ?? 0));
      const count = buckets.reduce((a, b) => a + b, 0);
      return count === 0 ? [] : [{ queue, outcome, buckets, count, sumSeconds: Number(hash[`${outcome}:sum`] ?? 0) }];
    }),
  );
}
