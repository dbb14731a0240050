import { mix32 } from './hash.js';

/** Words per shingle: long enough that shared names and stock phrases of one event do not make two articles alike. */
export const SHINGLE_SIZE = 4;
/** MinHash values per signature. */
export const SIGNATURE_SIZE = 128;
/** LSH: signature values per band, and bands; candidates share at least one band. */
export const ROWS_PER_BAND = 2;
export const BANDS = 64;

/**
 * The hash of every run of SHINGLE_SIZE consecutive words, in text order (a short text: one, of all
 * its words), from the words' hashes (Tokens.hashes).
 */
export function shingleSequence(hashes: ArrayLike<number>, size = SHINGLE_SIZE): Uint32Array {
  if (hashes.length === 0) return new Uint32Array(0);
  if (hashes.length < size) return Uint32Array.of(combine(hashes, 0, hashes.length));
  const sequence = new Uint32Array(hashes.length - size + 1);
  for (let i = 0; i < sequence.length; i++) sequence[i] = combine(hashes, i, size);
  return sequence;
}

/** One hash for `count` word hashes in order (order matters: "a b" is not "b a"). */
function combine(hashes: ArrayLike<number>, start: number, count: number): number {
  let h = 0x811c9dc5 ^ count;
  for (let k = 0; k < count; k++) h = Math.imul(h ^ hashes[start + k]!, 0x01000193) ^ (h >>> 15);
  return mix32(h);
}

export function distinctSorted(sequence: Uint32Array): Uint32Array {
  return withoutRepeats(Uint32Array.from(sequence).sort());
}

/** A sorted array without its repeated values (they are adjacent), in place. */
export function withoutRepeats<T extends Uint32Array | Uint16Array>(sorted: T): T {
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[kept++] = sorted[i]!;
  return sorted.subarray(0, kept) as T;
}

/**
 * Share of A's words that B reproduces: a word counts when it lies inside at least one of A's
 * shingles that B also has. One word changed costs that word, not the SHINGLE_SIZE shingles around
 * it, so light rewording barely moves it, while a quoted paragraph still counts for its own length.
 */
export function coverage(sequenceA: Uint32Array, sortedB: Uint32Array, size = SHINGLE_SIZE): number {
  return coveredWords(sequenceA, sortedB, { size }).share;
}

export interface CoverageOptions {
  /** @defaultValue SHINGLE_SIZE */
  size?: number;
  /** Shingles that are boilerplate (shared by many articles): neither reproduced nor text to reproduce. */
  ignore?: (shingle: number) => boolean;
  /** 1 for each word of A a news formula holds: the share of A's other words is also reported. */
  formula?: Uint8Array | undefined;
  /**
   * Count as reproduced the words inside a run of 2 to BRIDGED_GAP words that no shared shingle
   * covers, between reproduced words: two words changed close together leave the words between them
   * in no intact shingle, though those are reproduced too (the two ends are taken for the changed ones).
   * @defaultValue false
   */
  bridge?: boolean;
  /**
   * With `bridge`: A's word pairs in text order (shingles of 2: the pair starting at each word) and B's,
   * sorted. In a longer run of up to PAIRED_GAP words between reproduced ones, a word is reproduced when
   * B has a pair it is part of: a copy with one word in five or six reworded leaves few intact shingles
   * of four, but its kept words still stand beside each other.
   */
  pairs?: { of: Uint32Array; in: Uint32Array };
}

/** The longest run of words between reproduced ones that `bridge` reads as two changed words and what lies between. */
export const BRIDGED_GAP = SHINGLE_SIZE + 1;
/**
 * The longest run of words between reproduced ones whose words `pairs` may find reproduced. 12 until
 * stop 38; at 20, of 400 simulated copies of the seeds (up to half their paragraphs dropped, up to 35%
 * of the words replaced, other articles' paragraphs between) 8 were missed instead of 18, none more
 * called a copy; 30 and 40 missed fewer still, but read more partial quotes of short communiqués as
 * copies (a dropped sentence of theirs is a run that long).
 */
export const PAIRED_GAP = 20;

