import {
  bandKeys,
  coveredWords,
  distinctSorted,
  factsKept,
  holdsAny,
  SHINGLE_SIZE,
  shingleSequence,
  ShingleSet,
  smallestExcept,
  sortedIntersection,
  statedValue,
  sortedLookup,
  type FactsRead,
  type ShingleLookup,
} from './fingerprint.js';
import { formulaShingles } from './formulas.js';
import { mix32 } from './hash.js';
import { IntMultimap } from './int-multimap.js';
import { OutletBoilerplate, type OutletText } from './outlet.js';
import { POSTING_SHINGLES } from './sketch.js';

/** A copy reproduces at least this share of the other article's shingles (DESIGN.md: "at least half"). */
export const COPY_THRESHOLD = 0.5;
/**
 * A copy of an article written partly in news formulas (formulas.ts) also reproduces at least this
 * share of its other words: two communiqués on two arrests share most of their words, in the same
 * formulas, and neither copies the other; a pickup of a communiqué's opening takes its facts too.
 */
export const COPY_TEXT_THRESHOLD = 0.35;
/**
 * An article that changes this many of an earlier item's numbers where it keeps the words either side
 * (يبلغ من العمر 38 سنة / 52 سنة), and more of them than it keeps, reports other facts in the same
 * words: two communiqués on two arrests in one house style, not a copy (a pickup keeps the facts; one
 * that drops a paragraph drops its numbers with their words).
 */
export const FACTS_CHANGED = 2;

/**
 * Whether a later article reproducing `containment` of an item reports other facts than it in the
 * same words: it changes FACTS_CHANGED of them and more than it keeps, or, read by value
 * (FactsRead.changedFigures), changes a figure (a number, a day) and keeps none while it rewords some
 * of the rest: another accident in the same words at another hour, its outcome reworded, keeps no
 * figure of the first. Not a town changed alone (a pickup may write "البيضاء" for "الدار البيضاء",
 * whose values differ), nor one figure in an article reproducing the item whole (WHOLE_ITEM_SHARE:
 * the item again, corrected, or under a headline of its own that numbers it).
 */
export function reportsOtherFacts({ kept, changed, changedFigures = 0 }: FactsRead, containment: number): boolean {
  return (changed >= FACTS_CHANGED && changed > kept) || (changedFigures > 0 && kept === 0 && containment < WHOLE_ITEM_SHARE);
}

/**
 * An article that keeps this many of an earlier item's figures (numbers, days) in their words and
 * changes none tells the item's story again (see retellsFacts).
 */
export const FACTS_KEPT = 2;

/**
 * Whether an article reproducing `containment` of an item's own words (its boilerplate set apart)
 * is measured against the item whole, boilerplate among its words, as DESIGN.md's "half of that
 * article's text" reads: it keeps FACTS_KEPT of the item's figures, changes none, and reproduces
 * COPY_TEXT_THRESHOLD of its own words but under half. A police communiqué is mostly the formulas
 * every communiqué shares, which are boilerplate once enough originals hold them: its pickup, edited
 * where the formulas meet its facts (a new lead, a sentence's halves swapped) or cut to its lead and
 * closing, reproduced half of the few words left no more. Another event in the same formulas changes
 * its figures.
 */
export function retellsFacts({ kept, changed }: FactsRead, containment: number): boolean {
  return kept >= FACTS_KEPT && changed === 0 && containment >= COPY_TEXT_THRESHOLD && containment < COPY_THRESHOLD;
}
/** Numbers read per article as its facts. */
export const MAX_FACTS = 16;
/** A copy reproduces at least this many words: a shared footer or title alone never makes one. */
export const MIN_COPIED_WORDS = 20;
/**
 * An article reproducing this share of an item, and of the words the item wrote itself, is that item
 * again, a copy of it whatever the item quoted or took from others (see ownWordsCopied).
 */
export const WHOLE_ITEM_SHARE = 0.9;
/**
 * Words a new article needs besides its outlet's footer for the footer to be set apart (see
 * OUTLET_STORY_SHARE): MIN_COPIED_WORDS, or this many once the footer is established (a teaser under
 * it: see ESTABLISHED_ENDINGS). Below that, the article is judged whole: it may be a version of one of
 * the outlet's stories with a short lead of its own, which looks the same.
 */
export const MIN_FRESH_WORDS = 8;
/**
 * Articles with fewer distinct shingles are too short to be copied: those of fewer than MIN_FRESH_WORDS
 * words, the fewest a one-sentence item reposted whole must reproduce. The pipeline's shared index
 * files every item and asks the same of a copy.
 */
export const MIN_SHINGLES = MIN_FRESH_WORDS - SHINGLE_SIZE + 1;

