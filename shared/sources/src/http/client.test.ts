import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, retryAfterMs } from './client.js';
import { FetchError, type FetchErrorKind } from './fetch-error.js';

const KiB = 1024;
let server: FixtureServer;
const http = createHttpClient({ totalTimeoutMs: 1_500, maxBytes: 64 * KiB, maxRedirections: 3 });

beforeAll(async () => {
  server = await serveFixtures({
    '/ok': { body: 'مرحبا', headers: { 'content-type': 'text/plain; charset=utf-8' } },
    '/gzip': { body: gzipSync(Buffer.from('<rss>مضغوط</rss>')), headers: { 'content-encoding': 'gzip', 'content-type': 'application/xml' } },
    '/corrupt-gzip': { body: Buffer.concat([gzipSync(Buffer.from('<rss>مضغوط</rss>')).subarray(0, 12), Buffer.from('not gzip after all')]), headers: { 'content-encoding': 'gzip' } },
    '/plain-as-gzip': { body: '<rss>غير مضغوط</rss>', headers: { 'content-encoding': 'gzip', 'content-type': 'application/xml; charset=utf-8' } },
    '/deflate': { body: deflateSync(Buffer.from('<rss>مضغوط</rss>')), headers: { 'content-encoding': 'deflate', 'content-type': 'application/xml' } },
    '/raw-deflate': { body: deflateRawSync(Buffer.from('<rss>مضغوط</rss>')), headers: { 'content-encoding': 'deflate', 'content-type': 'application/xml' } },
    '/one-byte-gzip': { body: 'x', headers: { 'content-encoding': 'gzip' } },
    '/gone': { status: 404, body: 'nope' },
    '/forbidden': { status: 403, body: 'no' },
    '/broken': { status: 500, body: 'oops' },
    '/teapot': { status: 418, body: 'tea' },
    '/busy': { status: 429, body: 'slow down', headers: { 'retry-after': '120' } },
    '/loop-a': { status: 302, body: '', headers: { location: '/loop-b' } },
    '/loop-b': { status: 302, body: '', headers: { location: '/loop-a' } },
    '/moved': { status: 301, body: '', headers: { location: '/ok' } },
    '/hop-1': { status: 302, body: '', headers: { location: '/hop-2' } },
    '/hop-2': { status: 302, body: '', headers: { location: '/hop-3' } },
    '/hop-3': { status: 307, body: '', headers: { location: '/hop-4' } },
    '/hop-4': { status: 302, body: '', headers: { location: '/hop-5' } },
    '/hop-5': { status: 302, body: '', headers: { location: '/ok' } },
    '/declared-huge': (_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
      res.write('x'.repeat(1024)); // then nothing more: the client must not wait for the rest
    },
    '/endless': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(16 * KiB);
      const timer = setInterval(() => {
        if (!res.write(chunk)) return;
      }, 1);
      res.on('close', () => clearInterval(timer));
    },
    '/cut-short': (_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(100), () => res.socket?.end()); // the connection ends with 900 bytes owed
    },
    '/gzip-bomb': { body: gzipSync(Buffer.alloc(10 * 1024 * 1024)), headers: { 'content-encoding': 'gzip' } },
    '/silent': () => {
      // never answers
    },
  });
});

afterAll(async () => {
  await http.close();
  await server.close();
});