export interface Covered {
  /** A's words, boilerplate aside, that B reproduces. */
  words: number;
  /** Their share of the `counted` words. */
  share: number;
  /** With `formula`: the share of A's words beyond news formulas that B reproduces. */
  textShare?: number;
  /** A's words, boilerplate aside. */
  counted: number;
  /**
   * `words`, and the runs of boilerplate B also has that touch one of them: the passages B reproduces,
   * whole. A short communiqué written mostly in phrases every communiqué shares has few words of its
   * own, but a pickup of it takes the phrases around them too; a footer B shares after words of A it
   * does not reproduce (the shingles that lead into the footer are A's) is no part of them.
   */
  passage: number;
}

/**
 * The words of A that B reproduces, as a count and a share (see CoverageOptions) of the `counted`
 * words (boilerplate aside), and with `formula` the share of A's words beyond news formulas that B reproduces.
 */
export function coveredWords(
  sequenceA: Uint32Array,
  shinglesB: Uint32Array | ShingleLookup,
  { size = SHINGLE_SIZE, ignore = () => false, formula, bridge = false, pairs }: CoverageOptions = {},
): Covered {
  if (sequenceA.length === 0) return { words: 0, share: 0, counted: 0, passage: 0 };
  const words = sequenceA.length + size - 1;
  // 1: reproduced; boilerplate words B also has are marked apart, in `sharedBoilerplate`.
  const state = new Uint8Array(words);
  const boilerplate = new Uint8Array(words).fill(1);
  let sharedBoilerplate: Uint8Array | undefined;
  // B sorted, or a set asked about many A's (ShingleSet answers most misses from a bitmap).
  const inB = shinglesB instanceof Uint32Array ? (shingle: number) => has(shinglesB, shingle) : (shingle: number) => shinglesB.has(shingle);
  for (let p = 0; p < sequenceA.length; p++) {
    const shingle = sequenceA[p]!;
    const end = Math.min(words, p + size);
    if (ignore(shingle)) {
      if (inB(shingle)) (sharedBoilerplate ??= new Uint8Array(words)).fill(1, p, end);
      continue;
    }
    boilerplate.fill(0, p, end);
    if (inB(shingle)) state.fill(1, p, end);
  }
  if (bridge) bridgeGaps(state, pairs && ((w) => pairedWith(w, pairs.of, pairs.in)));
  let reproduced = 0;
  let counted = 0;
  let textReproduced = 0;
  let text = 0;
  // A run of boilerplate B shares, and whether a reproduced word stands right before it.
  let passage = 0;
  let run = 0;
  let afterReproduced = false;
  for (let w = 0; w < words; w++) {
    if (boilerplate[w]) {
      if (sharedBoilerplate?.[w]) run++;
      else {
        if (afterReproduced) passage += run;
        run = 0;
        afterReproduced = false;
      }
      continue;
    }
    counted++;
    reproduced += state[w]!;
    if (afterReproduced || state[w]) passage += run;
    run = 0;
    afterReproduced = state[w] === 1;
    if (formula?.[w]) continue;
    text++;
    textReproduced += state[w]!;
  }
  const share = counted === 0 ? 0 : reproduced / counted;
  if (afterReproduced) passage += run;
  passage += reproduced;
  if (!formula) return { words: reproduced, share, counted, passage };
  return { words: reproduced, share, textShare: text === 0 ? 0 : textReproduced / text, counted, passage };
}

/**
 * Of A's facts (the positions of its numbers, towns and days: Fingerprint.facts), those B keeps (a
 * shingle covering it is B's) and those it changes: none is, while the shingles ending just before it
 * and starting just after it, or its group, are; or, given both articles' slots (factSlots), B states
 * another fact in one of its slots and not this one there ("أسفرت عن توقيف خمسة أشخاص" where A had
 * "وتوقيف أربعة أشخاص": the words around a fact reworded on one side), boilerplate or not.
 */
export function factsKept(
  sequenceA: Uint32Array,
  sortedB: Uint32Array,
  facts: ArrayLike<number>,
  slots?: { of: Uint32Array; in: Uint32Array },
  values?: { of: Uint32Array; in: Uint32Array },
): FactsRead {
  const readings = new Uint8Array(facts.length);
  for (let i = 0; i < facts.length; i++) {
    const { covering, before, after } = factContext(sequenceA, facts, i);
    if (covering.some((shingle) => has(sortedB, shingle))) readings[i] = KEPT;
    else if (before !== undefined && after !== undefined && has(sortedB, before) && has(sortedB, after)) readings[i] = CHANGED;
    else if (slots && slotChanged(slots.of, i, slots.in)) readings[i] = CHANGED;
  }
  return values ? countDistinctFacts(readings, values.of, values.in) : { kept: count(readings, KEPT), changed: count(readings, CHANGED) };
}

