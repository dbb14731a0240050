import type { Logger } from '@marsad/logger';
import { deleteKeysWithPrefix, type Redis } from '@marsad/queues';

/** How long a run counts as going on after its last renewal; it renews six times as often. */
const LEASE_MS = 120_000;

/** The queue prefix of one run of `marsad run --once`: under the configured one, a hash tag of its own. */
export const runPrefix = (basePrefix: string, runId: string) => `${basePrefix.slice(0, -1)}:run:${runId}}`;

/**
 * The runs of `marsad run --once` going on against one Redis. A run deletes its queues when it ends;
 * one that is killed outright (SIGKILL, out of memory, a power cut) cannot, and its jobs, articles
 * included, would stay in Redis for good. So each run holds a lease it keeps renewing, and a run
 * that starts removes the queues of every run whose lease has lapsed.
 */
export class RunRegistry {
  private readonly runsKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly basePrefix: string,
  ) {
    this.runsKey = `${basePrefix}:runs`;
  }

  /** Registers the run and keeps its lease until the returned function is called. */
  async enter(runId: string): Promise<() => Promise<void>> {
    const lease = this.leaseKey(runId);
    await this.redis.multi().sadd(this.runsKey, runId).set(lease, String(process.pid), 'PX', LEASE_MS).exec();
    const renewal = setInterval(() => void this.redis.set(lease, String(process.pid), 'PX', LEASE_MS).catch(() => {}), LEASE_MS / 6).unref();
    return async () => {
      clearInterval(renewal);
      await this.redis.multi().srem(this.runsKey, runId).del(lease).exec();
    };
  }

  /** Deletes the queues of the runs whose lease has lapsed, with a warning; which runs, and how many keys. */
  async sweep(logger: Logger): Promise<{ runs: string[]; keys: number }> {
    const lapsed: string[] = [];
    for (const runId of await this.redis.smembers(this.runsKey)) if ((await this.redis.exists(this.leaseKey(runId))) === 0) lapsed.push(runId);
    let keys = 0;
    for (const runId of lapsed) {
      keys += await deleteKeysWithPrefix(this.redis, runPrefix(this.basePrefix, runId));
      await this.redis.srem(this.runsKey, runId);
    }
    if (lapsed.length > 0) logger.warn({ runs: lapsed, keys }, 'removed the queues of runs that ended without removing them (killed?)');
    return { runs: lapsed, keys };
  }

  private leaseKey(runId: string): string {
    return `${this.runsKey}:${runId}`;
  }
}
