import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { readReferenceArticles, resolveSeedsDir } from '@marsad/config';
import { analyseArticle, compileTagger, DEFAULT_ALIASES_FILE, fingerprintOf, MemoryCopyIndex, type TagEvidence, type Tagger } from '@marsad/text';
import { z } from 'zod';
import { UsageError } from '../services.js';

const InputLineSchema = z.object({
  id: z.union([z.string(), z.number()], { error: 'a string or a number is required' }).transform(String),
  title: z.string().default(''),
  text: z.string().default(''),
  url: z.string().optional(),
});

export interface ClassifyOutput {
  id: string | null;
  language?: string;
  arabic?: boolean;
  /** A reference id (seed file stem) or the id of an earlier line that this item copies. */
  duplicateOf?: string | null;
  /** Share of the copied (or most similar) article's text this item reproduces, 0..1. */
  similarity?: number;
  storyId?: string;
  tags?: string[];
  evidence?: Record<string, TagEvidence[]>;
  error?: string;
}

/** Classifies JSON Lines one at a time; later lines are compared with the references and earlier lines. */
export class LineClassifier {
  private readonly index = new MemoryCopyIndex();

  constructor(
    private readonly tagger: Tagger,
    references: readonly { id: string; text: string }[],
  ) {
    for (const reference of references) this.index.add({ id: reference.id, storyId: reference.id, reference: true, ...fingerprintOf(reference.text) });
  }

  classify(line: string): ClassifyOutput {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return { id: null, error: 'not valid JSON' };
    }
    const parsed = InputLineSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof json === 'object' && json !== null && 'id' in json ? String((json as { id: unknown }).id) : null;
      return { id, error: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ') };
    }
    const { id, title, text, url } = parsed.data;
    const analysis = analyseArticle({ title, text, url }, this.tagger);
    const verdict = this.index.checkAndInsert(id, analysis.fingerprint);
    const similarity = verdict.copyOf ? verdict.copyOf.containment : verdict.similarity;
    return {
      id,
      language: analysis.language,
      arabic: analysis.arabic,
      duplicateOf: verdict.copyOf?.id ?? null,
      similarity: Math.round(similarity * 1000) / 1000,
      storyId: verdict.storyId,
      tags: analysis.tags,
      evidence: analysis.evidence,
    };
  }
}

export function defaultLineClassifier(seedsDir?: string): LineClassifier {
  const dir = resolveSeedsDir(seedsDir);
  let references;
  try {
    references = readReferenceArticles(dir);
  } catch (err) {
    throw new UsageError(`cannot read the reference articles in ${dir}: ${(err as Error).message}`);
  }
  return new LineClassifier(compileTagger(readFileSync(DEFAULT_ALIASES_FILE, 'utf8')), references);
}

/** `marsad classify`: JSON Lines in on stdin, one JSON line out per item, in input order. No Redis, no database. */
export async function classifyCommand(options: { seeds?: string }): Promise<number> {
  const classifier = defaultLineClassifier(options.seeds);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(classifier.classify(line))}\n`);
  }
  return 0;
}
