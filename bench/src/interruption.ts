/**
 * Aborted by Ctrl-C or SIGTERM. A bench that watches it stops early and still runs its `finally`
 * blocks, so it deletes what it filed: a million-entry index or a run's queues would otherwise stay in
 * the operator's Redis.
 */
export function interruption(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping, then deleting what this bench filed\n`);
      controller.abort(new Error(`interrupted by ${signal}`));
    });
  }
  return controller.signal;
}

/** Runs a bench; interrupted, it ends with one line and exit code 130 once its cleanup has run. */
export async function runUnlessInterrupted(bench: () => Promise<void>, interrupted: AbortSignal): Promise<void> {
  try {
    await bench();
  } catch (err) {
    if (!interrupted.aborted) throw err;
    process.stderr.write(`${(interrupted.reason as Error).message}: stopped; what it filed is deleted\n`);
    process.exitCode = 130;
  }
}