async function failureOf(path: string): Promise<FetchError> {
  const err = await http.get(server.url(path)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('http client', () => {
  it('returns the body and decodes it with its charset', async () => {
    const response = await http.get(server.url('/ok'));
    expect(response.status).toBe(200);
    expect(response.text()).toBe('مرحبا');
  });

  it('sends a clear user agent and asks for compression', async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    const probe = await serveFixtures({ '/h': (req, res) => ((seen = req.headers), res.end('ok')) });
    await http.get(probe.url('/h'));
    await probe.close();
    expect(seen['user-agent']).toMatch(/^Marsad\//);
    expect(seen['accept-encoding']).toContain('gzip');
  });

  it('decompresses gzip bodies', async () => {
    expect((await http.get(server.url('/gzip'))).text()).toBe('<rss>مضغوط</rss>');
  });

  it('reads "deflate" zlib-wrapped as the spec says and raw as many servers send it, as browsers do', async () => {
    expect((await http.get(server.url('/deflate'))).text()).toBe('<rss>مضغوط</rss>');
    expect((await http.get(server.url('/raw-deflate'))).text()).toBe('<rss>مضغوط</rss>');
  });

  it('reads plain bytes that a server labels gzip as they are; gzip that breaks off is an error', async () => {
    expect((await http.get(server.url('/plain-as-gzip'))).text()).toBe('<rss>غير مضغوط</rss>');
    expect((await http.get(server.url('/one-byte-gzip'))).text()).toBe('x');
    expect((await failureOf('/corrupt-gzip')).kind).toBe('encoding');
  });

  it('follows a redirect', async () => {
    expect((await http.get(server.url('/moved'))).text()).toBe('مرحبا');
  });

  it.each<[string, FetchErrorKind]>([
    ['/gone', 'not-found'],
    ['/forbidden', 'blocked'],
    ['/broken', 'server'],
    ['/teapot', 'http'],
    ['/busy', 'rate-limited'],
    ['/loop-a', 'redirect'],
    ['/declared-huge', 'too-large'],
    ['/endless', 'too-large'],
    ['/gzip-bomb', 'too-large'],
    ['/corrupt-gzip', 'encoding'],
    ['/silent', 'timeout'],
  ])('classifies %s as %s', async (path, kind) => {
    const err = await failureOf(path);
    expect(err.kind).toBe(kind);
    expect(err.message).toContain('127.0.0.1');
  });

  it('says a redirect loop is one', async () => {
    expect((await failureOf('/loop-a')).message).toBe(`redirect loop fetching ${server.url('/loop-a')}: it redirects back to an address it came through`);
  });

  it('fails a chain of redirects longer than its limit, rather than reading the last redirect as the page', async () => {
    const err = await failureOf('/hop-1');
    expect(err.kind).toBe('redirect');
    expect(err.message).toBe(`too many redirects fetching ${server.url('/hop-1')}: still redirected (to /hop-5) after 3`);
    // Within the limit, the same chain is followed to its page.
    const patient = createHttpClient({ maxRedirections: 5 });
    expect((await patient.get(server.url('/hop-1'))).text()).toBe('مرحبا');
    await patient.close();
  });

  it('carries Retry-After of a 429', async () => {
    expect((await failureOf('/busy')).details).toMatchObject({ status: 429, retryAfterMs: 120_000 });
  });

  it('classifies a refused connection as a network error, saying so in words', async () => {
    const err = (await http.get('http://127.0.0.1:1/feed').catch((e: unknown) => e)) as FetchError;
    expect(err).toBeInstanceOf(FetchError);
    expect(err.kind).toBe('network');
    expect(err.transient).toBe(true);
    expect(err.message).toBe('network error fetching http://127.0.0.1:1/feed: connection refused: nothing listens at that address and port (ECONNREFUSED)');
  });

  it('says a connection closed mid-body, and an https address on a plain http port, for what they are', async () => {
    const cut = await failureOf('/cut-short');
    expect([cut.kind, cut.message]).toEqual(['network', `network error fetching ${server.url('/cut-short')}: the server closed the connection (UND_ERR_SOCKET)`]);
    const plain = server.url('/ok').replace('http:', 'https:');
    const tls = (await http.get(plain).catch((e: unknown) => e)) as FetchError;
    expect([tls.kind, tls.message]).toEqual(['tls', `tls error fetching ${plain}: the server does not speak TLS there (an https address on a plain http port?) (ERR_SSL_WRONG_VERSION_NUMBER)`]);
    expect((await failureOf('/corrupt-gzip')).message).toMatch(/: the body is not the gzip, deflate or brotli its Content-Encoding names \(Z_DATA_ERROR\)$/);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['seconds', '30', 30_000],
    ['an HTTP date', 'Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['garbage', 'soon', undefined],
    ['nothing', undefined, undefined],
  ])('reads %s', (_name, value, expected) => {
    expect(retryAfterMs(value, Date.parse('2026-01-01T00:00:00Z'))).toBe(expected);
  });
});
