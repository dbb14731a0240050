import type { Fingerprint } from './copy-index.js';
import { distinctSorted, minhash, shingleSequence } from './fingerprint.js';
import { detectLanguage, type LanguageResult } from './language.js';
import type { Tagger, TagResult } from './tagger.js';
import { tokenizeWithOffsets } from './tokens.js';

export interface ArticleText {
  title: string;
  text: string;
}

export type ArticleAnalysis = LanguageResult & TagResult & { fingerprint: Fingerprint };

/** The fingerprint of a text: its shingles and their MinHash signature. */
export function fingerprintOf(text: string): Fingerprint {
  return fingerprintOfWords(tokenizeWithOffsets(text).words);
}

function fingerprintOfWords(words: readonly string[]): Fingerprint {
  const sequence = shingleSequence(words);
  const set = distinctSorted(sequence);
  return { shingles: set, sequence, signature: minhash(set) };
}

/**
 * Everything that depends on the article alone: language, tags with evidence, and the fingerprint
 * that copy detection compares. Title and text are read together (the title is often the only
 * place a name appears).
 */
export function analyseArticle(article: ArticleText, tagger: Tagger): ArticleAnalysis {
  const full = article.title ? `${article.title}\n${article.text}` : article.text;
  const tokens = tokenizeWithOffsets(full);
  return { ...detectLanguage(full), ...tagger.tag(tokens), fingerprint: fingerprintOfWords(tokens.words) };
}
