import { randomBytes } from 'node:crypto';
import type { Config, SourceConfig } from '@marsad/config';
import {
  closeQueues,
  deleteKeysWithPrefix,
  isFinalFailure,
  openQueues,
  QUEUE_NAMES,
  UNFINISHED_STATES,
  type PipelineQueues,
} from '@marsad/queues';
import { startAlerter } from '@marsad/service-alerter';
import { startClassifier, type ClassifyItemResult } from '@marsad/service-classifier';
import { SourceHealthStore, startFetcher, type FetchSourceResult, type Validators } from '@marsad/service-fetcher';
import { startStoreService, type StoreItemResult } from '@marsad/service-store';
import type { Job, Worker } from 'bullmq';
import type { Runtime } from './runtime.js';
import { RunRegistry, runPrefix } from './run-registry.js';

export interface SourceSummary {
  fetched: number;
  queued: number;
  stored: number;
  errors: string[];
  /** Problems of its poll that did not fail it (article pages not read, entries skipped). */
  warnings: string[];
}

export interface RunSummary {
  runId: string;
  sources: number;
  /** Items the sources listed. */
  fetched: number;
  /** Items not stored before, sent through the pipeline. */
  queued: number;
  /** Rows this run added. */
  new: number;
  /** Rows whose text this run replaced with the much longer one their source now gives (revisions). */
  revised: number;
  /** Items found to copy a reference article or an earlier item. */
  duplicates: number;
  arabic: number;
  nonArabic: number;
  /** Non-Arabic items not stored because of pipeline.dropNonArabic. */
  dropped: number;
  tags: Record<string, number>;
  perSource: Record<string, SourceSummary>;
  /** Jobs that failed for good, with their reasons. */
  errors: { stage: string; sourceId: string | undefined; reason: string }[];
  /** The whole run, starting and stopping its workers included. */
  durationMs: number;
  /** From the first fetch job queued until every stage was idle: the pipeline's own work. */
  processingMs: number;
}

export interface RunOnceOptions {
  /** @defaultValue every enabled source of the config */
  sources?: readonly SourceConfig[];
  /** Give up waiting after this long. @defaultValue 600000 */
  timeoutMs?: number;
  /** Poll interval of the idle check. @defaultValue 50 */
  pollMs?: number;
  /**
   * Queue prefix of the run. By default one of its own, deleted when the run ends; a caller that
   * passes one keeps the queues (and their retained jobs) and cleans up itself.
   */
  prefix?: string;
  /**
   * Stops the run when it aborts (Ctrl-C): the run's workers finish their active jobs, its own queues
   * are deleted as usual, and runOnce throws RunInterruptedError with what had happened by then.
   */
  signal?: AbortSignal;
}

/** The run did not finish in time; `summary` says what had happened by then. */
export class RunTimeoutError extends Error {
  override name = 'RunTimeoutError';
  constructor(readonly summary: RunSummary, readonly unfinished: number) {
    super(`the run did not finish within its time limit: ${unfinished} job(s) still unfinished`);
  }
}

/** The run was stopped before every item had passed every stage; `summary` says what had happened. */
export class RunInterruptedError extends Error {
  override name = 'RunInterruptedError';
  constructor(readonly summary: RunSummary, readonly unfinished: number) {
    super(`the run was interrupted: ${unfinished} job(s) unfinished`);
  }
}

/** Fetch attempts within one run: a dead host should be reported quickly, not retried for minutes. */
const RUN_FETCH_OPTIONS = { attempts: 2, backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 } } as const;
/**
 * Delivery attempts within one run: a receiver that is down is reported in the summary (and the delivery
 * log) within seconds, not retried for the hours the delivery settings allow a running alerter.
 */
const RUN_DELIVERY = { attempts: 3, backoffMs: 1_000 } as const;

/**
 * Fetches every source once and waits until every item has passed every stage. The run has queues
 * of its own (a prefix under the configured one), so a `marsad start` on the same Redis neither
 * takes its jobs nor keeps it waiting; the store and the item dedup are shared as usual.
 */
