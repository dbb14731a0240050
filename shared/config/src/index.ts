export { ConfigError } from './config-error.js';
export { explainConfigSlips, meantAmong } from './key-hints.js';
export { EnvSchema, ignoredVariables, redactUrl, type Env, type IgnoredVariable } from './env.js';
export {
  ConfigFileSchema,
  FetchingSchema,
  SearchSchema,
  type SearchConfig,
  type FetchingConfig,
  PipelineSchema,
  SourceSchema,
  type ConfigFile,
  type PipelineConfig,
  type SourceConfig,
} from './file-schema.js';
export { IntervalSchema, parseInterval, pollingInterval, MIN_INTERVAL_MS } from './interval.js';
export {
  bundledTagNames,
  unknownSource,
  unknownTag,
  DEFAULT_SOURCES_FILE,
  loadConfig,
  parseConfigText,
  parseEnv,
  resolveConfigFile,
  type Config,
  type ConfigWarnings,
  type LoadConfigOptions,
  type SourceOptionsCheck,
} from './load.js';
export { BUNDLED_SEEDS_DIR, filesNotRead, readReferenceArticles, referenceIds, referenceTitle, resolveSeedsDir, type ReferenceArticle } from './references.js';
export { AlertsSchema, ChannelSchema, DeliverySchema, RuleSchema, type AlertsConfig, type ChannelConfig, type RuleConfig } from './alerts.js';
export { staleTimeZones, type StaleTimeZone, type ZoneUses } from './time-zone-data.js';
