import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError, filesNotRead, readReferenceArticles, type ReferenceArticle } from '@marsad/config';
import type { Analysis, RawItem } from '@marsad/queues';
import { analyseArticle, compileTagger, DEFAULT_ALIASES_FILE, fingerprintOf, outletOf, ShingleSet, sketchOf, unusableReference, type OutletBoilerplate, type ShingleLookup, type Sketch, type Tagger } from '@marsad/text';
import type { SharedOutletText } from './outlet-text.js';
import type { SharedCopyIndex } from './shared-copy-index.js';

export interface Analyser {
  tagger: Tagger;
  index: SharedCopyIndex;
  /** Each source's country, from the sources file (sources that declare one). */
  countries?: ReadonlyMap<string, string>;
  /**
   * Every reference article's shingles (loadReferences): what an item quotes from one is not its own
   * text (see sketchOf). @defaultValue none: every word is the item's own
   */
  quoted?: ShingleLookup;
  /**
   * What each outlet repeats in every item, set apart in its items' sketches (see sketchOf): learnt in
   * this process (OutletBoilerplate) or shared with the other classifiers (SharedOutletText).
   * @defaultValue none learnt
   */
  outlets?: Pick<OutletBoilerplate | SharedOutletText, 'observe'>;
}

/** Language, tags with evidence, and the copy verdict of the shared index for one item. */
export async function analyseItem(item: RawItem, { tagger, index, countries, quoted, outlets }: Analyser): Promise<Analysis> {
  const analysis = analyseArticle({ title: item.title, text: item.text, url: item.url, country: countries?.get(item.sourceId) }, tagger);
  const boilerplate = await outlets?.observe(outletOf(item.url), analysis.fingerprint);
  const verdict = await index.checkAndInsert(item.id, sketchOf(analysis.fingerprint, { quoted, boilerplate }), false, item.publishedAt, item.revision);
  return {
    language: analysis.language,
    arabic: analysis.arabic,
    duplicateOf: verdict.duplicateOf,
    similarity: Math.round(verdict.similarity * 1000) / 1000,
    storyId: verdict.storyId,
    tags: analysis.tags,
    evidence: analysis.evidence,
    ...(verdict.supersedes ? { supersedes: { id: verdict.supersedes.id, similarity: Math.round(verdict.supersedes.similarity * 1000) / 1000 } } : {}),
  };
}

export function loadTagger(file = DEFAULT_ALIASES_FILE): Tagger {
  return compileTagger(readFileSync(file, 'utf8'));
}

export interface LoadedReferences {
  references: number;
  added: number;
  refiled: boolean;
  /** Every reference's shingles, for Analyser's `quoted`. */
  quoted: ShingleSet;
  /** The references no copy of which can be found, and why (see unusableReference). */
  unusable: { referenceId: string; file: string; problem: string }[];
  /** The folder's files that are not reference articles (not .txt: a communiqué saved as .docx or .pdf). */
  notRead: string[];
}

/**
 * Files every reference article in the shared index (again: a no-op), so adding a file adds a
 * reference; editing or removing one files them all anew (`refiled`), so the index holds what the
 * folder holds.
 */
export async function loadReferences(index: SharedCopyIndex, seedsDir: string): Promise<LoadedReferences> {
  const articles = referenceArticlesIn(seedsDir);
  const unusable = articles.flatMap(({ id, file, text }) => {
    const problem = unusableReference(text);
    return problem ? [{ referenceId: id, file, problem }] : [];
  });
  const references = articles.map((reference) => ({ id: reference.id, sketch: sketchOf(fingerprintOf(reference.text), { reference: true }) }));
  const refiled = await index.forgetChangedReferences(new Map(references.map((r) => [r.id, sketchDigest(r.sketch)])));
  let added = 0;
  for (const reference of references) {
    const verdict = await index.checkAndInsert(reference.id, reference.sketch, true);
    if (!verdict.known) added++;
  }
  // A reference's postings are all its shingles.
  const quoted = new ShingleSet(references.flatMap((r) => [...r.sketch.postings]));
  return { references: references.length, added, refiled, quoted, unusable, notRead: filesNotRead(seedsDir) };
}

/**
 * The folder's reference articles; one that cannot be read (a link to itself, a file the service may
 * not read) is the configuration's problem, said in one line with the file, as `marsad classify` says it.
 */
function referenceArticlesIn(seedsDir: string): ReferenceArticle[] {
  try {
    return readReferenceArticles(seedsDir);
  } catch (err) {
    throw new ConfigError(seedsDir, [`the reference articles cannot be read: ${(err as Error).message}`]);
  }
}

/** What the index keeps of an article, as one short string: equal digests, equal filings. */
function sketchDigest(sketch: Sketch): string {
  // The formula flags too: a news formula added to the list changes them, not the samples.
  const hash = createHash('sha256').update(`${sketch.words};${sketch.formula ?? ''}`);
  for (const part of [sketch.lookup, sketch.postings, sketch.contains, sketch.samples, sketch.pairs ?? new Uint32Array(0)]) hash.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  return hash.digest('base64url').slice(0, 22);
}
