import { createRequire } from 'node:module';
import type { HttpClient } from './client.js';
import { FetchError } from './fetch-error.js';

interface Robots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
  getSitemaps(): string[];
}
// robots-parser is CommonJS whose typings declare an ES default export it does not have.
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => Robots;

/** The sitemaps a robots.txt names (its `Sitemap:` lines), as robots-parser reads them. */
export function sitemapsIn(robotsUrl: string, robotsTxt: string): string[] {
  return robotsParser(robotsUrl, robotsTxt).getSitemaps();
}

/**
 * robots.txt of each origin, read once an hour per process. A site without one (4xx) or whose
 * robots.txt cannot be read allows everything: an unreachable robots.txt must not silence a source
 * whose feed answers.
 */
export class RobotsRules {
  /** Per origin, the (pending or settled) read of its robots.txt: concurrent polls of one site read it once. */
  private readonly cache = new Map<string, { robots: Promise<Robots | undefined>; until: number }>();

  constructor(
    private readonly userAgent: string,
    private readonly ttlMs = 3_600_000,
    private readonly now = () => Date.now(),
  ) {}

  /** Throws a `blocked` FetchError when the origin's robots.txt disallows `url` for Marsad. */
  async check(url: string, http: HttpClient): Promise<void> {
    const robots = await this.rulesFor(new URL(url).origin, http);
    if (robots?.isAllowed(url, this.userAgent) === false) {
      throw new FetchError('blocked', `robots.txt of ${new URL(url).origin} disallows ${url} (set robots: false on the source to override)`, { url });
    }
  }

  private async rulesFor(origin: string, http: HttpClient): Promise<Robots | undefined> {
    const cached = this.cache.get(origin);
    if (cached && cached.until > this.now()) return cached.robots;
    const robotsUrl = `${origin}/robots.txt`;
    const robots = http.get(robotsUrl, { accept: 'text/plain' }).then(
      (response) => robotsParser(robotsUrl, response.text()),
      () => undefined,
    );
    this.cache.set(origin, { robots, until: this.now() + this.ttlMs });
    return robots;
  }
}
