import { Transform, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { Agent, buildConnector, interceptors, request, type Dispatcher } from 'undici';
import { addressesOf, isPublicAddress, PrivateAddressError, type AddressPolicy } from './addresses.js';
import { decodeBody } from './decode.js';
import { classifyNetworkError, classifyStatus, FetchError } from './fetch-error.js';

export interface HttpClientOptions {
  /** @defaultValue "Marsad/0.1 (+https://github.com/marsad; news monitoring)" */
  userAgent?: string;
  /** @defaultValue 10000 */
  connectTimeoutMs?: number;
  /** The whole request, headers and body. @defaultValue 30000 */
  totalTimeoutMs?: number;
  /** Larger bodies are cut off and reported as too-large. @defaultValue 10 MiB */
  maxBytes?: number;
  /** @defaultValue 5 */
  maxRedirections?: number;
  /**
   * 'refuse': connect only to public addresses (checked on every hop of a redirect, after DNS, and the
   * connection made to the address checked). For what public sources lead to. @defaultValue 'allow'
   */
  privateAddresses?: 'allow' | 'refuse';
  /** What counts as public (tests stand in a loopback address for a public one). @defaultValue isPublicAddress */
  isPublicAddress?: AddressPolicy;
}

export interface HttpResponse {
  /** The URL requested (redirects are followed transparently). */
  url: string;
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** The body decoded to text with its declared or detected charset. */
  text(): string;
}

export interface HttpClient {
  get(url: string, headers?: Record<string, string>): Promise<HttpResponse>;
  close(): Promise<void>;
}

export const DEFAULT_USER_AGENT = 'Marsad/0.1 (news monitoring; +https://github.com/marsad/marsad)';
const MiB = 1024 * 1024;

/** The one HTTP client every adapter uses: timeouts, size cap, redirect limit, compression. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const maxBytes = options.maxBytes ?? 10 * MiB;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const connectTimeout = options.connectTimeoutMs ?? 10_000;
  const maxRedirections = options.maxRedirections ?? 5;
  const connect = options.privateAddresses === 'refuse' ? publicOnlyConnector(connectTimeout, options.isPublicAddress ?? isPublicAddress) : undefined;
  const dispatcher: Dispatcher = new Agent({ connectTimeout, ...(connect ? { connect } : {}) }).compose(interceptors.redirect({ maxRedirections }));
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  return {
    async get(url, headers = {}) {
      const signal = AbortSignal.timeout(totalTimeoutMs);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          dispatcher,
          signal,
          headers: { 'user-agent': userAgent, 'accept-encoding': 'gzip, deflate, br', accept: '*/*', ...headers },
        });
      } catch (err) {
        throw classifyNetworkError(err, url);
      }
      const flatHeaders = flattenHeaders(response.headers);
      const failure =
        tooManyRedirects(response.statusCode, flatHeaders.location, url, maxRedirections) ??
        classifyStatus(response.statusCode, url, retryAfterMs(flatHeaders['retry-after']));
      if (failure) {
        response.body.resume();
        throw failure;
      }
      const body = await readLimited(decompressed(response.body, flatHeaders['content-encoding']), maxBytes, url, flatHeaders['content-length']);
      return {
        url,
        status: response.statusCode,
        headers: flatHeaders,
        body,
        text: () => decodeBody(body, flatHeaders['content-type']),
      };
    },
    close: () => dispatcher.close(),
  };
}

/**
 * undici hands back the last redirect itself once it has followed maxRedirections: its empty body
 * would otherwise reach the parser as a feed.
 */
function tooManyRedirects(status: number, location: string | undefined, url: string, maxRedirections: number): FetchError | undefined {
  if (!REDIRECT_STATUSES.has(status) || location === undefined) return undefined;
  return new FetchError('redirect', `too many redirects fetching ${url}: still redirected (to ${location}) after ${maxRedirections}`, { url, status });
}
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Resolves the host itself, refuses any address that is not public, and connects to the address it checked. */
function publicOnlyConnector(timeout: number, isPublic: AddressPolicy): buildConnector.connector {
  const connect = buildConnector({ timeout });
  return (options, callback) => {
    addressesOf(options.hostname)
      .then((addresses) => {
        const refused = addresses.find((address) => !isPublic(address));
        if (refused || addresses.length === 0) throw new PrivateAddressError(options.hostname, refused ?? 'nothing');
        // the TLS server name still comes from options.host, the name requested
        connect({ ...options, hostname: addresses[0]! }, callback);
      })
      .catch((err: Error) => callback(err, null));
  };
}

/** The body as sent before compression; the size limit then applies to what we really parse. */
function decompressed(body: Readable, encoding: string | undefined): Readable {
  const coding = encoding?.trim().toLowerCase();
  const decoder = coding === 'gzip' || coding === 'x-gzip' ? sniffing(gzipOrPlain) : coding === 'deflate' ? sniffing(zlibOrRaw) : coding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) return body;
  body.on('error', (err) => decoder.destroy(err));
  decoder.on('close', () => body.destroy()); // stop reading the socket when we stop decoding
  return body.pipe(decoder);
}

/**
 * "gzip" over a body that does not start as gzip does (1f 8b) is a server's wrong label on plain
 * bytes (a proxy that compressed nothing): read as they are. One that starts so and breaks is corrupt.
 */
const gzipOrPlain = (head: Buffer) => (head[0] === 0x1f && head[1] === 0x8b ? createGunzip() : undefined);

/**
 * "deflate" is zlib-wrapped by the spec, raw by many servers (old IIS, some PHP): browsers read both,
 * telling them by the zlib header (compression method 8, header checksum a multiple of 31).
 */
const zlibOrRaw = (head: Buffer) => ((head[0]! & 0x0f) === 8 && ((head[0]! << 8) | head[1]!) % 31 === 0 ? createInflate() : createInflateRaw());

/** A decoder chosen by the body's first two bytes (undefined: the bytes as they are). */
function sniffing(choose: (head: Buffer) => Transform | undefined): Transform {
  let head = Buffer.alloc(0);
  let inner: Transform | null | undefined;
  const outer: Transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (inner === undefined) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 2) return done();
        chunk = head;
        inner = choose(head) ?? null;
        inner?.on('data', (data: Buffer) => outer.push(data)).on('error', (err) => outer.destroy(err));
      }
      if (inner === null) return done(null, chunk);
      inner.write(chunk, (err) => done(err));
    },
    flush(done) {
      // Under two bytes in all is no compressed stream: the bytes as they are.
      if (inner === undefined) return done(null, head.length > 0 ? head : undefined);
      if (inner === null) return done();
      inner.once('end', () => done()).end();
    },
  });
  outer.on('close', () => inner?.destroy());
  return outer;
}

async function readLimited(body: Readable, maxBytes: number, url: string, length?: string): Promise<Buffer> {
  if (length !== undefined && Number(length) > maxBytes) {
    body.destroy();
    throw new FetchError('too-large', `body of ${url} is ${length} bytes, over the limit of ${maxBytes}`, { url });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        body.destroy();
        throw new FetchError('too-large', `body of ${url} exceeds the limit of ${maxBytes} bytes`, { url });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw classifyNetworkError(err, url);
  }
  return Buffer.concat(chunks, total);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