export function minWordsBesidesFooter(footer: OutletText): number {
  return footer.established ? MIN_FRESH_WORDS : MIN_COPIED_WORDS;
}

/**
 * Words an earlier item needs besides its outlet's repeated text (OutletBoilerplate) for that text to
 * be set apart from it: one with fewer is that text, run again or copied, and is judged whole. A
 * short item's few words under a long footer are enough (every later item of the outlet copied it).
 */
export const MIN_WORDS_BESIDES_OUTLET_TEXT = SHINGLE_SIZE;
/** A shingle found in this many indexed articles is outlet boilerplate, not anybody's text. */
export const BOILERPLATE_ARTICLES = 3;
/** ... and one this many originals hold, counting those that quote it from an earlier item. */
export const QUOTED_BOILERPLATE = 8;
/**
 * What one outlet repeats (OutletBoilerplate) is set apart, between its new article with MIN_COPIED_WORDS
 * words besides it (MIN_FRESH_WORDS) and an earlier item with MIN_WORDS_BESIDES_OUTLET_TEXT, only when the new article reproduces less than this
 * share of the earlier item's: a later item under the same footer reproduces none of them, while the
 * outlet's partial copies of one story (whose text its repeats then are) reproduce much of them, and
 * are judged on the whole text.
 */
export const OUTLET_STORY_SHARE = 0.25;

export interface Fingerprint {
  /** Distinct shingle hashes, sorted. */
  shingles: Uint32Array;
  /** Shingle hashes in text order, for coverage. */
  sequence: Uint32Array;
  signature: Uint16Array;
  /** Per word, 1 where a news formula holds it (see formulas.ts); absent when none does. */
  formula?: Uint8Array;
  /** The word hashes in text order, whose pairs tell the words a reworded copy kept (see CoverageOptions.pairs). */
  words?: ArrayLike<number>;
  /** The positions of its first MAX_FACTS facts: numbers (ages, quantities, dates), towns, days (see FACTS_CHANGED). */
  facts?: Uint16Array;
  /** The slots its facts fill, SLOT_VALUES per fact (see factSlots). */
  slots?: Uint32Array;
  /** What each fact states (see factsKept): a hash of its value, the low bit set for a town. */
  values?: Uint32Array;
}

export interface IndexedArticle extends Fingerprint {
  id: string;
  /** Shared by all copies of one article: a reference's own id, an original item's own id. */
  storyId: string;
  reference: boolean;
  /** Of a reference: the hash of each pair of consecutive words, in text order (see CoverageOptions.pairs). */
  pairs?: Uint32Array;
  /** Itself a copy (filed so that a later article copying it is found; not counted as boilerplate). */
  copy?: boolean;
  /**
   * Of an original item: the shingles it shares with earlier items it reproduces a passage of (at
   * least MIN_COPIED_WORDS words), sorted. What it quoted is not its own text, as a reference's is not.
   */
  borrowed?: Uint32Array;
  /**
   * Of an original item: the shingles it shares with earlier items that report other facts in the same
   * words (CopyMatch.otherFacts), sorted. A house style, not a passage taken: its own text, which a
   * later copy of it copies, but counted towards boilerplate as a borrowed passage is.
   */
  houseStyle?: Uint32Array;
}

export interface CopyMatch {
  /** The reference or earlier item this one copies. */
  id: string;
  storyId: string;
  reference: boolean;
  /** Share of that article's text this one reproduces (its words inside shared shingles). */
  containment: number;
  /** How many of its words this one reproduces. */
  words?: number;
  /**
   * When fewer than MIN_COPIED_WORDS, `words` and the boilerplate around them this one reproduces too
   * (see Covered.passage), and their share of all that article's words: a copy of a short communiqué
   * written mostly in phrases every communiqué shares takes MIN_COPIED_WORDS and half of its words so.
   */
  passage?: { words: number; share: number };
  /** Of an article with news formulas: share of its words beyond them this one reproduces (see COPY_TEXT_THRESHOLD). */
  textContainment?: number;
  /**
   * Of an item that quotes a reference (or, in the in-process index, an earlier item): share of the
   * words it wrote itself this one reproduces (none written: 0). Such an item is copied only when this
   * reaches COPY_THRESHOLD and it wrote MIN_COPIED_WORDS (`ownWritten`), when MIN_COPIED_WORDS of them are
   * reproduced (`ownWords`), or when it is reproduced whole (see ownWordsCopied).
   */
  ownContainment?: number;
  /** With `ownContainment`: how many of the words it wrote itself this one reproduces. */
  ownWords?: number;
  /** With `ownContainment`: how many words it wrote itself, boilerplate among them (a communiqué's formulas). */
  ownWritten?: number;
  /** The new article quotes the references elsewhere than this item, which it then has not copied (see MemoryCopyIndex.quotesOtherText). */
  otherQuote?: boolean;
  /** The article copied is itself a copy of another. */
  copy?: boolean;
  /** Of an earlier item: this one changes its facts (see FACTS_CHANGED), so it is no copy of it. */
  otherFacts?: boolean;
}

