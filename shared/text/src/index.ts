import { fileURLToPath } from 'node:url';

export { decodeHtmlEntities, normalizeWord } from './normalize.js';
export { normalizeForMatching, tokenize, tokenizeWithOffsets, type Tokens } from './tokens.js';
export { detectLanguage, type LanguageResult } from './language.js';
export {
  BANDS,
  bandKeys,
  BRIDGED_GAP,
  bridgeGaps,
  coverage,
  coveredWords,
  distinctSorted,
  minhash,
  PAIRED_GAP,
  ROWS_PER_BAND,
  shingleSequence,
  ShingleSet,
  type ShingleLookup,
  SHINGLE_SIZE,
  SIGNATURE_SIZE,
  smallestExcept,
  sortedLookup,
} from './fingerprint.js';
export {
  COPY_TEXT_THRESHOLD,
  COPY_THRESHOLD,
  SAME_PASSAGE_MARGIN,
  judgeCopy,
  MemoryCopyIndex,
  MIN_SHINGLES,
  COPIES_POSTED,
  FACTS_CHANGED,
  reportsOtherFacts,
  FACTS_KEPT,
  retellsFacts,
  MAX_FACTS,
  MIN_COPIED_WORDS,
  WHOLE_ITEM_SHARE,
  MIN_WORDS_BESIDES_OUTLET_TEXT,
  MIN_FRESH_WORDS,
  BOILERPLATE_ARTICLES,
  QUOTED_BOILERPLATE,
  OUTLET_STORY_SHARE,
  type CopyMatch,
  type CopyVerdict,
  type Fingerprint,
  type IndexedArticle,
} from './copy-index.js';
export { AliasFileSchema, compileTagger, EVIDENCE_PER_TAG, Tagger, type AliasFile, type TagEvidence, type TagResult } from './tagger.js';
export { analyseArticle, fingerprintOf, type ArticleAnalysis, type ArticleText } from './analyse.js';
export { ESTABLISHED_ENDINGS, OUTLET_MEMORY, OUTLET_REPEATS, OutletBoilerplate, outletOf, type OutletText } from './outlet.js';

/** The alias file Marsad ships (a path only: reading it is the caller's I/O). */
export const DEFAULT_ALIASES_FILE = fileURLToPath(new URL('../aliases.yml', import.meta.url));
export { COVERAGE_SAMPLES, FACT_CONTEXT_SAMPLES, FACT_SAMPLES, FACT_SLOTTED_SAMPLES, LOOKUP_SHINGLES, MAX_REFERENCE_SAMPLES, POSTING_SHINGLES, SAMPLE_BITS, SHORT_ITEM_WORDS, sketchOf, valueSample, type CoverageSamples, type Sketch, type SketchOptions } from './sketch.js';
export { NameSpellings, otherSpellingsSearched, parseQuery, Query, QuerySyntaxError, type QueryNode } from './query.js';
export { compareTexts, type ComparedText } from './compare.js';
export { passage, type Passage, type TextRanges } from './passage.js';
export { searchDocument, searchQuery } from './search.js';
export { unusableReference } from './reference-check.js';
