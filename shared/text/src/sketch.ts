import { minWordsBesidesFooter, type Fingerprint } from './copy-index.js';
import { formulaShingles } from './formulas.js';
import type { OutletText } from './outlet.js';
import { FACT_CONTINUED, FACT_TOWN, factContext, holdsAny, SHINGLE_SIZE, shingleSequence, SLOT_VALUES, smallestExcept, statedValue, withoutRepeats, type ShingleLookup } from './fingerprint.js';

/**
 * Shingles an article is filed under in a shared index (its smallest hashes: a bottom-k MinHash
 * sketch; there, its smallest that are not boilerplate: see Sketch.postings).
 */
export const POSTING_SHINGLES = 16;
/**
 * Shingles a lookup asks about (the new article's smallest). A filed article's POSTING_SHINGLES
 * smallest that the new one contains are among the new one's LOOKUP_SHINGLES smallest as long as it
 * is at most LOOKUP_SHINGLES / POSTING_SHINGLES (3) times longer.
 */
export const LOOKUP_SHINGLES = 48;
/** Word positions sampled to estimate how much of an item another one reproduces. */
export const COVERAGE_SAMPLES = 32;
/**
 * An item of at most this many words (a feed's description, a one-paragraph report) is sampled at
 * every word, as a reference is: 32 samples of a 44-word item read 6 of its 17 words beyond the news
 * formulas reproduced (0.35, the share a copy needs) where 7 of 24 were (0.29), and such items are
 * many of what feeds carry. Above, 32 samples err by ±0.09 as before; the record grows by 12 bytes
 * per word over 32.
 */
export const SHORT_ITEM_WORDS = 64;
/**
 * A reference's words are all sampled, up to this many: references are few, and what a copy of one
 * reproduces is then measured as `marsad classify` measures it (32 samples err by ±0.09 at 0.6, and
 * a copy keeping 60% of a communiqué would now and then fall under half).
 */
export const MAX_REFERENCE_SAMPLES = 2048;

/**
 * Bits of a shingle's hash a shared index compares (its top ones). A sampled word is read as
 * reproduced when any of the SHINGLE_SIZE shingles covering it is among the other article's: with 16
 * bits, against an article of 600 shingles, one word in 30 was so by chance, and each such word
 * bridged the changed words around it (a heavily reworded copy read 0.03–0.06 above `marsad classify`);
 * with 24, one in 7,000.
 */
export const SAMPLE_BITS = 24;

/** Word positions spread over some of an article's words, as coverage reads them. */
export interface CoverageSamples {
  /**
   * For COVERAGE_SAMPLES word positions (a reference's: every word, up to MAX_REFERENCE_SAMPLES; an
   * item's of SHORT_ITEM_WORDS or fewer: every word), the
   * top SAMPLE_BITS bits of the SHINGLE_SIZE shingles covering each.
   */
  samples: Uint32Array;
  /** Words sampled from. */
  words: number;
  /**
   * Of an article with news formulas: for each sample, "1" when a formula holds its word, else "0"
   * (a copy must reproduce enough of the others too: COPY_TEXT_THRESHOLD).
   */
  formula?: string;
}

/** What a shared index stores and compares: small, fixed-size parts of a fingerprint. */
export interface Sketch extends CoverageSamples {
  /**
   * The shingles an item may be filed under, smallest first, up to LOOKUP_SHINGLES of them (see
   * SketchOptions.quoted): a shared index files it under the first POSTING_SHINGLES that are not
   * boilerplate, which a lookup skips (a short communiqué's smallest may all be phrases every
   * communiqué has). A reference's: all its shingles, all filed.
   */
  postings: Uint32Array;
  /** Its LOOKUP_SHINGLES smallest, to find the articles filed under any of them. */
  lookup: Uint32Array;
  /** The top SAMPLE_BITS bits of every distinct shingle: what "does this article contain that shingle" is asked against. */
  contains: Uint32Array;
  /** Samples of the words an item wrote itself, when it also quotes a reference (see SketchOptions.quoted). */
  own?: CoverageSamples;
  /**
   * Of an item that quotes a reference: `contains` without what it quotes, the values counted towards
   * boilerplate when it is filed as an original (a passage many outlets quote from a communiqué stays
   * the text of each, as in MemoryCopyIndex). Absent: all of `contains`.
   */
  counted?: Uint32Array;
  /**
   * Of an item: the values of `counted` (or `contains`) that news formulas hold. Nobody's passage, they
   * count as its own text even where it shares them with an earlier item, whose other shared values
   * count as quoted (as in MemoryCopyIndex). Absent: none.
   */
  formulas?: Uint32Array;
  /** The top SAMPLE_BITS bits of its outlet's boilerplate, sorted (see SketchOptions.boilerplate). */
  boilerplate?: Uint32Array;
  /**
   * Word pairs (CoverageOptions.pairs), top SAMPLE_BITS bits: a reference's, the pair starting at each
   * sampled word in text order; an item's, all of them sorted, when it shares a shingle with a
   * reference (only a reference is measured with them, and only one it shares a shingle with is met).
   */
  pairs?: Uint32Array;
  /**
   * An item's facts (Fingerprint.facts): per fact, FACT_SAMPLES samples, the SHINGLE_SIZE shingles
   * covering it, then the one ending just before it and the one starting just after it (a covering
   * one standing in at the text's edges, which makes the fact unchangeable there, as in factsKept),
   * then, when it has slots (Sketch.slots), its slots (0 where none), then, when it has values
   * (Sketch.values), what it states (valueSample).
   */
  facts?: Uint32Array;
  /** The slots an item's facts fill (Fingerprint.slots), sorted, without 0: what an earlier item's facts are asked against. */
  slots?: Uint32Array;
  /** What an item's facts state (Fingerprint.values, as valueSample), sorted, distinct: an earlier item's fact stated anywhere is not changed. */
  values?: Uint32Array;
}