export interface CopyVerdict {
  /** The article copied, or null for an original. */
  copyOf: CopyMatch | null;
  /**
   * The highest containment among the candidates, copy or not (of an item that quotes, the lower of
   * its two); of a copy found by checkAndInsert, among those of its tier and above (see candidates).
   */
  similarity: number;
}

/**
 * The copy rule, shared by every index: among the candidates that reproduce at least COPY_THRESHOLD
 * of their text (and more than an item's quote, when it quotes: see ownWordsCopied, and that quote
 * rather than another part of the references: see CopyMatch.otherQuote; and more than its news
 * formulas, when it has some: see COPY_TEXT_THRESHOLD), a reference before any item
 * (an article that copies a reference is that reference's story, even when it also contains all of an
 * earlier item that quoted less of it), an original item before a copy (a copy is named only when it
 * alone was copied: the later article kept too little of the original), then the one of which most
 * words are reproduced.
 */
export function judgeCopy(candidates: readonly CopyMatch[]): CopyVerdict {
  let best: CopyMatch | null = null;
  let similarity = 0;
  // The stories whose original reports other facts than the article: so do its pickups, whatever
  // share of a pickup's words it reproduces.
  const otherEvents = new Set(candidates.filter((candidate) => candidate.otherFacts && !candidate.copy && !candidate.reference).map((candidate) => candidate.storyId));
  for (const candidate of candidates) {
    similarity = Math.max(similarity, Math.min(candidate.containment, candidate.ownContainment ?? 1));
    if (candidate.containment < COPY_THRESHOLD || !enoughCopied(candidate)) continue;
    if ((candidate.textContainment ?? 1) < COPY_TEXT_THRESHOLD || !ownWordsCopied(candidate) || candidate.otherFacts || candidate.otherQuote) continue;
    if (candidate.copy && otherEvents.has(candidate.storyId)) continue;
    if (!best || ranksAbove(candidate, best)) best = candidate;
  }
  return { copyOf: best, similarity };
}

/**
 * Whether a candidate reproduces enough of its words: MIN_COPIED_WORDS of them, a passage of that many
 * and half its text (see CopyMatch.passage), or, of an item with fewer, nearly all (WHOLE_ITEM_SHARE)
 * when they are MIN_FRESH_WORDS or more: a one-sentence brief reposted is a copy of it too.
 */
function enoughCopied({ words = MIN_COPIED_WORDS, passage, containment, reference }: CopyMatch): boolean {
  if (words >= MIN_COPIED_WORDS) return true;
  if (passage !== undefined && passage.words >= MIN_COPIED_WORDS && passage.share >= COPY_THRESHOLD) return true;
  return !reference && containment >= WHOLE_ITEM_SHARE && words >= MIN_FRESH_WORDS;
}

/**
 * Whether a copy of an item that quotes took more than the quote: half of the words it wrote itself,
 * when it wrote MIN_COPIED_WORDS (its formulas among them: a short communiqué's own words, past them,
 * are few), or MIN_COPIED_WORDS of them (a pickup of its first half may hold its quote and fewer than
 * half of its own words). The quote, which a later article may have taken where the item took it, never
 * makes a copy of the item, nor does it with the item's dateline or a sentence of attribution before
 * it: outlets quoting one communiqué behind "الرباط - متابعة\nأفادت المديرية العامة للأمن الوطني في بلاغ
 * لها، أن" have not copied each other. An article reproducing the item whole, its own words too
 * (WHOLE_ITEM_SHARE), is the item again, whatever the item took from others.
 */
function ownWordsCopied({ containment, ownContainment, ownWords = 0, ownWritten = 0 }: CopyMatch): boolean {
  if (ownContainment === undefined || (containment >= WHOLE_ITEM_SHARE && ownContainment >= WHOLE_ITEM_SHARE)) return true;
  return ownWords >= MIN_COPIED_WORDS || (ownContainment >= COPY_THRESHOLD && ownWritten >= MIN_COPIED_WORDS);
}

/**
 * A reference before an original item before a copy, then the one of which more words are reproduced
 * (then the larger share): an article that copies most of an item and, with it, all of an earlier
 * item quoting a paragraph of it, copies the item it took the paragraph from. Counts within
 * SAME_PASSAGE_MARGIN of each other are one passage, found in both (a word or two of an intro one of
 * them happens to share tell nothing): the article is then a copy of the one it reproduces more of,
 * the pickup of a pickup of that one rather than of the longer original's other pickup.
 */
