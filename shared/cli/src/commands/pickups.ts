import { readReferenceArticles, referenceTitle, resolveSeedsDir } from '@marsad/config';
import { pickupOf, storiesOf } from '@marsad/service-alerter';
import { openStore } from '@marsad/store';
import { describeKept, keptOf } from '../kept.js';
import { readConfig } from '../runtime.js';
import { UsageError } from '../usage-error.js';

/**
 * `marsad pickups [--reference ID] [--json]`: for each reference article, every copy found — outlet,
 * when (and how long after the first sighting), how faithfully (similarity; the reference's words it
 * kept and the words it wrote, as the dashboard's comparison page counts them).
 */
export async function pickupsCommand(options: { config?: string; reference?: string; json?: boolean }): Promise<number> {
  const config = readConfig(options.config);
  const articles = readReferenceArticles(resolveSeedsDir(config.env.MARSAD_SEEDS_DIR));
  const references = articles.map((r) => r.id);
  const titles = new Map(articles.map((r) => [r.id, referenceTitle(r.text)]));
  const referenceTexts = new Map(articles.map((r) => [r.id, r.text]));
  if (options.reference && !references.includes(options.reference)) {
    throw new UsageError(`no reference article "${options.reference}" (references: ${references.join(', ')})`);
  }
  const store = await openStore({ databaseUrl: config.env.DATABASE_URL, dataDir: config.env.MARSAD_DATA_DIR });
  try {
    for (const reference of options.reference ? [options.reference] : references) {
      const copies = await store.listItems({ duplicatesOf: reference, limit: 100_000 });
      const [story] = storiesOf(copies);
      if (!story) {
        if (!options.json) process.stdout.write(`${reference} «${titles.get(reference)}»: no pickup yet\n`);
        continue;
      }
      // The reference itself is never an item: its first sighting is its earliest copy, which is a pickup too.
      const pickups = [pickupOf(story.first, Date.parse(story.firstSeenAt)), ...story.pickups];
      if (!options.json) process.stdout.write(`${reference} «${titles.get(reference)}»: ${pickups.length} pickup(s), first seen ${story.firstSeenAt}\n`);
      const texts = new Map(copies.map((item) => [item.id, `${item.title}\n${item.text}`]));
      for (const p of pickups) {
        const kept = keptOf(referenceTexts.get(reference)!, texts.get(p.itemId)!);
        process.stdout.write(
          options.json
            ? `${JSON.stringify({ reference, ...p, kept })}\n`
            : `  +${formatDelay(p.afterSeconds).padEnd(8)} ${p.sourceId.padEnd(16)} similarity ${p.similarity ?? '?'}  ${p.title}\n    ${describeKept(kept)}\n    ${p.url}\n`,
        );
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}

function formatDelay(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
