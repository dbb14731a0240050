/**
 * Why a fetch failed, decided once at the HTTP boundary. Source health, logs and metrics all use
 * these kinds, so the set is closed.
 */
export const FETCH_ERROR_KINDS = [
  'dns', 'network', 'tls', 'timeout', 'redirect', 'rate-limited', 'blocked', 'not-found', 'http', 'server',
  'empty', 'too-large', 'parse', 'encoding', 'private-address',
] as const;
export type FetchErrorKind = (typeof FETCH_ERROR_KINDS)[number];

/** Kinds where trying again later may succeed; the others need a person to change something. */
const TRANSIENT: ReadonlySet<FetchErrorKind> = new Set(['dns', 'network', 'tls', 'timeout', 'rate-limited', 'server', 'empty']);

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly details: { url?: string; status?: number; retryAfterMs?: number } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }
}

/** Classifies what undici or Node threw while connecting or reading. */
export function classifyNetworkError(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const code = findCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const kind: FetchErrorKind =
    code === 'ERR_PRIVATE_ADDRESS' ? 'private-address'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'dns'
    : code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' ||
        code === 'ETIMEDOUT' || (err as Error)?.name === 'TimeoutError' ? 'timeout'
    : code?.startsWith('ERR_TLS') || code?.startsWith('ERR_SSL') || code?.includes('CERT') || code === 'EPROTO' ? 'tls'
    : code?.startsWith('Z_') ? 'encoding' // a corrupt gzip, deflate or brotli body
    : /redirect/i.test(message) ? 'redirect'
    : 'network';
  // undici calls a redirect back to an address already visited an invalid argument.
  if (kind === 'redirect' && /loop/i.test(message)) return new FetchError(kind, `redirect loop fetching ${url}: it redirects back to an address it came through`, { url }, { cause: err });
  const why = kind === 'private-address' ? message : code ? (CODE_WORDS[code] ? `${CODE_WORDS[code]} (${code})` : code) : message;
  return new FetchError(kind, `${kind} error fetching ${url}: ${why}`, { url }, { cause: err });
}

/** What the codes operators meet most say, in words, beside the code (which stays, for searching). */
const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens at that address and port',
  ECONNRESET: 'the server reset the connection',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'no such host name',
  EAI_AGAIN: 'the host name could not be resolved for now',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the response ended before the length it announced',
  UND_ERR_CONNECT_TIMEOUT: 'no connection within the connect timeout',
  UND_ERR_HEADERS_TIMEOUT: 'no answer within the timeout',
  UND_ERR_BODY_TIMEOUT: 'the body stopped coming within the timeout',
  Z_DATA_ERROR: 'the body is not the gzip, deflate or brotli its Content-Encoding names',
  Z_BUF_ERROR: 'the compressed body is cut short',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS there (an https address on a plain http port?)',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate chain is incomplete',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

function findCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

/** Classifies a response status; undefined for success. */
export function classifyStatus(status: number, url: string, retryAfterMs?: number): FetchError | undefined {
  if (status < 400) return undefined;
  const kind: FetchErrorKind =
    status === 429 || (status === 503 && retryAfterMs !== undefined) ? 'rate-limited'
    : status === 401 || status === 403 || status === 451 ? 'blocked'
    : status === 404 || status === 410 ? 'not-found'
    : status >= 500 ? 'server'
    : 'http';
  return new FetchError(kind, `HTTP ${status} from ${url}`, { url, status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}