/** Samples per fact in a sketch (see Sketch.facts). */
export const FACT_SAMPLES = SHINGLE_SIZE + 2 + SLOT_VALUES + 1;
/** Samples per fact in an item filed before facts had values (stop 42), which the shared index still reads. */
export const FACT_SLOTTED_SAMPLES = SHINGLE_SIZE + 2 + SLOT_VALUES;
/** Samples per fact in an item filed before facts had slots (stop 39), which the shared index still reads. */
export const FACT_CONTEXT_SAMPLES = SHINGLE_SIZE + 2;

/** A fact's value (Fingerprint.values) in SAMPLE_BITS: its top bits, and its two flags (FACT_TOWN, FACT_CONTINUED). */
export const valueSample = (value: number) => (((value >>> (34 - SAMPLE_BITS)) << 2) | (value & (FACT_TOWN | FACT_CONTINUED))) >>> 0;

export interface SketchOptions {
  /**
   * File the article under every shingle it has, not only its smallest. References are few, and a
   * copy's lookup then meets the reference through any shingle they share among its 48 smallest, even
   * when a partial, reworded copy keeps none of the reference's own smallest. @defaultValue false
   */
  reference?: boolean;
  /**
   * For an item: the shingles of every reference article. What an item quotes from a reference is
   * judged against the reference: a later article reproducing it copies the item only when it also
   * reproduces words the item wrote itself (`own`: half of them, or MIN_COPIED_WORDS), so two outlets quoting the same
   * communiqué have not copied each other. Such an item is filed under its own text's shingles.
   * @defaultValue none: every word is the item's own
   */
  quoted?: ShingleLookup;
  /**
   * For an item: its outlet's boilerplate (OutletBoilerplate): not filed, not sampled, and not counted
   * as reproducing an earlier article that has MIN_WORDS_BESIDES_OUTLET_TEXT words besides it (one that has not is
   * that text itself, run again or copied). @defaultValue none
   */
  boilerplate?: OutletText;
}

/** What a shared index files and compares of an article (see SketchOptions). */
export function sketchOf(fingerprint: Fingerprint, options: SketchOptions = {}): Sketch {
  const sketch = filedSketch(fingerprint, options);
  return options.reference ? sketch : withFormulas(sketch, fingerprint.shingles, options.quoted);
}

function filedSketch(fingerprint: Fingerprint, { reference = false, quoted, boilerplate }: SketchOptions): Sketch {
  if (!reference && boilerplate && holdsAny(fingerprint.shingles, boilerplate)) return withoutBoilerplate(fingerprint, boilerplate, quoted);
  const { shingles, sequence } = fingerprint;
  const lookup = shingles.slice(0, LOOKUP_SHINGLES);
  const sketch: Sketch = {
    postings: shingles.slice(0, reference ? shingles.length : LOOKUP_SHINGLES),
    lookup,
    // Sorted shingles have sorted top bits.
    contains: withoutRepeats(topBits(shingles)),
    ...coverageSamples(sequence, undefined, fingerprint.formula, reference ? referenceSamples(sequence) : itemSamples(wordsOf(sequence))),
  };
  if (reference) return fingerprint.words ? { ...sketch, pairs: topBits(shingleSequence(fingerprint.words, 2).subarray(0, referenceSamples(sequence))) } : sketch;
  const item = { ...sketch, ...factsOf(fingerprint) };
  // Most items quote nothing.
  if (!quoted || !holdsAny(shingles, quoted)) return item;
  const own = smallestExcept(shingles, quoted, LOOKUP_SHINGLES);
  return {
    ...item,
    ...pairsOf(fingerprint),
    counted: countedExcept(shingles, quoted),
    postings: own,
    // References are found through what the item quotes, items through its own text: both kinds of
    // smallest shingles are asked about.
    lookup: union(lookup, own),
    own: coverageSamples(sequence, startsExcept(sequence, quoted)),
  };
}

