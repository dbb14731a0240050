export { startFetcher, type FetcherDeps } from './main.js';
export { fetchSource, toRawItems, type FetchSourceDeps, type FetchSourceResult } from './handlers/fetch-source.js';
export { syncSourceSchedulers } from './schedulers.js';
export { BACKOFF_CEILING_MS, FAILING_AFTER, SourceHealthSchema, SourceHealthStore, type SourceHealth, type Validators } from './source-health.js';
export { HostGate } from './host-gate.js';
export { HeldItems, HeldItemSchema, PAGE_READ_POLLS, type HeldItem } from './held-items.js';
export { fetchingOf, healthOfSources, pollsStopped, type Fetching, type SourceState } from './fetching.js';