function ranksAbove(a: CopyMatch, b: CopyMatch): boolean {
  if (tier(a) !== tier(b)) return tier(a) > tier(b);
  const aWords = a.words ?? 0;
  const bWords = b.words ?? 0;
  if (Math.abs(aWords - bWords) > SAME_PASSAGE_MARGIN * Math.max(aWords, bWords)) return aWords > bWords;
  return a.containment > b.containment + 1e-9 || (a.containment > b.containment - 1e-9 && aWords > bWords);
}

/** How far apart two candidates' reproduced word counts may be and still be one passage (see ranksAbove). */
export const SAME_PASSAGE_MARGIN = 0.1;

/** judgeCopy's tiers: 2 a reference, 1 an original item, 0 a copy. */
const tier = (article: Pick<CopyMatch, 'reference' | 'copy'>) => (article.reference ? 2 : article.copy ? 0 : 1);

/**
 * An in-process index of reference articles and items (originals, and copies under the story they
 * copy). Candidates come from LSH bands and from postings: a reference is filed under every shingle
 * it has, an item under the POSTING_SHINGLES smallest of its own (a bottom-k sketch, as in the shared
 * index; what it quotes from a reference, or from an earlier item, is not its own). Bands find near-identical
 * texts; postings find what bands miss, a copy much shorter or longer than its original or reworded
 * word by word (a quarter of the words changed leaves too few shared shingles for bands to meet).
 * Either way the cost of a lookup depends on how many articles share a key, not on how many there
 * are; each candidate is confirmed by how much of its text the new article reproduces (see `coverage`;
 * of an item that quotes a reference or an earlier item, also of the text it wrote itself). The shared
 * index in Redis keeps samples of each item, not its shingles, so there only quotes of references are
 * told apart from an item's own words.
 */
export class MemoryCopyIndex {
  private readonly articles = new Map<string, IndexedArticle>();
  /** The articles in the order they were filed: buckets and postings hold their places here. */
  private readonly filed: IndexedArticle[] = [];
  private readonly buckets = new IntMultimap();
  private readonly postings = new IntMultimap();
  /**
   * One bit per low POSTED_BITS bits of a shingle that has postings: most of a new article's shingles
   * have none, and the bit spares them a Map lookup (32-bit hashes are mostly heap numbers to V8).
   */
  private readonly posted = new Uint8Array(1 << (POSTED_BITS - 3));
  /** In how many indexed articles each shingle occurs, to recognise boilerplate. */
  private articlesWith: ShingleCounts;
  /** In how many indexed originals each shingle occurs as a passage quoted from an earlier item. */
  private quotedBy: ShingleCounts;
  /** Every reference article's shingles: what an item quotes from one is not its own text (see sketchOf's `quoted`). */
  private readonly referenceShingles: number[] = [];
  private quotedSet: ShingleSet | undefined;
  /** What each outlet repeats in every item. */
  private readonly outlets = new OutletBoilerplate();

  /** `countBits`: the first count tables' size, 2^countBits counters (see ShingleCounts; tests start small to fill them). */
  constructor(options: { countBits?: number } = {}) {
    this.articlesWith = new ShingleCounts(options.countBits);
    this.quotedBy = new ShingleCounts(options.countBits);
  }

  get size(): number {
    return this.articles.size;
  }

  /** Adds an article (again: a no-op), so re-loading the references is idempotent. */
  add(given: IndexedArticle): void {
    if (this.articles.has(given.id) || given.shingles.length < MIN_SHINGLES) return;
    const article = given.reference && given.words && !given.pairs ? { ...given, pairs: shingleSequence(given.words, 2) } : given;
    this.articles.set(article.id, article);
    const place = this.filed.push(article) - 1;
    const notOwn = article.reference ? undefined : this.notOwnBy(article);
    // A phrase many originals share is boilerplate; one story's copies sharing its text is not, nor is
    // what originals quote from a reference; what they quote from an earlier item only once many do
    // (QUOTED_BOILERPLATE): counted at once, a passage two outlets quoted would stop counting for the
    // article they took it from, and a later copy of that article would reproduce too little of the
    // rest; never counted, a footer many items share (each taking it for a passage of the first) would
    // stay every item's text, and every lookup would measure all of them. A news formula is nobody's
    // passage, borrowed or not: two communiqués share their formulas, and three make them boilerplate.
    // References do not count: three of them naming the DGSN and Interpol in full would make those
    // names nobody's text (as in the shared index, which counts originals only).
    if (!article.copy && !article.reference) {
      this.countShingles(article);
      if (this.articlesWith.crowded || this.quotedBy.crowded) this.recount();
    }
    for (const key of bandKeys(article.signature)) if (this.buckets.count(key) <= BAND_BUCKET_LIMIT) this.buckets.add(key, place);
    if (article.reference) {
      for (const shingle of article.shingles) this.referenceShingles.push(shingle);
      this.quotedSet = undefined;
    }
    for (const shingle of notOwn ? smallestExcept(article.shingles, notOwn, POSTING_SHINGLES) : article.shingles) {
      if (article.copy && this.postings.count(shingle) >= COPIES_POSTED) continue;
      this.postings.add(shingle, place);
      this.posted[(shingle & POSTED_MASK) >>> 3]! |= 1 << (shingle & 7);
    }
  }

