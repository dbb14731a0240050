import type { RuleConfig } from '@marsad/config';
import type { AlertJob } from '@marsad/queues';
import { NameSpellings, passage, Query, type Passage } from '@marsad/text';
import { percentOf } from './message.js';
import { ENGLISH, type Wording } from './wording.js';

export type AlertableItem = AlertJob['item'];

/** A compiled rule: which items it wants, and why an item matched (shown in the alert). */
export interface AlertRule {
  id: string;
  mode: RuleConfig['mode'];
  /** What one alert is about: a story (its first item found), or each item, every pickup too. */
  each: RuleConfig['each'];
  channels: readonly string[];
  /** The rule has a keyword query, which reads the article's text. */
  needsText: boolean;
  /** Immediate rules: how long before it was found an item may have been published (undefined: any time). */
  maxAgeMs: number | undefined;
  /** Why the item matches, one line per condition; null when it does not. `text`: title and article, for a query. */
  explain(item: AlertableItem, text?: string): string[] | null;
  /**
   * The passage of the article (`body`, its text without the title) around what this rule found in it,
   * marked: its query's words, its tags' evidence; `length` characters at most (passage's 280 unless said).
   */
  excerpt(item: AlertableItem, body: string, length?: number): Passage;
}

/** How long before it was found an item was published: 0 when it gives no date. */
export function ageWhenFound(item: Pick<AlertableItem, 'publishedAt' | 'fetchedAt'>): number {
  return item.publishedAt === null ? 0 : Math.max(0, Date.parse(item.fetchedAt) - Date.parse(item.publishedAt));
}

/**
 * A rule ready to match items, its reasons worded in `words`; `references`: the reference articles'
 * ids (seeds/); `names`: the names its query finds under their other spellings too (the config's).
 */
export function compileRule(rule: RuleConfig, words: Wording = ENGLISH, references: ReadonlySet<string> = new Set(), names = NameSpellings.bundled): AlertRule {
  const query = rule.query ? new Query(rule.query, names) : undefined;
  const copies = rule.references === true ? references : rule.references && new Set(rule.references);
  return {
    id: rule.id,
    mode: rule.mode,
    each: rule.each,
    channels: rule.channels,
    needsText: query !== undefined,
    maxAgeMs: rule.maxAge === 'none' ? undefined : rule.maxAge,
    explain(item, text = item.title) {
      const reasons: string[] = [];
      if (rule.tags) {
        const tags = rule.tags.filter((tag) => item.tags.includes(tag));
        if (tags.length === 0) return null;
        for (const tag of tags) {
          const matched = [...new Set((item.evidence[tag] ?? []).map((e) => e.matched))];
          reasons.push(words.tagReason(tag, matched));
        }
      }
      if (rule.sources) {
        if (!rule.sources.includes(item.sourceId)) return null;
        reasons.push(words.sourceReason(item.sourceId));
      }
      if (copies) {
        if (!item.duplicateOf || !copies.has(item.duplicateOf)) return null;
        reasons.push(words.referenceReason(item.duplicateOf, percentOf(item.similarity)));
      }
      if (rule.arabic !== undefined) {
        if (item.arabic !== rule.arabic) return null;
        reasons.push(words.arabicReason(item.arabic));
      }
      if (query) {
        const matched = query.match(text);
        if (!matched) return null;
        reasons.push(words.queryReason(query.source, matched));
      }
      return reasons;
    },
    excerpt(item, body, length) {
      // The query reads the body as the tokenizer gives it (HTML entities decoded): its ranges are of that text.
      const found = query?.marks([item.title, body])?.[1];
      const text = found?.text ?? body;
      const evidence = (rule.tags ?? []).flatMap((tag) => (item.evidence[tag] ?? []).map((e) => e.matched));
      return passage(text, [...(found?.ranges ?? []), ...occurrences(text, evidence)], length);
    },
  };
}

const WORD_CHARACTER = /[\p{L}\p{N}\p{M}]/u;

/**
 * Where each of these phrases, as written (a tag's evidence: whole words), stands in `text` as whole
 * words, every place, as [start, end): not الأمن inside الأمنية.
 */
function occurrences(text: string, phrases: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  const wordAt = (i: number) => i >= 0 && i < text.length && WORD_CHARACTER.test(text[i]!);
  for (const phrase of new Set(phrases)) {
    if (!phrase) continue;
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      if (!wordAt(at - 1) && !wordAt(at + phrase.length)) ranges.push([at, at + phrase.length]);
    }
  }
  return ranges;
}
