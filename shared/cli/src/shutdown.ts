import type { Logger } from '@marsad/logger';

/** Resolves with the first SIGINT or SIGTERM; a second one exits at once. */
export function shutdownSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      process.once('SIGINT', () => forceExit(logger, 'SIGINT'));
      process.once('SIGTERM', () => forceExit(logger, 'SIGTERM'));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function forceExit(logger: Logger, signal: string): void {
  logger.warn({ signal }, 'second signal: exiting without waiting for active jobs');
  process.exit(130);
}

/** Runs `close`, but exits the process if it takes longer than the grace period. */
export async function closeWithin(logger: Logger, graceMs: number, close: () => Promise<void>): Promise<void> {
  const timer = setTimeout(() => {
    logger.error({ graceMs }, 'shutdown grace period exceeded: exiting with jobs still active (they will be retried)');
    process.exit(1);
  }, graceMs);
  timer.unref();
  try {
    await close();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Aborts on the first SIGINT or SIGTERM (a second one exits at once): for commands that, stopped
 * early, still finish their active jobs and remove what they made.
 */
export function interruptOnSignal(logger: Logger): AbortSignal {
  const controller = new AbortController();
  void shutdownSignal(logger).then((signal) => {
    logger.warn({ signal }, 'interrupted: finishing active jobs, then cleaning up (again to exit at once)');
    controller.abort();
  });
  return controller.signal;
}