/** How many of an item's facts a later article keeps and changes; with values, how many of those changed are figures (not towns). */
export interface FactsRead {
  kept: number;
  changed: number;
  changedFigures?: number;
}

const KEPT = 2;
const CHANGED = 1;
const count = (readings: Uint8Array, reading: number) => readings.reduce((n, r) => n + (r === reading ? 1 : 0), 0);

/** Fingerprint.values' flags: a town's name; a word that continues the statement the fact before it began. */
export const FACT_TOWN = 1;
export const FACT_CONTINUED = 2;
/** A fact's value without FACT_CONTINUED: what B's values are asked for. */
export const statedValue = (value: number) => (value & ~FACT_CONTINUED) >>> 0;

/**
 * Facts counted once per value, as each fact's readings (KEPT, CHANGED or 0, per word; Fingerprint.values
 * gives the value and its flags). One statement of several words is kept where all of them are, else
 * changed where one is ("920 ألف" against "870 ألف": ألف kept, the number changed); a value is kept where
 * any of its statements is, else changed where one is and B states it nowhere (`sortedValuesB`, as
 * statedValue: a pickup writing "ثلاثين" for "30" has changed no fact). A town kept counts for neither:
 * another event at the same place in the same words keeps it as a pickup does, so only its figures and
 * days tell the two apart; a town changed is another place's event.
 */
export function countDistinctFacts(readings: Uint8Array, valuesA: Uint32Array, sortedValuesB: Uint32Array): Required<FactsRead> {
  const reading = new Map<number, number>();
  for (let i = 0; i < readings.length; ) {
    let allKept = true;
    let anyChanged = false;
    let next = i;
    do {
      allKept &&= readings[next] === KEPT;
      anyChanged ||= readings[next] === CHANGED;
      next++;
    } while (next < readings.length && valuesA[next]! & FACT_CONTINUED);
    const value = statedValue(valuesA[i]!);
    reading.set(value, Math.max(reading.get(value) ?? 0, allKept ? KEPT : anyChanged ? CHANGED : 0));
    i = next;
  }
  let kept = 0;
  let changed = 0;
  let changedFigures = 0;
  for (const [value, r] of reading) {
    if (r === KEPT && (value & FACT_TOWN) === 0) kept++;
    else if (r === CHANGED && !has(sortedValuesB, value)) {
      changed++;
      if ((value & FACT_TOWN) === 0) changedFigures++;
    }
  }
  return { kept, changed, changedFigures };
}

/** Values per fact in Fingerprint.slots: before the fact, after it; each the slot, then the slot with the fact in it. */
export const SLOT_VALUES = 4;

/**
 * The slots of an article's facts: per fact (its group, as factContext reads it), the two words
 * before it and the two after it, each as one hash, then that hash with the group's words in it (0
 * at the text's edges). Two communiqués in one house style that report other facts fill the same
 * slots otherwise, however their sentences were rearranged around them. A group that may go on past
 * the text's edge (fewer than SHINGLE_SIZE - 1 words beyond it, where another fact would join it) has
 * no slot on its other side: a pickup cut off after "بطنجة، يوم" has not put "بطنجة" where the
 * original wrote "بطنجة، يوم الأربعاء، شخصين". Given each fact's kind (FACT_KIND_*), a slot is one
 * of the kinds its group holds: a weekday where the item gave a date ("يوم الجمعة" for "يوم 5 دجنبر")
 * is the same day written another way, not another fact in its place.
 */
export function factSlots(words: ArrayLike<number>, facts: ArrayLike<number>, kinds?: ArrayLike<number>): Uint32Array {
  const slots = new Uint32Array(facts.length * SLOT_VALUES);
  for (let i = 0; i < facts.length; i++) {
    const { from, to, first, last } = factGroup(facts, i);
    const value = combine(words, from, to - from + 1);
    let kind = 0;
    if (kinds) for (let k = first; k <= last; k++) kind |= kinds[k]!;
    const at = i * SLOT_VALUES;
    if (from >= 2 && to + SHINGLE_SIZE - 1 < words.length) {
      slots[at] = kind ? slotHash(BEFORE, words[from - 2]!, words[from - 1]!, kind) : slotHash(BEFORE, words[from - 2]!, words[from - 1]!);
      slots[at + 1] = slotHash(slots[at]!, value);
    }
    if (to + 2 < words.length && from >= SHINGLE_SIZE - 1) {
      slots[at + 2] = kind ? slotHash(AFTER, words[to + 1]!, words[to + 2]!, kind) : slotHash(AFTER, words[to + 1]!, words[to + 2]!);
      slots[at + 3] = slotHash(slots[at + 2]!, value);
    }
  }
  return slots;
}