  /** Counts an original's shingles as its own text, or as a passage it took from an earlier item or shares with another event's report (see add). */
  private countShingles(article: IndexedArticle): void {
    const quoted = this.quoted;
    const borrowed = article.borrowed?.length ? sortedLookup(article.borrowed) : undefined;
    const houseStyle = article.houseStyle?.length ? sortedLookup(article.houseStyle) : undefined;
    const formulas = formulaShingles();
    for (const shingle of article.shingles) {
      if (quoted.has(shingle)) continue;
      if ((borrowed?.has(shingle) || houseStyle?.has(shingle)) && !formulas.has(shingle)) this.quotedBy.add(shingle);
      else this.articlesWith.add(shingle);
    }
  }

  /**
   * Counts every original again in tables twice as large: past their load, collisions would make a
   * shingle of tens of thousands of articles' input boilerplate that no other article has (a pickup
   * measured at 0.71 of its original after 10,000 articles, 0.41 after 40,000: bench/dist/classify-large.js).
   */
  private recount(): void {
    this.articlesWith = new ShingleCounts(this.articlesWith.bits + 1);
    this.quotedBy = new ShingleCounts(this.quotedBy.bits + 1);
    for (const article of this.filed) if (!article.copy && !article.reference) this.countShingles(article);
  }

  /** The shingles of an item that it did not write itself: the references' text, and what it borrowed. */
  private notOwnBy(article: IndexedArticle): ShingleLookup {
    const quoted = this.quoted;
    if (!article.borrowed?.length) return quoted;
    const borrowed = sortedLookup(article.borrowed);
    return { size: quoted.size + borrowed.size, has: (shingle) => quoted.has(shingle) || borrowed.has(shingle) };
  }

  /** Built when first asked after references were added (they are filed first, all at once). */
  private get quoted(): ShingleSet {
    return (this.quotedSet ??= new ShingleSet(this.referenceShingles));
  }

  /**
   * The articles this fingerprint reproduces, with how much of each. `outletBoilerplate`: what the
   * article's outlet repeats in every item (OutletBoilerplate), neither reproduced nor text to
   * reproduce in an earlier item with MIN_WORDS_BESIDES_OUTLET_TEXT words besides it. With
   * `untilCopied`, judgeCopy's tiers are measured in its order (references, original items, copies)
   * and the lower ones left out once one holds an article copied, which they could not outrank: a
   * story picked up a hundred times is then not measured against every pickup again.
   */
  candidates(fingerprint: Fingerprint, outletBoilerplate?: ShingleLookup, untilCopied = false): CopyMatch[] {
    // Each candidate's place, with how many of the new article's shingles found it through postings:
    // each such one is a shared shingle, boilerplate aside, so enough of them make it plausible at once.
    const places = new Map<number, number>();
    const met = (place: number) => places.set(place, places.get(place) ?? 0);
    const found = (place: number) => places.set(place, (places.get(place) ?? 0) + 1);
    const boilerplate = (shingle: number) => {
      const originals = this.articlesWith.count(shingle);
      return originals >= BOILERPLATE_ARTICLES || originals + this.quotedBy.count(shingle) >= QUOTED_BOILERPLATE;
    };
    for (const key of bandKeys(fingerprint.signature)) {
      const inBucket = this.buckets.count(key);
      if (inBucket > 0 && inBucket <= BAND_BUCKET_LIMIT) this.buckets.forEach(key, met);
    }
    for (const shingle of fingerprint.shingles) {
      if ((this.posted[(shingle & POSTED_MASK) >>> 3]! & (1 << (shingle & 7))) === 0) continue;
      if (this.postings.count(shingle) > 0 && !boilerplate(shingle)) this.postings.forEach(shingle, found);
    }
    const measuring: Measuring = { fingerprint, boilerplate, outletText: outletBoilerplate };
    // By tier (a copy, an original item, a reference), each in the order found.
    const tiers: [number, number][][] = [[], [], []];
    for (const entry of places) tiers[tier(this.filed[entry[0]]!)]!.push(entry);
    const matches: CopyMatch[] = [];
    for (let t = tiers.length - 1; t >= 0; t--) {
      for (const [place, postedShared] of tiers[t]!) {
        const article = this.filed[place]!;
        // Most candidates share a shingle or two by chance; those cannot be copies (see PLAUSIBLE_SHARED),
        // and counting is much cheaper than measuring coverage. A reference is posted under every
        // shingle: what found it is all it shares.
        if (postedShared < PLAUSIBLE_SHARED && (article.reference || !plausible(article.shingles, shinglesOfNew(measuring), boilerplate))) continue;
        matches.push(this.measure(article, measuring));
      }
      if (untilCopied && judgeCopy(matches).copyOf) break;
    }
    return matches;
  }

