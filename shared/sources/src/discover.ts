import { SourceSchema } from '@marsad/config';
import type { FetchContext, FetchedItem } from './adapter.js';
import type { HttpClient } from './http/client.js';
import { sitemapsIn } from './http/robots.js';
import { absoluteUrl, announcedFeeds } from './pages.js';
import { fetchWithAdapter, getAdapter } from './registry.js';

/** A source a site offers, tried through its adapter. */
export interface DiscoveredSource {
  adapter: 'rss' | 'wordpress' | 'sitemap';
  url: string;
  /** Items one poll gave (a sitemap's newest SITEMAP_TRIAL entries at most). */
  items: number;
  /** How many of them are in Arabic, when the caller can tell (a site's feeds in three languages look alike). */
  arabic: number | null;
  /** The newest item's publication time, when the source dates its items. */
  newest: string | null;
  /** Why it was tried: announced by the page, a usual address, robots.txt… */
  foundBy: string;
}

/** Where sites usually serve their feed when their pages do not announce it. */
const USUAL_FEEDS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feeds/posts/default'];
/** A feed of readers' comments, not of articles. */
const COMMENTS_FEED = /\/comments?\/(feed|default)|\/feeds\/comments\//i;
/** Where news sitemaps usually are, besides those robots.txt names. */
const USUAL_SITEMAPS = ['/sitemap-news.xml', '/news-sitemap.xml', '/sitemap_news.xml'];
/** Entries of a sitemap read to try it (their pages are not fetched). */
const SITEMAP_TRIAL = 30;

/**
 * The sources a site offers, each tried once through its adapter: the feeds its home page announces
 * (or the address given, when it is a feed), the usual feed addresses, its WordPress REST API, and
 * the news sitemaps its robots.txt names or that sit at the usual addresses. Those that give items,
 * most items first; an address that fails or gives nothing is left out. Listing pages (the html
 * adapter) need selectors a person writes, so they are not guessed.
 */
export async function discoverSources(
  siteUrl: string,
  { http, log }: Pick<FetchContext, 'http' | 'log'>,
  /** Whether an item is in Arabic (text analysis is not this package's): counts them in each source found. */
  isArabic?: (item: FetchedItem) => boolean,
): Promise<DiscoveredSource[]> {
  const found: DiscoveredSource[] = [];
  const seenItems = new Set<string>();
  for (const { adapter, url, foundBy } of await candidatesOf(new URL(siteUrl), http)) {
    const tried = await tryAdapter(adapter, url, { http, log });
    if (!tried || tried.length === 0) continue;
    // /feed and /rss are often one feed under two names: the first address that gave these items stands.
    const signature = `${adapter} ${tried.map((item) => item.url).sort().join(' ')}`;
    if (seenItems.has(signature)) continue;
    seenItems.add(signature);
    const dates = tried.map((item) => item.publishedAt).filter((date): date is string => date !== null).sort();
    found.push({ adapter, url, items: tried.length, arabic: isArabic ? tried.filter(isArabic).length : null, newest: dates.at(-1) ?? null, foundBy });
  }
  return found.sort((a, b) => b.items - a.items);
}

type Candidate = Pick<DiscoveredSource, 'adapter' | 'url' | 'foundBy'>;

/** The addresses worth trying, each once, in the order of how likely they are the site's own choice. */
async function candidatesOf(site: URL, http: HttpClient): Promise<Candidate[]> {
  const candidates = new Map<string, Candidate>();
  const add = (adapter: Candidate['adapter'], url: string, foundBy: string) => {
    if (!candidates.has(`${adapter} ${url}`)) candidates.set(`${adapter} ${url}`, { adapter, url, foundBy });
  };
  const { origin } = site;
  const home = await http.get(site.toString(), { accept: 'text/html,application/xhtml+xml,application/rss+xml;q=0.9,*/*;q=0.8' }).catch(() => undefined);
  const page = home?.text() ?? '';
  if (home && /^\s*(<\?xml|<rss|<feed|<rdf:RDF|\{)/i.test(page.replace(/^\uFEFF/, ''))) add('rss', site.toString(), 'the address given');
  // Not the comments feed WordPress and Blogger pages announce beside the posts' (/comments/feed/, /feeds/comments/default).
  if (home) for (const feed of announcedFeeds(page, home.url).filter((url) => !COMMENTS_FEED.test(url))) add('rss', feed, 'announced by the page');
  for (const path of USUAL_FEEDS) add('rss', `${origin}${path}`, 'a usual feed address');
  if (await isWordPress(http, origin)) add('wordpress', origin, 'its WordPress REST API');
  for (const sitemap of await robotsSitemaps(http, origin)) add('sitemap', sitemap, 'named by robots.txt');
  for (const path of USUAL_SITEMAPS) add('sitemap', `${origin}${path}`, 'a usual news sitemap address');
  return [...candidates.values()];
}

/**
 * One poll through the adapter, with its defaults; undefined when the address is no such source.
 * Every item counts as stored already, so that no article page is read: the listing's items are enough.
 */
async function tryAdapter(adapter: DiscoveredSource['adapter'], url: string, { http, log }: Pick<FetchContext, 'http' | 'log'>) {
  const options = adapter === 'sitemap' ? { maxItems: SITEMAP_TRIAL, maxSitemaps: 1 } : {};
  const source = SourceSchema.parse({ id: 'discover', adapter, url, ...options });
  try {
    return await fetchWithAdapter(getAdapter(adapter)!, source, { http, log, filterNew: async () => [] });
  } catch (err) {
    log.debug({ adapter, url, err: (err as Error).message }, 'not a source');
    return undefined;
  }
}

/** Whether the site answers WordPress's REST API index (its namespaces include wp/v2). */
async function isWordPress(http: HttpClient, origin: string): Promise<boolean> {
  try {
    const index = JSON.parse((await http.get(`${origin}/wp-json/`, { accept: 'application/json' })).text()) as { namespaces?: unknown };
    return Array.isArray(index.namespaces) && index.namespaces.includes('wp/v2');
  } catch {
    return false;
  }
}

/** The sitemaps robots.txt names, news sitemaps first. */
async function robotsSitemaps(http: HttpClient, origin: string): Promise<string[]> {
  try {
    const robotsUrl = `${origin}/robots.txt`;
    const named = sitemapsIn(robotsUrl, (await http.get(robotsUrl, { accept: 'text/plain' })).text())
      .map((url) => absoluteUrl(url, origin))
      .filter((url): url is string => url !== null);
    return [...named.filter((url) => /news/i.test(url)), ...named.filter((url) => !/news/i.test(url))];
  } catch {
    return [];
  }
}
