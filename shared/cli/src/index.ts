export { main } from './main.js';
export { openRuntime, readConfig, loggerFor, type Runtime } from './runtime.js';
export { runOnce, formatSummary, RunInterruptedError, RunTimeoutError, type RunSummary, type RunOnceOptions } from './run-once.js';
export { SERVICES, checkQueueConsumers } from './services.js';
export { SERVICE_NAMES, type ServiceName } from './service-names.js';
export { defaultLineClassifier, LineClassifier, type ClassifyOutput } from './commands/classify.js';
export { demoConfig, serveDirectory, DEMO_FEEDS_DIR } from './commands/demo.js';