  /** How much of a filed article the new one reproduces (see candidates). */
  private measure(article: IndexedArticle, measuring: Measuring): CopyMatch {
    const { fingerprint, boilerplate, outletText } = measuring;
    // A reference is measured word by word in the shared index too (every word sampled), where the
    // same gaps are bridged, and longer runs read through word pairs; an item there by 32 samples,
    // which cannot see them.
    const pairs = article.reference && article.pairs && fingerprint.words ? { of: article.pairs, in: (measuring.pairsOfNew ??= distinctSorted(shingleSequence(fingerprint.words, 2))) } : undefined;
    const measure = (ignore: (shingle: number) => boolean) => coveredWords(article.sequence, shinglesOfNew(measuring), { ignore, formula: article.formula, bridge: article.reference, pairs });
    // A reference is judged whole, its every word (a copy reproduces half of "that article's text").
    let measured = measure(article.reference ? NOT_BOILERPLATE : boilerplate);
    // An earlier item of which this article reproduces little besides the outlet's repeated text
    // shares only that with it (see OUTLET_STORY_SHARE); a reference is judged whole.
    if (outletText && !article.reference) {
      const besides = measure((shingle) => boilerplate(shingle) || outletText.has(shingle));
      if (besides.counted >= MIN_WORDS_BESIDES_OUTLET_TEXT && besides.share < OUTLET_STORY_SHARE) measured = besides;
    }
    const { words, share, textShare, passage } = measured;
    const match: CopyMatch = { id: article.id, storyId: article.storyId, reference: article.reference, containment: share, words, ...(article.copy ? { copy: true } : {}) };
    if (textShare !== undefined) match.textContainment = textShare;
    // An item's facts: a reference, read word by word and bridged, is judged on its words alone.
    const slots = article.slots && fingerprint.slots ? { of: article.slots, in: (measuring.slotsOfNew ??= distinctSorted(fingerprint.slots)) } : undefined;
    const values = article.values && fingerprint.values ? { of: article.values, in: (measuring.valuesOfNew ??= distinctSorted(fingerprint.values.map(statedValue))) } : undefined;
    const facts = !article.reference && article.facts ? factsKept(article.sequence, fingerprint.shingles, article.facts, slots, values) : NO_FACTS;
    const { changed } = facts;
    if (reportsOtherFacts(facts, share)) match.otherFacts = true;
    if (!article.reference && retellsFacts(facts, share)) {
      const whole = measure(outletText ? (shingle) => outletText.has(shingle) : NOT_BOILERPLATE);
      if (whole.share > share) Object.assign(match, { containment: whole.share, words: whole.words });
    }
    // Too few words of its own to judge by: its copy takes the passage whole, and changes none of its
    // numbers (another arrest in the same town, written in the same phrases, changes the age).
    if (words < MIN_COPIED_WORDS && passage > words && changed === 0) match.passage = { words: passage, share: passage / (article.sequence.length + SHINGLE_SIZE - 1) };
    // An item that quotes a reference or an earlier item is also measured by the words it wrote
    // itself: the new article may have taken the quotes from where the item took them.
    if (!article.reference && (article.borrowed?.length || holdsAny(article.shingles, this.quoted))) {
      const notOwn = this.notOwnBy(article);
      const own = coveredWords(article.sequence, shinglesOfNew(measuring), { ignore: (shingle) => boilerplate(shingle) || notOwn.has(shingle) });
      match.ownContainment = own.share;
      match.ownWords = own.words;
      match.ownWritten = coveredWords(article.sequence, NOTHING, { ignore: (shingle) => notOwn.has(shingle) }).counted;
      if (this.quotesOtherText(article, measuring)) match.otherQuote = true;
    }
    return match;
  }