/**
 * An item's sketch with its outlet's boilerplate set apart: filed under its smallest other shingles,
 * samples spread over the words those cover (and its own words, when it quotes a reference, without it
 * too); looked up by all, so that an earlier article made of that text is met.
 */
function withoutBoilerplate(fingerprint: Fingerprint, boilerplate: OutletText, quoted: ShingleLookup | undefined): Sketch {
  const { shingles, sequence } = fingerprint;
  const kept = smallestExcept(shingles, boilerplate, shingles.length);
  const lookup = shingles.slice(0, LOOKUP_SHINGLES);
  const besidesBoilerplate = startsExcept(sequence, boilerplate);
  const samples = coverageSamples(sequence, besidesBoilerplate, fingerprint.formula, itemSamples(coveredWordsOf(besidesBoilerplate, wordsOf(sequence)).length));
  // Hardly more than that text: the outlet running it again, or copying it; judged whole.
  if (samples.words < minWordsBesidesFooter(boilerplate)) return filedSketch(fingerprint, { quoted });
  const sketch: Sketch = {
    postings: kept.slice(0, LOOKUP_SHINGLES),
    lookup,
    contains: withoutRepeats(topBits(shingles)),
    ...samples,
    boilerplate: withoutRepeats(topBits(boilerplate.values)),
    ...factsOf(fingerprint),
  };
  if (!quoted || !holdsAny(shingles, quoted)) return sketch;
  const counted = countedExcept(shingles, quoted);
  if (!holdsAny(kept, quoted)) return { ...sketch, ...pairsOf(fingerprint), counted };
  const notOwn: ShingleLookup = { size: quoted.size + boilerplate.size, has: (shingle) => quoted.has(shingle) || boilerplate.has(shingle) };
  const own = smallestExcept(shingles, notOwn, LOOKUP_SHINGLES);
  return { ...sketch, ...pairsOf(fingerprint), counted, postings: own, lookup: union(lookup, own), own: coverageSamples(sequence, startsExcept(sequence, notOwn)) };
}

/** An item's sketch with the values of its news formulas that it counts (Sketch.formulas). */
function withFormulas(sketch: Sketch, shingles: Uint32Array, quoted: ShingleLookup | undefined): Sketch {
  const known = formulaShingles();
  const formulas = shingles.filter((shingle) => known.has(shingle) && !quoted?.has(shingle));
  return formulas.length > 0 ? { ...sketch, formulas: withoutRepeats(topBits(formulas)) } : sketch;
}

/** The top bits of the (sorted) shingles that are not quoted (see Sketch.counted). */
function countedExcept(shingles: Uint32Array, quoted: ShingleLookup): Uint32Array {
  return withoutRepeats(topBits(shingles.filter((shingle) => !quoted.has(shingle))));
}

/** An item's facts and the slots they fill, as a shared index reads them (see Sketch.facts, Sketch.slots). */
function factsOf({ sequence, facts, slots, values }: Fingerprint): Pick<Sketch, 'facts' | 'slots' | 'values'> {
  if (!facts) return {};
  const stride = !slots ? FACT_CONTEXT_SAMPLES : values ? FACT_SAMPLES : FACT_SLOTTED_SAMPLES;
  const samples = new Uint32Array(facts.length * stride);
  facts.forEach((_, i) => {
    const { covering, before, after } = factContext(sequence, facts, i);
    const at = i * stride;
    for (let j = 0; j < SHINGLE_SIZE; j++) samples[at + j] = topBitsOf(covering[j % covering.length]!);
    samples[at + SHINGLE_SIZE] = topBitsOf(before ?? covering[0]!);
    samples[at + SHINGLE_SIZE + 1] = topBitsOf(after ?? covering[0]!);
    for (let j = 0; j < SLOT_VALUES && slots; j++) samples[at + FACT_CONTEXT_SAMPLES + j] = slots[i * SLOT_VALUES + j] ? topBitsOf(slots[i * SLOT_VALUES + j]!) : 0;
    if (stride === FACT_SAMPLES) samples[at + FACT_SLOTTED_SAMPLES] = valueSample(values![i]!);
  });
  if (!slots) return { facts: samples };
  const filled = withoutRepeats(topBits(slots.filter((slot) => slot !== 0)).sort());
  if (!values) return { facts: samples, slots: filled };
  return { facts: samples, slots: filled, values: withoutRepeats(values.map((value) => valueSample(statedValue(value))).sort()) };
}

