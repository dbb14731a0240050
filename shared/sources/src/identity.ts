import { createHash } from 'node:crypto';

/**
 * Query parameters that only track the reader, or hold a server session: the same article with or
 * without them is one article (a feed that puts a new session id in every link would otherwise store
 * its every item again at each poll). Not `sid`, which old news CMSes use for the story's id, nor a
 * bare `ref`, which some use for the article's: two articles folded into one would lose one.
 */
const TRACKING_PARAMETER = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|yclid|ocid|cmpid|xtor|at_\w+|ref_src|ref_url|__twitter_impression|fb_action_ids|fb_action_types|fb_source|phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken)$/i;
/** A session id written into the path (Java servers' `;jsessionid=…`). */
const PATH_SESSION = /;jsessionid=[^/?#]*/i;
const AMP_PARAMETER = /^(amp|outputtype)$/i;
/**
 * Fragments that name no article, only a place in one (its comments, its "read more" mark) or the
 * reader's trail (AT Internet's `#xtor=`, Tynt's `#ixzz`, a text fragment): the article with or
 * without them is one article. Any other fragment stays: a live blog's or a listing page's entries
 * can differ by it alone, and dropping it would drop all of them but one.
 */
const PLACE_FRAGMENT = /^#(?:!?\/?$|comments?(?:-\d+)?$|respond$|reply$|more(?:-\d+)?$|read-?more$|disqus_thread$|top$|main(?:-content)?$|content$|article$|post-\d+$|(?:xtor|at_\w+|utm_\w+)=|ixzz|:~:)/i;

/**
 * One spelling per article: https, lowercase host without `www.`, `m.` or `amp.`, percent escapes in
 * capitals, no tracking parameters, no AMP suffix, sorted query, no fragment that names only a place
 * in the page (PLACE_FRAGMENT). Two feeds linking the same article give the same URL.
 */
export function canonicalUrl(raw: string, base?: string): string {
  const url = new URL(raw.trim(), base);
  // An empty fragment (a bare `#`) reads as '' and still prints its `#` unless cleared.
  if (url.hash === '' || PLACE_FRAGMENT.test(url.hash)) url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/^(www|m|mobile|amp)\./, '');
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  // A site moving to https, or linked both ways, serves one article at both.
  if (url.protocol === 'http:') url.protocol = 'https:';
  url.pathname = url.pathname.replace(PATH_SESSION, '').replace(/\/amp\/?$/, '/').replace(/\.amp(\.html?)?$/, '$1').replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase()) || '/';
  const kept = [...url.searchParams.entries()].filter(([key]) => !TRACKING_PARAMETER.test(key) && !AMP_PARAMETER.test(key));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  return url.toString();
}

const ABSOLUTE_HTTP = /^https?:\/\/[^\s/?#]/i;

/**
 * The link people follow and compare with the source: as the source wrote it when it is an absolute
 * http(s) address (an Arabic slug stays readable, a `www.` the site needs stays), else resolved
 * against its base. Identity is the canonical form's business, not this one's.
 */
export function publishedLink(raw: string, base?: string): string {
  const trimmed = raw.trim();
  const resolved = new URL(trimmed, base);
  return ABSOLUTE_HTTP.test(trimmed) && !/\s/.test(trimmed) ? trimmed : resolved.toString();
}

/**
 * A site's front page (`/`, `/index.php`), which addresses no article: some CMSes give it as every feed
 * entry's link (read as their address, it made them all one item, each later one dropped as a repeat,
 * and gave them the front page's text), and a general sitemap lists it beside its articles.
 */
export function isFrontPage(link: string): boolean {
  const { pathname, search, hash } = new URL(link);
  return /^\/?(?:index\.\w+)?$/i.test(pathname) && search === '' && hash === '';
}

/**
 * The first segment of a CMS's listing pages' addresses (WordPress's /category/, /tag/, /author/,
 * French and Arabic sites' own), after an optional language segment.
 */
const LISTING_SEGMENT = /^(?:category|categories|categorie|tag|tags|author|authors|auteur|rubrique|mot-cle|تصنيف|وسم|الوسوم)$/i;
/** A listing's further pages (/page/2), its feed, and Drupal's taxonomy terms (/taxonomy/term/12). */
const LISTING_END = /\/(?:page\/\d+|feed|taxonomy\/term\/\d+)\/?$/i;
/** A date archive: the path is a year, a month or a day and nothing more (/2026/12/); not /5678, an article's number. */
const DATE_ARCHIVE = /^\/(?:19|20)\d{2}(?:\/\d{1,2}){0,2}\/?$/;

/**
 * A CMS's page listing articles rather than one (a category, a tag, an author, a date, a listing's
 * second page): a general sitemap lists them beside its articles, and read as articles they became
 * items holding a list of headlines.
 */
export function isListingPage(link: string): boolean {
  const { pathname } = new URL(link);
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  const segments = path.split('/').filter(Boolean);
  const at = /^[a-z]{2}$/i.test(segments[0] ?? '') ? 1 : 0;
  // /category/<slug>/ or a nested /category/<parent>/<child>/; under it, a page file or a slug with a
  // number (an article's id) is an article.
  const rest = segments.slice(at + 1);
  const underListing = LISTING_SEGMENT.test(segments[at] ?? '') && rest.length <= 2 && !/\.\w{2,5}$/.test(path) && (rest.length < 2 || !/\d/.test(rest[1]!));
  return underListing || LISTING_END.test(path) || DATE_ARCHIVE.test(path);
}

/** An item's id: a digest of its canonical URL, short enough to read, long enough never to collide. */
export function itemIdFor(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 24);
}