  /**
   * Whether the new article quotes the references elsewhere than the item does, reproducing under half
   * of the item's quote and MIN_COPIED_WORDS words of references besides: what else it shares with the
   * item is then the words around a quote (one intro and closing before and after each outlet's quote
   * of a communiqué), not the item.
   */
  private quotesOtherText(article: IndexedArticle, measuring: Measuring): boolean {
    const notQuoted = (shingle: number) => !this.quoted.has(shingle);
    const { fingerprint } = measuring;
    const itemQuote = coveredWords(article.sequence, shinglesOfNew(measuring), { ignore: notQuoted });
    if (itemQuote.counted === 0 || itemQuote.share >= COPY_THRESHOLD) return false;
    measuring.quotedWordsOfNew ??= coveredWords(fingerprint.sequence, NOTHING, { ignore: notQuoted }).counted;
    return measuring.quotedWordsOfNew - itemQuote.words >= MIN_COPIED_WORDS;
  }

  /**
   * Judges the fingerprint against the index and adds it under `id`: an original as a story of its
   * own, a copy under the story it copies (a later article may copy the copy and no more than a
   * little of the original). `outlet` (outletOf its address): what that outlet repeats is learnt
   * and set apart (see candidates).
   */
  checkAndInsert(id: string, fingerprint: Fingerprint, outlet?: string): CopyVerdict & { storyId: string } {
    const repeated = this.outlets.observe(outlet, fingerprint);
    // An article with fewer words than that besides what its outlet repeats is that text, run again or copied.
    const besides = repeated ? coveredWords(fingerprint.sequence, NOTHING, { ignore: (shingle) => repeated.has(shingle) }).counted : 0;
    const matches = this.candidates(fingerprint, repeated && besides >= minWordsBesidesFooter(repeated) ? repeated : undefined, true);
    const verdict = judgeCopy(matches);
    const storyId = verdict.copyOf ? verdict.copyOf.storyId : id;
    const borrowed = verdict.copyOf ? undefined : this.sharedWith(matches, fingerprint, (match) => !match.otherFacts);
    const houseStyle = verdict.copyOf ? undefined : this.sharedWith(matches, fingerprint, (match) => match.otherFacts === true);
    // Not its words: they were for measuring it against the references (their pairs); an item is measured by its shingles.
    const { shingles, sequence, signature, formula, facts, slots, values } = fingerprint;
    this.add({ id, storyId, reference: false, shingles, sequence, signature, ...(formula ? { formula } : {}), ...(facts ? { facts, slots, values } : {}), ...(verdict.copyOf ? { copy: true } : {}), ...(borrowed ? { borrowed } : {}), ...(houseStyle ? { houseStyle } : {}) });
    return { ...verdict, storyId };
  }

  /**
   * What an original shares with the earlier items among `matches` it reproduces a passage of: those
   * it took it from (IndexedArticle.borrowed), or those reporting other facts in the same words (houseStyle).
   */
  private sharedWith(matches: readonly CopyMatch[], fingerprint: Fingerprint, which: (match: CopyMatch) => boolean): Uint32Array | undefined {
    const passages = matches
      .filter((match) => !match.reference && which(match) && (match.words ?? 0) >= MIN_COPIED_WORDS)
      .map((match) => sortedIntersection(this.articles.get(match.id)!.shingles, fingerprint.shingles));
    if (passages.length === 0) return undefined;
    return passages.length === 1 ? passages[0] : distinctSorted(Uint32Array.from(passages.flatMap((passage) => [...passage])));
  }
}

/**
 * A band value more articles than this share says only that they share boilerplate (a footer many
 * items carry holds the minimum of many hashes): it is passed over, where reading it made every lookup
 * measure most of the index. Copies are still found through postings, where boilerplate is left out.
 */
const BAND_BUCKET_LIMIT = 64;

/**
 * Articles a copy joins under one shingle: beyond them, a story picked up thousands of times would
 * make every later lookup read thousands of postings (its later copies are still found through
 * their other shingles and bands, and its original through this one).
 */
export const COPIES_POSTED = 64;

/** What measuring the candidates of one new article needs (see MemoryCopyIndex.candidates). */
interface Measuring {
  fingerprint: Fingerprint;
  boilerplate: (shingle: number) => boolean;
  /** What the new article's outlet repeats in every item (see candidates' outletBoilerplate). */
  outletText: ShingleLookup | undefined;
  /** The new article's shingles, asked about every candidate's (see shinglesOfNew). */
  shinglesOfNew?: ShingleSet;
  /** The new article's word pairs, made once the first reference is measured (see CoverageOptions.pairs). */
  pairsOfNew?: Uint32Array;
  /** How many of its words the new article quotes from the references, counted once an item that quotes is measured. */
  quotedWordsOfNew?: number;
  /** The slots the new article's facts fill, sorted, made once an item with facts is measured (see factsKept). */
  slotsOfNew?: Uint32Array;
  /** What the new article's facts state, sorted, made once an item with facts is measured (see factsKept). */
  valuesOfNew?: Uint32Array;
}

