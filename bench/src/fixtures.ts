import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rssFeed, seededRandom, serveFixtures, type FeedEntry, type FixtureServer } from '@marsad/testing';

const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** One in this many items republishes an earlier article of the batch (agency copy), as news feeds do. */
export const COPY_EVERY = 5;

/** Real Arabic news text: the reference articles' sentences and their words in running order. */
function corpus(): { sentences: string[]; words: string[] } {
  const text = readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(`${SEEDS_DIR}${f}`, 'utf8'))
    .join('\n');
  const sentences = text.split(/(?<=[.!؟])\s+|\n+/).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 8);
  return { sentences, words: text.split(/\s+/).filter(Boolean) };
}


/** Whether the n-th item of a batch republishes an earlier one. */
const isPlantedCopy = (n: number) => n > 0 && n % COPY_EVERY === 0;

/** Whether a bench article's URL is one of the planted copies. */
export const isPlantedCopyUrl = (url: string) => isPlantedCopy(Number(/article-(\d+)\.html$/.exec(url)?.[1] ?? 0));

/**
 * A distinct 1-3 KB article: sentences of Arabic news words drawn with their corpus frequencies (so
 * no two articles share more than common words), and in one article of three a real sentence of the
 * corpus, which is how tags and shared phrases occur in real news.
 */
function article(next: () => number, { sentences, words }: ReturnType<typeof corpus>): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const count = 3 + Math.floor(next() * 6);
  const lines = Array.from({ length: count }, () => `${Array.from({ length: 12 + Math.floor(next() * 14) }, () => pick(words)).join(' ')}.`);
  if (next() < 1 / 3) lines[Math.floor(next() * count)] = pick(sentences);
  return lines.join('\n');
}

/** New distinct articles, one per call, for feeds that keep publishing (see article). */
export function articleWriter(seed: number): () => string {
  const text = corpus();
  const next = seededRandom(seed);
  return () => article(next, text);
}

export interface BenchFeeds {
  server: FixtureServer;
  urls: string[];
  items: number;
  /** An article of median length, for a baseline whose jobs carry what the pipeline's carry. */
  typicalText: string;
}

/**
 * `feeds` local RSS feeds of `perFeed` items each; `batch` makes every article and URL new for a
 * later pass. Every COPY_EVERY-th item copies an earlier item of the batch under its own title.
 */
export async function serveBenchFeeds(feeds: number, perFeed: number, batch = 0): Promise<BenchFeeds> {
  const text = corpus();
  const next = seededRandom(batch + 1);
  const bodies: string[] = [];
  const routes: Record<string, { body: string; headers: Record<string, string> }> = {};
  for (let f = 0; f < feeds; f++) {
    const entries: FeedEntry[] = Array.from({ length: perFeed }, (_, i) => {
      const n = f * perFeed + i;
      const body = isPlantedCopy(n) ? bodies[Math.floor(next() * bodies.length)]! : article(next, text);
      bodies.push(body);
      return {
        title: `${body.slice(0, 60)} ${n}`,
        link: `https://bench-${f}.example.ma/${batch}/article-${n}.html`,
        description: `<p>${body.replaceAll('\n', '</p><p>')}</p>`,
        pubDate: new Date(Date.UTC(2024, 10, 1) + n * 60_000).toUTCString(),
      };
    });
    routes[`/feed-${f}.xml`] = { body: rssFeed(`bench ${f}`, `https://bench-${f}.example.ma`, entries), headers: { 'content-type': 'application/rss+xml; charset=utf-8' } };
  }
  const server = await serveFixtures(routes);
  const typicalText = [...bodies].sort((a, b) => a.length - b.length)[Math.floor(bodies.length / 2)]!;
  return { server, urls: Object.keys(routes).map((path) => server.url(path)), items: feeds * perFeed, typicalText };
}
