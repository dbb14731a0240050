import { explainUnknownKeys, SourceSchema, type SourceConfig, type SourceOptionsCheck } from '@marsad/config';
import type { Adapter, FetchContext, FetchedItem } from './adapter.js';
import { html } from './adapters/html.js';
import { rss } from './adapters/rss.js';
import { sitemap } from './adapters/sitemap.js';
import { wordpress } from './adapters/wordpress.js';

/** Every adapter Marsad ships, by the name sources use in `adapter:`. */
export const ADAPTERS: Record<string, Adapter> = { rss, html, sitemap, wordpress };

/** Keys every source has (config's SourceSchema); the rest of an entry belongs to its adapter. */
const COMMON_KEYS = new Set(Object.keys(SourceSchema.shape));

export function getAdapter(name: string): Adapter | undefined {
  return ADAPTERS[name];
}

/** A source entry's adapter-specific keys: everything but the keys every source has. */
function ownOptions(source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([key]) => !COMMON_KEYS.has(key)));
}

/** For config loading: validates each source's adapter-specific keys with that adapter's schema. */
export function adapterOptionChecks(): Record<string, SourceOptionsCheck> {
  return Object.fromEntries(
    Object.entries(ADAPTERS).map(([name, adapter]) => [
      name,
      (entry: Readonly<Record<string, unknown>>) => {
        const parsed = adapter.optionsSchema.safeParse(ownOptions(entry), { error: explainUnknownKeys(COMMON_KEYS) });
        return parsed.success ? [] : parsed.error.issues;
      },
    ]),
  );
}

/** Runs the source's adapter with its parsed options (the config was validated at start-up). */
export function fetchWithAdapter(adapter: Adapter, source: SourceConfig, ctx: FetchContext): Promise<FetchedItem[]> {
  return adapter.fetch(source, adapter.optionsSchema.parse(ownOptions(source)), ctx);
}