const BEFORE = 0x5b1;
const AFTER = 0xa17;
/** What a fact states, for its slots (factSlots): a number, a day, a town. */
export const FACT_KIND_NUMBER = 1;
export const FACT_KIND_DAY = 2;
export const FACT_KIND_TOWN = 4;
const slotHash = (...parts: number[]) => combine(parts, 0, parts.length) || 1;

/**
 * Whether B, given the sorted distinct values of its slots, fills a slot of A's fact `i` with another
 * fact and not with this one.
 */
export function slotChanged(slotsA: ArrayLike<number>, i: number, slotsB: Uint32Array): boolean {
  for (let side = 0; side < SLOT_VALUES; side += 2) {
    const slot = slotsA[i * SLOT_VALUES + side]!;
    if (slot !== 0 && has(slotsB, slot) && !has(slotsB, slotsA[i * SLOT_VALUES + side + 1]!)) return true;
  }
  return false;
}

/**
 * The shingles around fact `i` (word facts[i]): the SHINGLE_SIZE covering it (those that exist), the
 * one ending just before it and the one starting just after it (undefined at the text's edges). Facts
 * fewer than SHINGLE_SIZE words apart are read as one group, which those two shingles frame: in
 * "تتراوح أعمارهم بين 22 و43 سنة" each age stands in the other's context, and both change together.
 */
export function factContext(sequence: Uint32Array, facts: ArrayLike<number>, i: number): { covering: number[]; before: number | undefined; after: number | undefined } {
  const w = facts[i]!;
  const covering: number[] = [];
  for (let start = Math.max(0, w - SHINGLE_SIZE + 1); start <= Math.min(w, sequence.length - 1); start++) covering.push(sequence[start]!);
  const { from, to } = factGroup(facts, i);
  const before = from - SHINGLE_SIZE >= 0 ? sequence[from - SHINGLE_SIZE] : undefined;
  const after = to + 1 < sequence.length ? sequence[to + 1] : undefined;
  return { covering, before, after };
}

/** The first and last word of fact `i`'s group, the facts fewer than SHINGLE_SIZE words apart around it, and their first and last index. */
function factGroup(facts: ArrayLike<number>, i: number): { from: number; to: number; first: number; last: number } {
  let first = i;
  while (first > 0 && facts[first]! - facts[first - 1]! < SHINGLE_SIZE) first--;
  let last = i;
  while (last + 1 < facts.length && facts[last + 1]! - facts[last]! < SHINGLE_SIZE) last++;
  return { from: facts[first]!, to: facts[last]!, first, last };
}

/**
 * Marks reproduced (1) the inner words of each run of 2 to BRIDGED_GAP unreproduced words (0) that
 * reproduced words bound on both sides, and, given `kept`, the words it keeps of each longer such run
 * up to PAIRED_GAP words. `reproduced` holds 0 and 1 per word, in text order.
 */
export function bridgeGaps(reproduced: Uint8Array, kept?: (word: number) => boolean): void {
  let lastReproduced = -1;
  for (let w = 0; w < reproduced.length; w++) {
    if (reproduced[w] !== 1) continue;
    const gap = w - lastReproduced - 1;
    if (lastReproduced >= 0 && gap >= 2 && gap <= BRIDGED_GAP) reproduced.fill(1, lastReproduced + 2, w - 1);
    else if (kept && lastReproduced >= 0 && gap > BRIDGED_GAP && gap <= PAIRED_GAP) {
      for (let k = lastReproduced + 1; k < w; k++) if (kept(k)) reproduced[k] = 1;
    }
    lastReproduced = w;
  }
}

/** Whether word `w` of A is part of a pair of A's words (pairsOfA: the one starting at each word) that B has. */
export function pairedWith(w: number, pairsOfA: Uint32Array, sortedPairsOfB: Uint32Array): boolean {
  return (w > 0 && has(sortedPairsOfB, pairsOfA[w - 1]!)) || (w < pairsOfA.length && has(sortedPairsOfB, pairsOfA[w]!));
}

