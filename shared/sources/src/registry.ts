import { explainConfigSlips, SourceSchema, type SourceConfig, type SourceOptionsCheck } from '@marsad/config';
import type { Adapter, FetchContext, FetchedItem } from './adapter.js';
import { html } from './adapters/html.js';
import { rss } from './adapters/rss.js';
import { sitemap } from './adapters/sitemap.js';
import { wordpress } from './adapters/wordpress.js';

/** Every adapter Marsad ships, by the name sources use in `adapter:`. */
export const ADAPTERS: Record<string, Adapter> = { rss, html, sitemap, wordpress };

/** Each adapter by its name and its aliases, in lower case. */
const BY_NAME = new Map(Object.values(ADAPTERS).flatMap((adapter) => [adapter.meta.name, ...(adapter.meta.aliases ?? [])].map((name) => [name.toLowerCase(), adapter] as const)));

/** Keys every source has (config's SourceSchema); the rest of an entry belongs to its adapter. */
const COMMON_KEYS = new Set(Object.keys(SourceSchema.shape));

/** The adapter a source names, by its name or an alias, in any case (`RSS`, `atom`). */
export function getAdapter(name: string): Adapter | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** A source entry's adapter-specific keys: everything but the keys every source has. */
function ownOptions(source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([key]) => !COMMON_KEYS.has(key)));
}

/**
 * For config loading: validates each source's adapter-specific keys with that adapter's schema, by
 * the adapter's name and each alias (config reads `adapter:` in lower case).
 */
export function adapterOptionChecks(): Record<string, SourceOptionsCheck> {
  return Object.fromEntries(
    [...BY_NAME].map(([name, adapter]) => [
      name,
      (entry: Readonly<Record<string, unknown>>) => {
        const parsed = adapter.optionsSchema.safeParse(ownOptions(entry), { error: explainConfigSlips(COMMON_KEYS) });
        return parsed.success ? [] : parsed.error.issues;
      },
    ]),
  );
}

/** Runs the source's adapter with its parsed options (the config was validated at start-up). */
export function fetchWithAdapter(adapter: Adapter, source: SourceConfig, ctx: FetchContext): Promise<FetchedItem[]> {
  return adapter.fetch(source, adapter.optionsSchema.parse(ownOptions(source)), ctx);
}
