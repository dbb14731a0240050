import pino, { type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** @defaultValue info */
  level?: LevelWithSilent;
  /** Pretty lines for people; JSON for machines. @defaultValue pretty when stderr is a terminal */
  format?: 'pretty' | 'json' | undefined;
  /** Fields added to every line, e.g. `{ service: 'fetcher' }`. */
  base?: Record<string, unknown>;
}

/** Values that must never reach a log line, whatever object they sit in. */
const REDACTED_PATHS = ['*.password', '*.secret', '*.token', '*.botToken', '*.smtp', '*.MARSAD_ADMIN_PASSWORD', '*.MARSAD_ADMIN_TOKEN', 'config.env.DATABASE_URL', 'env.DATABASE_URL'];

/**
 * The one logger factory. Logs go to stderr so that commands whose stdout is data (`marsad classify`,
 * `marsad items --json`) stay clean to pipe.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const common = {
    level: options.level ?? 'info',
    base: { pid: process.pid, ...options.base },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  if (format === 'pretty') {
    return pino({
      ...common,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, colorize: Boolean(process.stderr.isTTY), translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino(common, pino.destination({ fd: 2, sync: true }));
}

const LEVEL_METHODS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const noop = () => {};

/**
 * `parent.child(bindings)`, made only when something is logged at an enabled level. A pipeline job
 * gets a child logger carrying its ids, and most jobs log nothing at the enabled levels; making a
 * child (its bindings serialised and redacted) would otherwise cost more than some jobs' own work.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const made = () => (child ??= parent.child(bindings));
  return new Proxy(parent, {
    get(_target, property) {
      if (!child && typeof property === 'string' && LEVEL_METHODS.has(property) && !parent.isLevelEnabled(property)) return noop;
      const value: unknown = Reflect.get(made(), property);
      return typeof value === 'function' ? value.bind(child) : value;
    },
    set: (_target, property, value) => Reflect.set(made(), property, value),
  });
}
