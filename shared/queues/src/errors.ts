/**
 * A failure that another attempt cannot fix (bad payload, unknown source, invalid data): the job goes
 * straight to the failed set with this message. Every other error is retried with backoff.
 */
export class PermanentError extends Error {
  override name = 'PermanentError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The remote side asked us to wait (HTTP 429/503 with Retry-After): the job is retried after `retryAfterMs`. */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The remote side asked us to wait, and this try counts: the job spends an attempt, as any failure does,
 * and its retry comes no sooner than `retryAfterMs` (nor sooner than its backoff). For deliveries, whose
 * receiver may ask to wait forever: RetryLaterError would never let the job fail. Honoured by jobs whose
 * backoff is `deliveryJobOptions`'s.
 */
export class RetryNotBeforeError extends Error {
  override name = 'RetryNotBeforeError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** No Redis answers at the configured URL: the one error people meet on a fresh machine. */
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(
      `Redis is not answering at ${url} (${describeCause(cause)}). Start one with "docker compose up -d redis", ` +
        `or install your distribution's redis-server (Debian/Ubuntu: "sudo apt-get install redis-server", then "redis-server --daemonize yes"), ` +
        `or set REDIS_URL to a Redis you have.`,
      { cause },
    );
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return String(cause);
}
