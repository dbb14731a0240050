import { statSync } from 'node:fs';
import { z } from 'zod';
import { TimeZone } from './alerts.js';
import { likelyMeant } from './key-hints.js';
import { addressOf } from './urls.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A folder that exists: the services read the reference articles from it at start-up, and a wrong path
 * would fail one service after others had started.
 */
function isFolder(path: string, ctx: z.RefinementCtx): void {
  try {
    if (statSync(path).isDirectory()) return;
    ctx.addIssue({ code: 'custom', message: `"${path}" is a file, not a folder of reference articles` });
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `"${path}" cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): no folder of reference articles there` });
  }
}

/** Settings that come from the environment (twelve-factor): where the services are, how to log. */
const EnvVariables = z.object({
  /** Redis for the BullMQ queues. @defaultValue redis://127.0.0.1:6379 */
  REDIS_URL: addressOf(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  /** PostgreSQL; when unset the store is an embedded PGlite under MARSAD_DATA_DIR. */
  DATABASE_URL: addressOf(['postgres', 'postgresql']).optional(),
  /** Folder of the embedded store. @defaultValue ./data */
  MARSAD_DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Prefix of every BullMQ key. The braces make it a Redis Cluster hash tag, so all of a queue's
   * keys live in one slot as BullMQ's Lua scripts require. @defaultValue {marsad}
   */
  MARSAD_QUEUE_PREFIX: z
    .string()
    .regex(/^\{[^{}]+\}$/, 'must be wrapped in braces, e.g. {marsad}, so that it is a Redis Cluster hash tag')
    .default('{marsad}'),
  /** @defaultValue info */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** "pretty" or "json"; by default pretty when stderr is a terminal. */
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  /** Port of the dashboard service. @defaultValue 3000 */
  MARSAD_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Address the dashboard binds to. @defaultValue 127.0.0.1 */
  MARSAD_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The dashboard's address as its readers reach it (https://marsad.example.org, behind a proxy): alerts
   * then link each story's page. @defaultValue none: alerts carry no such link
   */
  MARSAD_PUBLIC_URL: addressOf(['https', 'http']).optional(),
  /** Time zone of the times the newsroom page shows (an IANA name). @defaultValue Africa/Casablanca */
  MARSAD_TIMEZONE: TimeZone.default('Africa/Casablanca'),
  /**
   * Prefix of the shared copy index, which outlives any one run's queues.
   * @defaultValue the queue prefix followed by `:index`, e.g. `{marsad}:index`
   */
  MARSAD_INDEX_PREFIX: z
    .string()
    .regex(/^\{[^{}]+\}/, 'must start with a hash tag in braces, e.g. {marsad}:index')
    .optional(),
  /** Reference articles (.txt, file stem = id). @defaultValue ./seeds, else the repository's seeds/ */
  MARSAD_SEEDS_DIR: z.string().min(1).superRefine(isFolder).optional(),
  /** How long shutdown waits for active jobs before giving up. @defaultValue 30000 */
  MARSAD_SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(30_000),
  /** Operator credentials for the queue dashboard (basic auth); without them (or a token) it is read-only. */
  MARSAD_ADMIN_USER: z.string().min(1).optional(),
  MARSAD_ADMIN_PASSWORD: z.string().min(8, 'use at least 8 characters').optional(),
  /** A bearer token for the queue dashboard, for tools. */
  MARSAD_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
});

export const EnvSchema = EnvVariables
  .refine((env) => !env.MARSAD_ADMIN_USER === !env.MARSAD_ADMIN_PASSWORD, {
    message: 'set MARSAD_ADMIN_USER and MARSAD_ADMIN_PASSWORD together',
    path: ['MARSAD_ADMIN_PASSWORD'],
  })
  .transform((env) => ({ ...env, MARSAD_INDEX_PREFIX: env.MARSAD_INDEX_PREFIX ?? `${env.MARSAD_QUEUE_PREFIX}:index` }));

export type Env = z.infer<typeof EnvSchema>;

/** Variables of Marsad's own test tooling, which the services do not read either. */
const TOOLING_VARIABLES = new Set(['MARSAD_SCREENSHOTS', 'MARSAD_CHROMIUM']);

export interface IgnoredVariable {
  variable: string;
  /** The variable it likely misspells. */
  meant?: string;
}

/**
 * MARSAD_ variables set that no service reads: a misspelt one (MARSAD_QUEUE_PREFX) would otherwise be
 * ignored without a word, and the services run on its default.
 */
export function ignoredVariables(source: NodeJS.ProcessEnv, readByConfig: readonly string[] = []): IgnoredVariable[] {
  const known = Object.keys(EnvVariables.shape);
  return Object.keys(source)
    .filter((name) => name.startsWith('MARSAD_') && !known.includes(name) && !TOOLING_VARIABLES.has(name) && !readByConfig.includes(name))
    .sort()
    .map((variable) => {
      const meant = likelyMeant(variable, known);
      return meant ? { variable, meant } : { variable };
    });
}

/** A service URL from the environment fit for logs and messages: the password is masked. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[invalid url]';
  }
}