export async function runOnce(runtime: Runtime, options: RunOnceOptions = {}): Promise<RunSummary> {
  const started = Date.now();
  const runId = randomBytes(6).toString('hex');
  const basePrefix = runtime.config.env.MARSAD_QUEUE_PREFIX;
  const prefix = options.prefix ?? runPrefix(basePrefix, runId);
  const sources = (options.sources ?? runtime.config.sources).filter((source) => source.enabled);
  const { alerts } = runtime.config;
  const delivery = { attempts: Math.min(alerts.delivery.attempts, RUN_DELIVERY.attempts), backoffMs: Math.min(alerts.delivery.backoffMs, RUN_DELIVERY.backoffMs) };
  const config: Config = { ...runtime.config, sources, alerts: { ...alerts, delivery }, env: { ...runtime.config.env, MARSAD_QUEUE_PREFIX: prefix } };
  const logger = runtime.logger.child({ runId });
  const queues = openQueues({ connection: runtime.connection, prefix, pipeline: config.pipeline });
  const summary = emptySummary(runId, sources);
  const pending: PendingState = { validators: new Map(), listings: new Map(), entryMarks: new Map() };
  const deps = { ...runtime, config, logger, queues };
  // A run of its own queues registers, and first removes those of runs killed before they could.
  const registry = options.prefix ? undefined : new RunRegistry(runtime.connection, basePrefix);
  await registry?.sweep(logger);
  const leave = await registry?.enter(runId);
  const services: { worker: Worker; close(): Promise<void> }[] = [];
  let unfinished: number;
  try {
    // Started one by one inside the try: one that cannot start closes those started before it.
    for (const start of [
      () => startFetcher({ ...deps, schedule: false, healthPrefix: basePrefix }),
      () => startClassifier(deps),
      () => startStoreService(deps),
      () => startAlerter({ ...deps, schedule: false, statePrefix: basePrefix }),
    ]) services.push(await start());
    services.forEach((service) => track(service.worker, summary, pending));
    const queued = Date.now();
    await queues.fetch.addBulk(
      sources.map((source) => ({ name: 'fetch', data: { sourceId: source.id, runId }, opts: { ...RUN_FETCH_OPTIONS, jobId: `fetch-${runId}-${source.id}` } })),
    );
    logger.info({ sources: sources.length }, 'run started');
    unfinished = await waitUntilIdle(queues, options.timeoutMs ?? 600_000, options.pollMs ?? 50, options.signal);
    summary.processingMs = Date.now() - queued;
  } finally {
    // Closing the workers waits for their active jobs, so every result is in the summary after it.
    await Promise.all(services.map((service) => service.close()));
    await closeQueues(queues);
    if (!options.prefix) await deleteKeysWithPrefix(runtime.connection, prefix);
    await leave?.();
  }
  summary.durationMs = Date.now() - started;
  if (unfinished === 0) await savePending(new SourceHealthStore(runtime.connection, basePrefix), pending, summary);
  if (unfinished > 0) throw options.signal?.aborted ? new RunInterruptedError(summary, unfinished) : new RunTimeoutError(summary, unfinished);
  logger.info({ fetched: summary.fetched, new: summary.new, errors: summary.errors.length, ms: summary.durationMs }, 'run finished');
  return summary;
}

/** Resolves with 0 once no stage has a job left to do, or with the number left at the deadline or abort. */
async function waitUntilIdle(queues: PipelineQueues, timeoutMs: number, pollMs: number, signal: AbortSignal | undefined): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(QUEUE_NAMES.map((name) => queues[name].getJobCounts(...UNFINISHED_STATES)));
    const unfinished = counts.reduce((sum, byState) => sum + Object.values(byState).reduce((a, b) => a + b, 0), 0);
    if (unfinished === 0 || Date.now() >= deadline || signal?.aborted) return unfinished;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function emptySummary(runId: string, sources: readonly SourceConfig[]): RunSummary {
  return {
    runId, sources: sources.length, fetched: 0, queued: 0, new: 0, revised: 0, duplicates: 0, arabic: 0, nonArabic: 0, dropped: 0,
    tags: {}, errors: [], durationMs: 0, processingMs: 0,
    perSource: Object.fromEntries(sources.map((s) => [s.id, { fetched: 0, queued: 0, stored: 0, errors: [], warnings: [] }])),
  };
}

/** What a run's polls leave to keep once their items are through: conditional GET validators, listings. */
interface PendingState {
  validators: Map<string, Validators>;
  listings: Map<string, string[]>;
  entryMarks: Map<string, Record<string, string>>;
}

/**
 * Of a run's pending state by source, that of the sources whose every item is stored now: not of
 * those with an item that failed for good, whose next poll must read the feed whole, and as far back,
 * to queue it anew (the run's failed jobs go with its queues). A run that did not finish saves none
 * (runOnce does not call this then).
 */
export function pendingToSave<T>(pending: ReadonlyMap<string, T>, summary: Pick<RunSummary, 'errors'>): Map<string, T> {
  // An alert that failed is of an item stored already, which reading the feed again would not queue.
  const withItemErrors = new Set(summary.errors.filter((error) => error.stage === 'classify' || error.stage === 'store').map((error) => error.sourceId));
  return new Map([...pending].filter(([sourceId]) => !withItemErrors.has(sourceId)));
}

