import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { filesNotRead, readReferenceArticles, resolveSeedsDir } from '@marsad/config';
import { analyseArticle, compileTagger, DEFAULT_ALIASES_FILE, fingerprintOf, MemoryCopyIndex, outletOf, unusableReference, type TagEvidence, type Tagger } from '@marsad/text';
import { z } from 'zod';
import { UsageError } from '../usage-error.js';

/** A missing or null title or text is empty: a feed item may have only one of them. */
const OptionalText = z.string().nullish().transform((value) => value ?? '');

const InputLineSchema = z.object({
  id: z.union([z.string(), z.number()], { error: 'a string or a number is required' }),
  title: OptionalText,
  text: OptionalText,
  url: z.string().nullish(),
});

/** An item's id as the input wrote it: a number stays a number, so callers can match lines by equality. */
type LineId = string | number;

export interface ClassifyOutput {
  id: LineId | null;
  language?: string;
  arabic?: boolean;
  /** A reference id (seed file stem) or the id of an earlier line that this item copies (as that line wrote it). */
  duplicateOf?: LineId | null;
  /** Share of the copied (or most similar) article's text this item reproduces, 0..1. */
  similarity?: number;
  storyId?: LineId;
  tags?: string[];
  evidence?: Record<string, TagEvidence[]>;
  error?: string;
}

/** Classifies JSON Lines one at a time; later lines are compared with the references and earlier lines. */
export class LineClassifier {
  private readonly index = new MemoryCopyIndex();
  /** Earlier lines' ids as written, by the string the index knows them by. */
  private readonly lineIds = new Map<string, LineId>();
  /** The strings the index knows the references and earlier lines by. */
  private readonly keys = new Set<string>();

  constructor(
    private readonly tagger: Tagger,
    references: readonly { id: string; text: string }[],
  ) {
    for (const reference of references) {
      this.index.add({ id: reference.id, storyId: reference.id, reference: true, ...fingerprintOf(reference.text) });
      this.keys.add(reference.id);
    }
  }

  classify(line: string): ClassifyOutput {
    let json: unknown;
    try {
      // A byte-order mark starts some files saved on Windows.
      json = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
    } catch {
      return { id: null, error: 'not valid JSON' };
    }
    const parsed = InputLineSchema.safeParse(json);
    if (!parsed.success) {
      const raw = typeof json === 'object' && json !== null && 'id' in json ? (json as { id: unknown }).id : null;
      // An id that is neither text nor a number is echoed as text when it has one (true), else as null.
      const id = typeof raw === 'string' || typeof raw === 'number' ? raw : raw === null || typeof raw === 'object' ? null : String(raw);
      return { id, error: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'}: ${issue.message}`).join('; ') };
    }
    const { id, title, text, url } = parsed.data;
    const key = this.keyFor(id);
    const analysis = analyseArticle({ title, text, url: url ?? undefined }, this.tagger);
    const verdict = this.index.checkAndInsert(key, analysis.fingerprint, outletOf(url));
    const similarity = verdict.copyOf ? verdict.copyOf.containment : verdict.similarity;
    return {
      id,
      language: analysis.language,
      arabic: analysis.arabic,
      duplicateOf: verdict.copyOf ? this.asWritten(verdict.copyOf.id) : null,
      similarity: Math.round(similarity * 1000) / 1000,
      storyId: this.asWritten(verdict.storyId),
      tags: analysis.tags,
      evidence: analysis.evidence,
    };
  }

  /**
   * The string the index knows a line by: its id, unless a reference or an earlier line holds it (a
   * line repeating an id is another article all the same: it is judged and filed like any other, and
   * a later copy of it named by that id).
   */
  private keyFor(id: LineId): string {
    let key = String(id);
    for (let n = 2; this.keys.has(key); n++) key = `${String(id)}\u0000${n}`;
    this.keys.add(key);
    this.lineIds.set(key, id);
    return key;
  }

  /** An earlier line's id as that line wrote it; a reference's id (a file stem) as it is. */
  private asWritten(id: string): LineId {
    return this.lineIds.get(id) ?? id;
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
  // Not an error (copies among the input's own lines are still found), but likely a wrong folder.
  if (references.length === 0) process.stderr.write(`marsad: no reference articles (.txt files) in ${dir}: copies are looked for among the input's lines only\n`);
  for (const { file, text } of references) {
    const problem = unusableReference(text);
    if (problem) process.stderr.write(`marsad: no copy of the reference article ${file} can ever be found: ${problem}\n`);
  }
  for (const file of filesNotRead(dir)) process.stderr.write(`marsad: ${file} is not read as a reference article: only .txt files of plain text are (save it as text, UTF-8)\n`);
  return new LineClassifier(compileTagger(readFileSync(DEFAULT_ALIASES_FILE, 'utf8')), references);
}

/** `marsad classify`: JSON Lines in on stdin, one JSON line out per item, in input order. No Redis, no database. */
export async function classifyCommand(options: { seeds?: string }): Promise<number> {
  // The services' setting, read alone: classify validates no more of the environment, since it needs no
  // Redis nor database, and an operator who moved the references expects them found here too.
  const classifier = defaultLineClassifier(options.seeds ?? (process.env.MARSAD_SEEDS_DIR || undefined));
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    process.stdout.write(`${JSON.stringify(classifier.classify(line))}\n`);
  }
  return 0;
}
