import { serveFixtures, type FixtureServer } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateUrl, isPublicAddress } from './addresses.js';
import { createHttpClient } from './client.js';
import { FetchError } from './fetch-error.js';

describe('public addresses', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not an address',
  ])('%s is not public', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '93.184.216.34', '41.248.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('tells a source on a private network from a public one', async () => {
    expect(await isPrivateUrl('http://127.0.0.1:8080/feed')).toBe(true);
    expect(await isPrivateUrl('http://[::1]/feed')).toBe(true);
    expect(await isPrivateUrl('http://localhost/feed')).toBe(true);
    expect(await isPrivateUrl('https://8.8.8.8/feed')).toBe(false);
    expect(await isPrivateUrl('not a url')).toBe(false);
  });
});

/**
 * 127.0.0.2 plays a public news site and 127.0.0.1 the private network Marsad runs on: the client is told
 * that only 127.0.0.2 is public, so everything else here is as in production.
 */
describe('a client for public sources', () => {
  let publicSite: FixtureServer;
  let internal: FixtureServer;
  const internalHits: string[] = [];
  const client = createHttpClient({ privateAddresses: 'refuse', isPublicAddress: (a) => a === '127.0.0.2', totalTimeoutMs: 3_000 });

  beforeAll(async () => {
    internal = await serveFixtures({
      '/secret': (req, res) => {
        internalHits.push(req.url ?? '');
        res.end('internal data');
      },
    });
    publicSite = await serveFixtures(
      {
        '/feed': { body: '<rss/>', headers: { 'content-type': 'application/rss+xml' } },
        '/to-internal': { status: 302, body: '', headers: { location: `${internal.origin}/secret` } },
        '/to-localhost': { status: 301, body: '', headers: { location: `http://localhost:${new URL(internal.origin).port}/secret` } },
        '/to-metadata': { status: 302, body: '', headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
      },
      '127.0.0.2',
    );
  });
  afterAll(async () => {
    await client.close();
    await publicSite.close();
    await internal.close();
  });

  const refusal = (url: string) => client.get(url).then(() => null, (err: unknown) => err);

  it('fetches from public addresses as usual', async () => {
    expect((await client.get(publicSite.url('/feed'))).text()).toBe('<rss/>');
  });

  it.each([
    ['a redirect to a private address', '/to-internal'],
    ['a redirect to a name that resolves to loopback', '/to-localhost'],
    ['a redirect to the cloud metadata address', '/to-metadata'],
  ])('refuses %s, before connecting, with a classified error', async (_what, path) => {
    const err = await refusal(publicSite.url(path));
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).kind).toBe('private-address');
    expect((err as FetchError).message).toMatch(/not a public address/);
    expect((err as FetchError).transient).toBe(false);
  });

  it('refuses an article link that points straight at a private address', async () => {
    const err = await refusal(`${internal.origin}/secret`);
    expect((err as FetchError).kind).toBe('private-address');
    expect(internalHits).toEqual([]); // nothing ever reached the internal server
  });
});
