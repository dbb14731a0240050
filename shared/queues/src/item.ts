import { z } from 'zod';

const IsoDate = z.iso.datetime({ offset: true });

/** An item as the fetcher read it from a source, before any analysis. */
export const RawItemSchema = z.object({
  /** Stable id derived from the canonical URL, so the same article fetched twice is one item. */
  id: z.string().min(1).max(128),
  sourceId: z.string().min(1),
  url: z.url(),
  title: z.string(),
  /** Plain text of the article (or of the feed's summary when that is all there is). */
  text: z.string(),
  publishedAt: IsoDate.nullable(),
  fetchedAt: IsoDate,
  /**
   * Set when the item is stored already and its source now gives a much longer text (a brief
   * completed into an article, see isRevision): a digest of that text. Classified and stored again
   * under it, the revision updates the row it was stored as.
   */
  revision: z.string().regex(/^[0-9a-f]{8,16}$/).optional(),
});
export type RawItem = z.infer<typeof RawItemSchema>;

/** What the classifier adds. `duplicateOf` is a reference id (seed file stem) or an earlier item's id. */
export const AnalysisSchema = z.object({
  /** ISO 639-3 code, or "und" when undetermined. */
  language: z.string().min(2).max(8),
  arabic: z.boolean(),
  duplicateOf: z.string().nullable(),
  similarity: z.number().min(0).max(1).nullable(),
  /** Shared by every copy of one article: the id of the story's first article classified. */
  storyId: z.string().min(1),
  /**
   * An item classified before this one but published later, which copies this one: the story's
   * original until now. The store makes it a copy of this one, reproducing `similarity` of it.
   */
  supersedes: z.object({ id: z.string().min(1), similarity: z.number().min(0).max(1) }).optional(),
  tags: z.array(z.string()),
  /** Why each tag was given: the alias, where it starts in the text, the words as written. */
  evidence: z.record(z.string(), z.array(z.object({ alias: z.string(), offset: z.number().int().min(0), matched: z.string() }))).default({}),
});
export type Analysis = z.infer<typeof AnalysisSchema>;

export const ClassifiedItemSchema = RawItemSchema.extend(AnalysisSchema.shape);
export type ClassifiedItem = z.infer<typeof ClassifiedItemSchema>;

/** Every job may carry the id of the `marsad run --once` that caused it, for its summary. */
export const RunIdSchema = z.string().min(1).max(64).optional();