const NOTHING = new Uint32Array(0);
const NOT_BOILERPLATE = () => false;

const POSTED_BITS = 20;
const POSTED_MASK = (1 << POSTED_BITS) - 1;

const NO_FACTS: FactsRead = { kept: 0, changed: 0 };

/**
 * Each shared shingle covers at most SHINGLE_SIZE words, so an article sharing fewer than this many
 * (boilerplate aside) reproduces fewer than MIN_COPIED_WORDS of its own words: a copy only of an item
 * with little text of its own, whole (see plausible).
 */
const PLAUSIBLE_SHARED = Math.ceil(MIN_COPIED_WORDS / SHINGLE_SIZE);

/**
 * Whether an item may be copied by an article with shingles `b`: they share PLAUSIBLE_SHARED of its
 * shingles, boilerplate aside, or half of them when it has fewer (a short communiqué mostly in
 * phrases every communiqué shares; see CopyMatch.passage), or, of an item of fewer than
 * MIN_COPIED_WORDS words, enough to cover WHOLE_ITEM_SHARE of them (a 10-word brief with a word
 * changed in its middle keeps 3 of its 7 shingles, which cover 9 of its words).
 */
function plausible(a: Uint32Array, b: ShingleLookup, boilerplate: (shingle: number) => boolean): boolean {
  const shared = sharedShingles(a, b, boilerplate, PLAUSIBLE_SHARED);
  if (shared >= PLAUSIBLE_SHARED) return true;
  if (shared === 0) return false;
  const words = a.length + SHINGLE_SIZE - 1;
  if (words < MIN_COPIED_WORDS && shared * SHINGLE_SIZE >= WHOLE_ITEM_SHARE * words) return true;
  return ownShingles(a, boilerplate, 2 * shared + 1) <= 2 * shared;
}

/** How many of the shingles are not boilerplate, counted up to `enough`. */
function ownShingles(shingles: Uint32Array, boilerplate: (shingle: number) => boolean, enough: number): number {
  let own = 0;
  for (let i = 0; i < shingles.length && own < enough; i++) if (!boilerplate(shingles[i]!)) own++;
  return own;
}

/** Shingles of `a` that `b` holds, boilerplate aside, counted up to `enough`. */
function sharedShingles(a: Uint32Array, b: ShingleLookup, boilerplate: (shingle: number) => boolean, enough: number): number {
  let shared = 0;
  for (let i = 0; i < a.length && shared < enough; i++) if (b.has(a[i]!) && !boilerplate(a[i]!)) shared++;
  return shared;
}

/** The new article's shingles as a set, made once for all its candidates. */
function shinglesOfNew(measuring: Measuring): ShingleSet {
  return (measuring.shinglesOfNew ??= new ShingleSet(measuring.fingerprint.shingles));
}

/**
 * Approximate counts per shingle (a count-min sketch: two tables of saturating counters, the smaller
 * of the two answers). It never under-counts; over-counting a shingle to BOILERPLATE_ARTICLES takes
 * collisions in both tables, which stay rare while each holds fewer counts than half its counters
 * (`crowded` says when it holds more; the index then counts again in larger ones). The 8 MB of the
 * first tables come with the first count (most indexes never count a quoted passage).
 */
class ShingleCounts {
  private readonly mask: number;
  private first: Uint8Array | undefined;
  private second: Uint8Array | undefined;
  private counted = 0;

  constructor(readonly bits = 22) {
    this.mask = (1 << bits) - 1;
  }

  /** Whether the tables hold more counts than half their counters. */
  get crowded(): boolean {
    return this.counted > this.mask >>> 1;
  }

  add(shingle: number): void {
    const first = (this.first ??= new Uint8Array(this.mask + 1));
    const second = (this.second ??= new Uint8Array(this.mask + 1));
    const a = shingle & this.mask;
    const b = mix32(shingle ^ 0x5bd1e995) & this.mask;
    if (first[a]! < 255) first[a]!++;
    if (second[b]! < 255) second[b]!++;
    this.counted++;
  }

  count(shingle: number): number {
    if (!this.first || !this.second) return 0;
    return Math.min(this.first[shingle & this.mask]!, this.second[mix32(shingle ^ 0x5bd1e995) & this.mask]!);
  }
}
