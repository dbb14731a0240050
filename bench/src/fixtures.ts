import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rssFeed, serveFixtures, type FeedEntry, type FixtureServer } from '@marsad/testing';

const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** Paragraphs of real Arabic news (the reference articles), recombined into distinct 1-3 KB articles. */
function paragraphs(): string[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(`${SEEDS_DIR}${f}`, 'utf8').split('\n'))
    .map((p) => p.trim())
    .filter((p) => p.length > 80);
}

export interface BenchFeeds {
  server: FixtureServer;
  urls: string[];
  items: number;
}

/** `feeds` local RSS feeds of `perFeed` items each; `batch` makes every URL new for a later pass. */
export async function serveBenchFeeds(feeds: number, perFeed: number, batch = 0): Promise<BenchFeeds> {
  const pool = paragraphs();
  const routes: Record<string, { body: string; headers: Record<string, string> }> = {};
  for (let f = 0; f < feeds; f++) {
    const entries: FeedEntry[] = Array.from({ length: perFeed }, (_, i) => {
      const n = f * perFeed + i;
      const body = [0, 1, 2].map((k) => pool[(n * 3 + k) % pool.length]).join('\n');
      return {
        title: `${pool[n % pool.length]!.slice(0, 60)} ${n}`,
        link: `https://bench-${f}.example.ma/${batch}/article-${n}.html`,
        description: `<p>${body.replaceAll('\n', '</p><p>')}</p><p>رقم ${batch}-${n}</p>`,
        pubDate: new Date(Date.UTC(2024, 10, 1) + n * 60_000).toUTCString(),
      };
    });
    routes[`/feed-${f}.xml`] = { body: rssFeed(`bench ${f}`, `https://bench-${f}.example.ma`, entries), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } };
  }
  const server = await serveFixtures(routes);
  return { server, urls: Object.keys(routes).map((path) => server.url(path)), items: feeds * perFeed };
}