async function savePending(health: SourceHealthStore, pending: PendingState, summary: Pick<RunSummary, 'errors'>): Promise<void> {
  await Promise.all([
    ...[...pendingToSave(pending.validators, summary)].map(([sourceId, v]) => health.recordValidators(sourceId, v)),
    ...[...pendingToSave(pending.listings, summary)].map(([sourceId, ids]) => health.replaceListing(sourceId, ids)),
    ...[...pendingToSave(pending.entryMarks, summary)].map(([sourceId, marks]) => health.replaceEntryMarks(sourceId, new Map(Object.entries(marks)))),
  ]);
}

/** Folds each stage's results into the summary as the run's own workers finish jobs. */
function track(worker: Worker, summary: RunSummary, pending: PendingState): void {
  const forSource = (id: string) => (summary.perSource[id] ??= { fetched: 0, queued: 0, stored: 0, errors: [], warnings: [] });
  worker.on('completed', (job: Job, result: unknown) => {
    switch (worker.name) {
      case 'fetch': {
        const r = result as FetchSourceResult;
        summary.fetched += r.fetched;
        summary.queued += r.queued;
        Object.assign(forSource(r.sourceId), { fetched: r.fetched, queued: r.queued, warnings: r.warnings ?? [] });
        if (r.pendingValidators) pending.validators.set(r.sourceId, r.pendingValidators);
        if (r.pendingListing) pending.listings.set(r.sourceId, r.pendingListing);
        if (r.pendingEntryMarks) pending.entryMarks.set(r.sourceId, r.pendingEntryMarks);
        break;
      }
      case 'classify': {
        const r = result as ClassifyItemResult;
        if (r.arabic) summary.arabic++;
        else summary.nonArabic++;
        // A story's original published after its copy was one until this copy came: now it is a copy.
        if (r.duplicateOf || r.supersedes) summary.duplicates++;
        if (r.dropped) summary.dropped++;
        for (const tag of r.tags) summary.tags[tag] = (summary.tags[tag] ?? 0) + 1;
        break;
      }
      case 'store': {
        const r = result as StoreItemResult;
        if (r.inserted) {
          summary.new++;
          forSource(r.sourceId).stored++;
        }
        if (r.revised) summary.revised++;
        break;
      }
    }
  });
  worker.on('failed', (job, err) => {
    if (!job || !isFinalFailure(job, err)) return;
    const data = job.data as { sourceId?: string; item?: { sourceId?: string } };
    const sourceId = data.sourceId ?? data.item?.sourceId;
    summary.errors.push({ stage: worker.name, sourceId, reason: err.message });
    if (sourceId) forSource(sourceId).errors.push(`${worker.name}: ${err.message}`);
  });
}

/** Messages in the order first met, each once, with how many times where more: a receiver down fails every item's alert alike. */
function counted(messages: readonly string[]): string {
  const times = new Map<string, number>();
  for (const message of messages) times.set(message, (times.get(message) ?? 0) + 1);
  return [...times].map(([message, n]) => (n > 1 ? `${message} (${n} times)` : message)).join('; ');
}

/** The summary as people read it. */
export function formatSummary(summary: RunSummary): string {
  const lines = [
    `run ${summary.runId}: ${summary.sources} source(s) in ${(summary.durationMs / 1000).toFixed(1)}s`,
    `  fetched ${summary.fetched}, new ${summary.new}, ${summary.revised ? `revised ${summary.revised}, ` : ''}already seen ${summary.fetched - summary.queued}, ` +
      `duplicates ${summary.duplicates}, arabic ${summary.arabic}, not arabic ${summary.nonArabic}` +
      (summary.dropped ? `, dropped ${summary.dropped}` : ''),
    `  tags: ${Object.entries(summary.tags).map(([tag, n]) => `${tag} ${n}`).join(', ') || 'none'}`,
  ];
  for (const [id, s] of Object.entries(summary.perSource)) {
    const status = s.errors.length ? `ERROR ${counted(s.errors)}` : s.warnings.length ? `ok, WARNING ${counted(s.warnings)}` : 'ok';
    lines.push(`  ${id.padEnd(24)} fetched ${String(s.fetched).padStart(4)}  new ${String(s.stored).padStart(4)}  ${status}`);
  }
  const itemErrors = summary.errors.filter((e) => e.stage !== 'fetch');
  if (itemErrors.length) lines.push(`  item errors: ${itemErrors.length} (see the logs for each job's reason)`);
  return lines.join('\n');
}