/** A reference's words sampled: all of them, up to MAX_REFERENCE_SAMPLES. */
function referenceSamples(sequence: Uint32Array): number {
  return Math.min(MAX_REFERENCE_SAMPLES, Math.max(1, sequence.length + SHINGLE_SIZE - 1));
}

/** An item's samples over `words` words: one per word up to SHORT_ITEM_WORDS, else COVERAGE_SAMPLES. */
function itemSamples(words: number): number {
  return words > COVERAGE_SAMPLES && words <= SHORT_ITEM_WORDS ? words : COVERAGE_SAMPLES;
}

const wordsOf = (sequence: Uint32Array) => (sequence.length === 0 ? 0 : sequence.length + SHINGLE_SIZE - 1);

/** An item's word pairs, as a reference is measured against them (see Sketch.pairs). */
function pairsOf({ words }: Fingerprint): Pick<Sketch, 'pairs'> {
  return words ? { pairs: withoutRepeats(topBits(shingleSequence(words, 2)).sort()) } : {};
}

function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const both = new Uint32Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return withoutRepeats(both.sort());
}

/** 1 where the shingle starting at that word counts, 0 where it is `excluded` (quoted, or boilerplate). */
function startsExcept(sequence: Uint32Array, excluded: ShingleLookup): Uint8Array {
  const counted = new Uint8Array(sequence.length);
  for (let i = 0; i < sequence.length; i++) counted[i] = excluded.has(sequence[i]!) ? 0 : 1;
  return counted;
}

const topBitsOf = (shingle: number) => shingle >>> (32 - SAMPLE_BITS);

function topBits(shingles: Uint32Array): Uint32Array {
  const top = new Uint32Array(shingles.length);
  for (let i = 0; i < shingles.length; i++) top[i] = topBitsOf(shingles[i]!);
  return top;
}

/**
 * `count` word positions spread evenly over the article's words (or over those a counted
 * shingle covers: `counted[i]` is 1 when the shingle starting at word i counts), each as the top SAMPLE_BITS
 * bits of the (counted) shingles covering it, repeated where fewer than SHINGLE_SIZE exist; with
 * `formulaWords`, which of the samples a news formula holds.
 */
function coverageSamples(sequence: Uint32Array, counted?: Uint8Array, formulaWords?: Uint8Array, count = COVERAGE_SAMPLES): CoverageSamples {
  const samples = new Uint32Array(count * SHINGLE_SIZE);
  const total = sequence.length === 0 ? 0 : sequence.length + SHINGLE_SIZE - 1;
  const starts: number[] = [];
  // The shingles starting at word-3 .. word cover it; at the edges, the ones that exist stand in.
  const covering = (word: number) => {
    starts.length = 0;
    for (let j = 0; j < SHINGLE_SIZE; j++) {
      const start = Math.max(0, Math.min(sequence.length - 1, word - j));
      if (!counted || counted[start]) starts.push(start);
    }
    return starts;
  };
  const sampled = counted ? coveredWordsOf(counted, total) : undefined;
  const words = sampled ? sampled.length : total;
  let formula = '';
  for (let k = 0; k < count && words > 0; k++) {
    const at = Math.min(words - 1, Math.floor(((k + 0.5) * words) / count));
    const word = sampled ? sampled[at]! : at;
    covering(word);
    for (let j = 0; j < SHINGLE_SIZE; j++) samples[k * SHINGLE_SIZE + j] = topBitsOf(sequence[starts[j % starts.length]!]!);
    if (formulaWords) formula += formulaWords[word] ? '1' : '0';
  }
  return formula ? { samples, words, formula } : { samples, words };
}

/** The words at least one counted shingle covers, in order. */
function coveredWordsOf(counted: Uint8Array, total: number): number[] {
  const words: number[] = [];
  for (let word = 0, last = -SHINGLE_SIZE; word < total; word++) {
    if (word < counted.length && counted[word]) last = word;
    if (word - last < SHINGLE_SIZE) words.push(word);
  }
  return words;
}
