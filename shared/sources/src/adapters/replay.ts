import { gunzipSync, gzipSync } from 'node:zlib';
import { SourceSchema, type SourceConfig } from '@marsad/config';
import { serveFixtures, type FixtureResponse, type FixtureServer } from '@marsad/testing';
import { readRecording, rewriteOrigins, type Recording } from '../recording.js';

export interface Replay {
  /** The recorded source, its url pointing at the local server. */
  source: SourceConfig;
  /** Requests no recorded response answered. */
  unexpected(): string[];
  close(): Promise<void>;
}

/**
 * Serves a recording on 127.0.0.1, one local server per recorded origin, with every link in the
 * bodies rewritten to the local servers, so an adapter reads it exactly as it read the live site.
 */
export async function replayRecording(recording: Recording | URL): Promise<Replay> {
  const { source, responses } = recording instanceof URL ? readRecording(recording) : recording;
  const origins = [...new Set([source.url, ...responses.map((r) => r.url)].map((url) => new URL(url).origin))];
  const servers = new Map<string, { server: FixtureServer; routes: Record<string, FixtureResponse> }>();
  for (const origin of origins) {
    const routes: Record<string, FixtureResponse> = {};
    servers.set(origin, { server: await serveFixtures(routes), routes });
  }
  const local = new Map(origins.map((origin) => [origin, servers.get(origin)!.server.origin]));
  for (const response of responses) {
    const url = new URL(response.url);
    let body: Buffer = Buffer.from(response.body, response.encoding);
    const gzipped = body[0] === 0x1f && body[1] === 0x8b;
    body = gzipped ? gzipSync(rewriteOrigins(gunzipSync(body), local)) : rewriteOrigins(body, local);
    servers.get(url.origin)!.routes[url.pathname + url.search] = { status: response.status, headers: response.headers, body };
  }
  const sourceUrl = new URL(source.url);
  return {
    source: SourceSchema.parse({ ...source, url: `${local.get(sourceUrl.origin)}${sourceUrl.pathname}${sourceUrl.search}` }),
    unexpected: () => [...servers.values()].flatMap(({ server }) => server.unexpected),
    close: async () => {
      await Promise.all([...servers.values()].map(({ server }) => server.close()));
    },
  };
}
