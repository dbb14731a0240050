import { readdirSync, readFileSync } from 'node:fs';

export interface CpuTimes {
  /** This process (the whole pipeline, or the empty topology). */
  node: number;
  /** The Redis server (INFO cpu). */
  redis: number;
  /** PostgreSQL's processes on this machine, when asked for and /proc shows any. */
  postgres: number | undefined;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU milliseconds of local processes whose name starts with `name`, from /proc; undefined elsewhere. */
function localProcessCpu(name: string): number | undefined {
  let total: number | undefined;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith(name)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total = (total ?? 0) + (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS; // utime, stime
    } catch {
      // the process ended while being read
    }
  }
  return total;
}

/**
 * CPU time used so far, in milliseconds: differences of two readings are what a run cost. `postgres`:
 * read the local PostgreSQL server's processes too (not for PGlite, which runs inside this process).
 */
export async function cpuNow(redis: { info(section: string): Promise<string> }, postgres: boolean): Promise<CpuTimes> {
  const info = await redis.info('cpu');
  const seconds = (field: string) => Number(new RegExp(`${field}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  const usage = process.cpuUsage();
  return {
    node: (usage.user + usage.system) / 1000,
    redis: (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000,
    postgres: postgres ? localProcessCpu('postgres') : undefined,
  };
}

/** Milliseconds of CPU per item between two readings, as text. */
export function cpuPerItem(before: CpuTimes, after: CpuTimes, items: number): string {
  const per = (a: number, b: number) => ((b - a) / items).toFixed(2);
  const parts = [`node ${per(before.node, after.node)}`, `redis ${per(before.redis, after.redis)}`];
  if (before.postgres !== undefined && after.postgres !== undefined) parts.push(`postgres ${per(before.postgres, after.postgres)}`);
  return parts.join(', ');
}