/** The values two sorted arrays both hold, sorted. */
export function sortedIntersection(a: Uint32Array, b: Uint32Array): Uint32Array {
  const both = new Uint32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      both[n++] = a[i]!;
      i++;
      j++;
    }
  }
  return both.subarray(0, n);
}

/** A sorted array as a lookup (a binary search per question). */
export function sortedLookup(sorted: Uint32Array): ShingleLookup {
  return { size: sorted.length, has: (value) => has(sorted, value) };
}

function increasing(values: Uint32Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i]! <= values[i - 1]!) return false;
  return true;
}

function has(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const BIN_BITS = Math.log2(SIGNATURE_SIZE);
const VALUE_BITS = 32 - BIN_BITS;
const EMPTY = 0xffffffff;

/**
 * MinHash signature by one-permutation hashing with densification (Shrivastava, 2017): one hash
 * per shingle splits the hash range into SIGNATURE_SIZE bins and each bin keeps its smallest value;
 * an empty bin borrows from the next non-empty one, salted with the distance. It estimates Jaccard
 * like SIGNATURE_SIZE independent hash functions do, for 1/SIGNATURE_SIZE of the work. Values are
 * kept to 16 bits (ample to tell them apart; half what the shared index would store otherwise).
 */
export function minhash(shingleSet: Uint32Array): Uint16Array {
  const signature = new Uint16Array(SIGNATURE_SIZE).fill(0xffff);
  if (shingleSet.length === 0) return signature;
  const bins = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  for (const shingle of shingleSet) {
    const bin = shingle >>> VALUE_BITS;
    const value = shingle & ((1 << VALUE_BITS) - 1);
    if (value < bins[bin]!) bins[bin] = value;
  }
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    let distance = 0;
    let from = i;
    while (bins[from] === EMPTY) {
      from = (from + 1) % SIGNATURE_SIZE;
      distance++;
    }
    const value = distance === 0 ? bins[from]! : mix32(bins[from]! ^ Math.imul(distance, 0x9e3779b9)) & ((1 << VALUE_BITS) - 1);
    signature[i] = value >>> (VALUE_BITS - 16);
  }
  return signature;
}

/** One key per band: the band's number and its values, so equal keys mean an equal band. */
export function bandKeys(signature: Uint16Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS_PER_BAND; r++) h = Math.imul(h ^ signature[b * ROWS_PER_BAND + r]!, 0x01000193);
    keys.push(mix32(h));
  }
  return keys;
}

/** What is asked of a set of shingles (a ShingleSet, or a Set). */
export type ShingleLookup = Pick<ReadonlySet<number>, 'has' | 'size'>;

/** The `count` smallest of sorted shingles that `excluded` does not hold. */
export function smallestExcept(sorted: Uint32Array, excluded: ShingleLookup, count: number): Uint32Array {
  const kept = new Uint32Array(Math.min(count, sorted.length));
  let n = 0;
  for (let i = 0; i < sorted.length && n < kept.length; i++) if (!excluded.has(sorted[i]!)) kept[n++] = sorted[i]!;
  return kept.subarray(0, n);
}

/** Whether any of the shingles is in the set. */
export function holdsAny(shingles: Uint32Array, set: ShingleLookup): boolean {
  if (set.size === 0) return false;
  for (const shingle of shingles) if (set.has(shingle)) return true;
  return false;
}

/**
 * A fixed set of shingles asked about for every article (every reference's): a sorted array behind a
 * bitmap of their low 16 bits, which answers most misses with one read (a Set of 32-bit hashes is
 * several times slower: most of them are heap numbers to V8).
 */
export class ShingleSet {
  private readonly sorted: Uint32Array;
  private readonly low16 = new Uint8Array(1 << 13);

  constructor(shingles: Iterable<number>) {
    // A fingerprint's shingles are sorted already, and never change: made for each new article's
    // lookup, they are kept as they are, not copied.
    this.sorted = shingles instanceof Uint32Array && increasing(shingles) ? shingles : distinctSorted(Uint32Array.from(shingles));
    for (const shingle of this.sorted) this.low16[(shingle & 0xffff) >>> 3]! |= 1 << (shingle & 7);
  }

  get size(): number {
    return this.sorted.length;
  }

  has(shingle: number): boolean {
    return (this.low16[(shingle & 0xffff) >>> 3]! & (1 << (shingle & 7))) !== 0 && has(this.sorted, shingle);
  }
}
