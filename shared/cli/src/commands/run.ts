import { formatSummary, runOnce, RunInterruptedError, RunTimeoutError } from '../run-once.js';
import { openRuntime, readConfig, loggerFor, warnOfStaleTimeZones } from '../runtime.js';
import { interruptOnSignal } from '../shutdown.js';
import { positiveNumber, UsageError } from '../usage-error.js';

export interface RunOptions {
  once?: boolean;
  config?: string;
  sources?: string;
  json?: boolean;
  timeout?: string;
}

/** `marsad run --once`: every source once, every item through every stage, then a summary. */
export async function runCommand(options: RunOptions): Promise<number> {
  if (!options.once) throw new UsageError('only "marsad run --once" exists; for continuous polling use "marsad start"');
  const timeoutMs = options.timeout === undefined ? undefined : positiveNumber('--timeout', options.timeout, { fractions: true }) * 1000;
  const config = readConfig(options.config ?? options.sources);
  const logger = loggerFor(config);
  const runtime = await openRuntime(config, logger);
  // A run writes local times only into the alerts it sends, and reads the sources'.
  warnOfStaleTimeZones(config, logger, { pages: config.alerts.rules.length > 0, sources: true });
  try {
    const summary = await runOnce(runtime, { signal: interruptOnSignal(logger), ...(timeoutMs ? { timeoutMs } : {}) });
    process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof RunTimeoutError || err instanceof RunInterruptedError)) throw err;
    process.stdout.write(options.json ? `${JSON.stringify(err.summary)}\n` : `${formatSummary(err.summary)}\n`);
    logger.error({ unfinished: err.unfinished }, err.message);
    return err instanceof RunInterruptedError ? 130 : 3;
  } finally {
    await runtime.close();
  }
}
