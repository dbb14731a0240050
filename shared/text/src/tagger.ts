import { CORE_SCHEMA, load } from 'js-yaml';
import { z } from 'zod';
import { canonical } from './forms.js';
import { tokenizeWithOffsets, wordEnd, type Tokens } from './tokens.js';

const PhraseSchema = z.union([z.string().min(1), z.strictObject({ phrase: z.string().min(1), when: z.string().min(1).optional() })]);
/**
 * A place, or one whose name a place of another country bears too (Morocco's Kenitra is Syria's
 * Quneitra in Arabic): that one counts as named only where the article names the `elsewhere` places
 * no more than its `home` (an outlet's country counts as named).
 */
const PlacePhraseSchema = z.union([
  z.string().min(1),
  z.strictObject({ phrase: z.string().min(1), elsewhere: z.array(z.string()).min(1), home: z.array(z.string()).min(1) }),
]);
/** A place list's name, or several lists' names read as one list. */
const PlacesSchema = z.union([z.string(), z.array(z.string()).min(1)]).transform((names) => [names].flat());
/**
 * A visiting delegation's words: a country named after one of `of`'s words (وفدا أمنيا موريتانيا، وفد
 * من الشرطة التونسية، une délégation de la police sénégalaise) or before one of `before`'s (a Mauritanian
 * police delegation), with only `through`'s words between (security, police, of, high-level...), is
 * where the guests come from, not where the institution named near it is.
 */
const GuestsSchema = z.strictObject({ of: PlacesSchema, before: PlacesSchema, through: PlacesSchema });
const NearSchema = z.strictObject({
  place: PlacesSchema,
  words: z.number().int().positive(),
  /**
   * Not counting a place that qualifies another noun than the phrase: a guests' country (GuestsSchema),
   * or one right after another naming of the phrase's tag (the other country's institution, named
   * beside this one). A place right after the phrase itself always counts.
   */
  guests: GuestsSchema.optional(),
});
const ConditionSchema = z.strictObject({
  /** The article names at least one of these places. */
  requireAny: PlacesSchema.optional(),
  /** `requireAny` is taken to hold in an article that names none of these places either (nor its own). */
  assumeWhenNoneOf: PlacesSchema.optional(),
  /** One of these places is named by the very next words ("أمن طنجة", "police de Casablanca"). */
  followedBy: PlacesSchema.optional(),
  /**
   * The `followedBy` place may come after a preposition (attached, or في) and the word "town": for
   * services named by the town they work in (الشرطة القضائية بطنجة، بمدينة طنجة، في طنجة). `only`:
   * it must, for towns whose bare name would read as an adjective of the phrase ("استراتيجية الأمن
   * الوطني الجديدة" is a new strategy, "الأمن الوطني بالجديدة" the police of El Jadida).
   */
  placeAfterPreposition: z.union([z.boolean(), z.literal('only')]).optional(),
  /** One of these places is named by the words just before ("Casablanca police"). */
  precededBy: PlacesSchema.optional(),
  /** None of these places is named by the words just before (another person's given name before a surname: محمد حموشي). */
  notPrecededBy: PlacesSchema.optional(),
  /**
   * Another person of the phrase's name: where the text names one (one of `named` right before an
   * occurrence of a phrase of the tag under this condition: "قال محمد حموشي"), it then calls him by the
   * name alone ("وأضاف حموشي"), so an occurrence counts only right after one of `his` (عبد اللطيف حموشي).
   */
  anotherOfTheName: z.strictObject({ named: PlacesSchema, his: PlacesSchema }).optional(),
  /** None of these places within `words` words of the phrase (one such rule, or several; read as a list). */
  forbidNear: z
    .union([NearSchema, z.array(NearSchema).min(1)])
    .transform((near) => [near].flat())
    .optional(),
  /** These places are not named more often than the `requireAny` ones. */
  forbidDominant: PlacesSchema.optional(),
  /** The phrase opens the text (its headline) and a colon follows it, as a headline's source does ("الأمن الوطني: توقيف…"). */
  headlineSource: z.boolean().optional(),
  /**
   * One text means one thing by the phrase: where the condition rules one occurrence out, it rules
   * them all out ("انتشار عناصر الشرطة الدولية في غزة" says what the headline "الشرطة الدولية في غزة" is).
   */
  oneSensePerText: z.boolean().optional(),
});
export const AliasFileSchema = z.strictObject({
  places: z.record(z.string(), z.array(PlacePhraseSchema)).default({}),
  /** Which place list an outlet's country (ISO 3166-1 alpha-2, the source's `country`) stands for. */
  countries: z.record(z.string().regex(/^[A-Z]{2}$/), z.string()).default({}),
  /** Outlets whose domain does not say their country (hespress.com): domain, then ISO 3166-1 alpha-2. */
  outlets: z.record(z.string().regex(/^[a-z0-9.-]+\.[a-z]+$/), z.string().regex(/^[A-Z]{2}$/)).default({}),
  conditions: z.record(z.string(), ConditionSchema).default({}),
  tags: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.strictObject({ phrases: z.array(PhraseSchema).min(1) })),
});
export type AliasFile = z.infer<typeof AliasFileSchema>;

export interface TagEvidence {
  /** The phrase of the alias file that matched. */
  alias: string;
  /** Where the match starts in the (entity-decoded) text, in UTF-16 code units. */
  offset: number;
  /** The words as the text writes them. */
  matched: string;
}

export interface TagResult {
  tags: string[];
  /** Per tag, its first EVIDENCE_PER_TAG occurrences in the text. */
  evidence: Record<string, TagEvidence[]>;
}

/** A place a text names: its list, and the positions of its first and last word. */
export interface PlaceNamed {
  list: string;
  /** The list's phrase it matched, as the list writes it: one name however the text joins its clitics. */
  phrase: string;
  start: number;
  end: number;
}

/** Occurrences kept as a tag's evidence: enough to show why; a long text can name Interpol thousands of times. */
export const EVIDENCE_PER_TAG = 20;

interface PhraseRef {
  owner: string; // a tag, or `place:<name>`
  /** A place phrase's list: the `<name>` of its owner. */
  place?: string;
  phrase: string;
  length: number;
  /** Its first word, as matching sees it. */
  first: string;
  when?: string;
  /** Of a place another country has too: see PlacePhraseSchema. */
  homonym?: { elsewhere: string[]; home: string[] };
}

interface TrieNode {
  next: Map<string, TrieNode>;
  outputs: PhraseRef[];
}

/** The words of a text a phrase's evidence spans, first and last. */
interface Span {
  start: number;
  end: number;
}

const NO_STATES: readonly TrieNode[] = [];

interface Match {
  ref: PhraseRef;
  start: number;
  end: number; // index of the last word
}

/**
 * A compiled alias file: every phrase of every tag and place in one word trie, run over the text's
 * words in a single left-to-right pass (the set of live trie states is at most the longest phrase).
 */
export class Tagger {
  private readonly root: TrieNode = { next: new Map(), outputs: [] };
  private readonly file: AliasFile;
  /** Words in the longest place phrase. */
  private longestPlace = 0;
  /** The states each word's forms start (see phrasesStartingAt); kept while the forms are. */
  private readonly firstStates = new WeakMap<readonly string[], readonly TrieNode[]>();

  constructor(file: AliasFile) {
    this.file = file;
    for (const [tag, { phrases }] of Object.entries(file.tags)) {
      for (const entry of phrases) {
        const { phrase, when } = typeof entry === 'string' ? { phrase: entry, when: undefined } : entry;
        if (when && !file.conditions[when]) throw new Error(`tag "${tag}": phrase "${phrase}" names unknown condition "${when}"`);
        this.insert({ owner: tag, phrase, ...(when ? { when } : {}) });
      }
    }
    for (const [place, phrases] of Object.entries(file.places)) {
      for (const entry of phrases) {
        if (typeof entry === 'string') {
          this.insert({ owner: `place:${place}`, phrase: entry });
          continue;
        }
        const { phrase, elsewhere, home } = entry;
        for (const list of [...elsewhere, ...home]) if (!file.places[list]) throw new Error(`place list "${place}": "${phrase}" names unknown place list "${list}"`);
        this.insert({ owner: `place:${place}`, phrase, homonym: { elsewhere, home } });
      }
    }
    for (const [country, place] of Object.entries(file.countries)) if (!file.places[place]) throw new Error(`country ${country} names unknown place list "${place}"`);
    for (const [name, condition] of Object.entries(file.conditions)) {
      const { requireAny, assumeWhenNoneOf, followedBy, precededBy, notPrecededBy, anotherOfTheName, forbidDominant, forbidNear } = condition;
      const near = (forbidNear ?? []).flatMap((rule) => [rule.place, ...(rule.guests ? [rule.guests.of, rule.guests.before, rule.guests.through] : [])]);
      const another = anotherOfTheName ? [anotherOfTheName.named, anotherOfTheName.his] : [];
      const named = [requireAny, assumeWhenNoneOf, followedBy, precededBy, notPrecededBy, forbidDominant, ...near, ...another].flat();
      for (const place of named) if (place !== undefined && !file.places[place]) throw new Error(`condition "${name}" names unknown place list "${place}"`);
    }
  }

  /**
   * Where an article's outlet publishes from, by its address: a listed outlet (and its subdomains,
   * ar.hibapress.com), else the country-code domain (hespress.ma -> MA); undefined when neither says.
   */
  countryOfUrl(url: string | undefined): string | undefined {
    const host = hostOf(url);
    if (!host) return undefined;
    for (let domain = host; domain.includes('.'); domain = domain.slice(domain.indexOf('.') + 1)) {
      const country = this.file.outlets[domain];
      if (country) return country;
    }
    const tld = host.split('.').pop() ?? '';
    return /^[a-z]{2}$/.test(tld) ? tld.toUpperCase() : undefined;
  }

  get tagNames(): string[] {
    return Object.keys(this.file.tags);
  }

  private insert(ref: Omit<PhraseRef, 'length' | 'first' | 'place'>): void {
    const words = tokenizeWithOffsets(ref.phrase).words.map(canonical);
    if (words.length === 0) throw new Error(`alias "${ref.phrase}" has no words`);
    let node = this.root;
    for (const word of words) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { next: new Map(), outputs: [] }));
      node = child;
    }
    // Two spellings that fold to one would match every occurrence twice.
    const same = node.outputs.find((other) => other.owner === ref.owner && other.when === ref.when);
    if (same) throw new Error(`${describeOwner(ref.owner)}: "${ref.phrase}" is "${same.phrase}" once folded`);
    const place = ref.owner.startsWith('place:') ? ref.owner.slice('place:'.length) : undefined;
    node.outputs.push({ ...ref, length: words.length, first: words[0]!, ...(place ? { place } : {}) });
    if (place) this.longestPlace = Math.max(this.longestPlace, words.length);
  }

  /** Every phrase occurrence, in one pass over the words. */
  private matches(wordForms: readonly (readonly string[])[]): Match[] {
    const found: Match[] = [];
    let live: TrieNode[] = [];
    for (let i = 0; i < wordForms.length; i++) {
      const forms = wordForms[i]!;
      // A phrase may start at this word (the root's children it names) or go on from one of the live states.
      const nextLive = [...this.phrasesStartingAt(forms)];
      for (const node of live) {
        for (const form of forms) {
          const child = node.next.get(form);
          if (child) nextLive.push(child);
        }
      }
      for (const node of nextLive) for (const ref of node.outputs) found.push({ ref, start: i - ref.length + 1, end: i });
      live = nextLive;
    }
    return found;
  }

  /**
   * The trie states a word starts, by its forms: the tokenizer hands every occurrence of one written
   * word the same forms, and most words start no phrase, so one lookup per word replaces one per form.
   */
  private phrasesStartingAt(forms: readonly string[]): readonly TrieNode[] {
    let states = this.firstStates.get(forms);
    if (states === undefined) {
      states = forms.flatMap((form) => this.root.next.get(form) ?? []);
      this.firstStates.set(forms, states.length > 0 ? states : NO_STATES);
    }
    return states;
  }

  /**
   * The tags of a text, each with the evidence that earned it. `country` is where the outlet publishes
   * from: a Moroccan outlet's article is set in Morocco even when it names no Moroccan place (it counts
   * as the place named once, nowhere in particular, so a foreign name near a phrase still rules it out).
   */
  tag(input: string | Tokens, context: { country?: string | undefined } = {}): TagResult {
    return this.tagNamingPlaces(input, context, []).tags;
  }

  /**
   * As tag, and where the text names a place of these lists (its first and last word, and its list;
   * in no particular order): the matching that tagging does anyway finds them.
   */
  tagNamingPlaces(input: string | Tokens, context: { country?: string | undefined }, lists: readonly string[]): { tags: TagResult; places: PlaceNamed[] } {
    const tokens = typeof input === 'string' ? tokenizeWithOffsets(input) : input;
    // Places and the tags' own phrases apart, once: a long text names dozens of places, and each
    // phrase is compared with every other phrase below.
    const placeMatches: Match[] = [];
    const phrases: Match[] = [];
    for (const match of this.matches(tokens.forms)) (isPlace(match) ? placeMatches : phrases).push(match);
    const places = new PlacesNamed(placeMatches, context.country ? this.file.countries[context.country] : undefined, this.longestPlace);
    const evidence: Record<string, TagEvidence[]> = {};
    const oneSense = this.oneSenseSpans(phrases, places, tokens);
    for (const match of phrases) {
      const { owner, when, phrase } = match.ref;
      if ((evidence[owner]?.length ?? 0) >= EVIDENCE_PER_TAG || oneSense.ruledOut.has(match.ref)) continue;
      const span = oneSense.spans.has(match) ? oneSense.spans.get(match) : when ? this.spanWhere(this.file.conditions[when]!, match, places, tokens, phrases) : match;
      if (!span || withinAnotherTagsName(match, phrases)) continue;
      const offset = tokens.offsets[span.start]!;
      const endOffset = tokens.offsets[span.end]! + wordLength(tokens.text, tokens.offsets[span.end]!);
      (evidence[owner] ??= []).push({ alias: phrase, offset, matched: tokens.text.slice(offset, endOffset) });
    }
    const tags = this.tagNames.filter((tag) => evidence[tag]?.length);
    const named = lists.length === 0 ? [] : placeMatches.filter((m) => lists.includes(m.ref.place!)).map(({ ref, start, end }) => ({ list: ref.place!, phrase: ref.phrase, start, end }));
    return { tags: { tags, evidence }, places: named };
  }

  /**
   * The occurrences of the phrases under a oneSensePerText condition, judged first (their spans, kept
   * for the evidence), and those phrases it rules out at one occurrence at least.
   */
  private oneSenseSpans(phrases: readonly Match[], places: PlacesNamed, tokens: Tokens): { spans: Map<Match, Span | undefined>; ruledOut: Set<PhraseRef> } {
    const spans = new Map<Match, Span | undefined>();
    const ruledOut = new Set<PhraseRef>();
    for (const match of phrases) {
      const condition = match.ref.when ? this.file.conditions[match.ref.when]! : undefined;
      if (!condition?.oneSensePerText || ruledOut.has(match.ref)) continue;
      const span = this.spanWhere(condition, match, places, tokens, phrases);
      spans.set(match, span);
      if (!span) ruledOut.add(match.ref);
    }
    return { spans, ruledOut };
  }

  /**
   * The words a phrase's evidence spans when its condition holds (with the town a phrase needs beside
   * it: "أمن طنجة", not "أمن"), else undefined.
   */
  private spanWhere(condition: AliasFile['conditions'][string], match: Match, places: PlacesNamed, tokens: Tokens, phrases: readonly Match[]): Span | undefined {
    if (condition.requireAny && places.times(condition.requireAny) === 0) {
      if (!condition.assumeWhenNoneOf || places.times(condition.assumeWhenNoneOf) > 0) return undefined;
    }
    let { start, end } = match;
    if (condition.followedBy) {
      // Written bare, the town names the command (أمن طنجة); after a preposition it is where (الأمن بطنجة).
      let next = match.end + 1;
      if (!inOnePhrase(tokens, match.end)) return undefined;
      // "الشرطة القضائية بمدينة طنجة", "عناصر الشرطة في مدينة طنجة", "بميناء طنجة المتوسط": the
      // preposition may be a word of its own, and the word "town", "port" or "airport" may stand before
      // the name (unless it is part of the name: مدينة العيون، مطار محمد الخامس).
      let preposition = false;
      if (condition.placeAfterPreposition) {
        if (tokens.forms[next]?.includes(IN) && inOnePhrase(tokens, next)) {
          preposition = true;
          next++;
        }
        const placeNoun = tokens.forms[next]?.some((form) => PLACE_NOUNS.has(form)) && inOnePhrase(tokens, next);
        if (placeNoun && !places.startingAt(condition.followedBy, next)) {
          preposition ||= startsWithIn(tokens.words[next]!);
          next++;
        }
      }
      const place = places.startingAt(condition.followedBy, next);
      if (!place) return undefined;
      const bare = canonical(tokens.words[place.start]!) === place.ref.first;
      if (!condition.placeAfterPreposition && !bare) return undefined;
      if (condition.placeAfterPreposition === 'only' && !preposition && (bare || !startsWithIn(tokens.words[place.start]!))) return undefined;
      end = place.end;
    }
    if (condition.precededBy) {
      const place = places.endingAt(condition.precededBy, match.start - 1);
      if (!place || !inOnePhrase(tokens, match.start - 1)) return undefined;
      start = place.start;
    }
    const after = (lists: string[], m: Match) => places.endingAt(lists, m.start - 1) !== undefined && inOnePhrase(tokens, m.start - 1);
    if (condition.notPrecededBy && after(condition.notPrecededBy, match)) return undefined;
    if (condition.anotherOfTheName && !after(condition.anotherOfTheName.his, match)) {
      const { named } = condition.anotherOfTheName;
      if (phrases.some((other) => other.ref.owner === match.ref.owner && other.ref.when === match.ref.when && after(named, other))) return undefined;
    }
    if (condition.headlineSource && !opensTextBeforeColon(tokens, match)) return undefined;
    const another = (place: Match) => qualifiesAnother(place, match, phrases);
    if (condition.forbidNear?.some((near) => places.near(near, match, another))) return undefined;
    if (condition.forbidDominant && condition.requireAny) {
      if (places.times(condition.forbidDominant) > places.times(condition.requireAny)) return undefined;
    }
    return { start, end };
  }

}

const isPlace = (match: Match) => match.ref.place !== undefined;

/** Whether a place near the match is right after another naming of the match's tag, which it qualifies (see NearSchema). */
function qualifiesAnother(place: Match, match: Match, phrases: readonly Match[]): boolean {
  return phrases.some((other) => other.ref.owner === match.ref.owner && other.end === place.start - 1 && other !== match);
}

/**
 * Whether the words matched are part of a longer phrase of another tag: the police of Interpol's name
 * (Organisation internationale de police criminelle) is Interpol, not a town's police.
 */
function withinAnotherTagsName(match: Match, phrases: readonly Match[]): boolean {
  return phrases.some(({ ref, start, end }) => ref.owner !== match.ref.owner && start <= match.start && match.end <= end && end - start > match.end - match.start);
}

/**
 * The places one text names, by list, in text order: conditions ask about them for every phrase
 * matched, which must not cost a pass over all of them each time (a long text names thousands).
 */
class PlacesNamed {
  private readonly byPlace = new Map<string, Match[]>();

  constructor(
    /** The places' matches, in order of their last word. */
    places: readonly Match[],
    /** The outlet's country's place list: it counts as named once, nowhere in particular. */
    private readonly home: string | undefined,
    /** Words in the longest place phrase. */
    private readonly longest: number,
  ) {
    // A place inside a longer one of another list is that one's word ("قادمة من المغرب" says where the
    // goods came from, so the story is elsewhere; "ريف القنيطرة" is Syria's): the longer one counts alone.
    // Matches come in order of their last word: those that may hold places[i] end with it or up to
    // the longest place's length after its first word.
    const inLonger = (i: number) => {
      const m = places[i]!;
      let j = i;
      while (j > 0 && places[j - 1]!.end === m.end) j--;
      for (; j < places.length && places[j]!.end < m.start + longest; j++) {
        const other = places[j]!;
        if (other.start <= m.start && other.end - other.start > m.end - m.start && other.ref.place !== m.ref.place) return true;
      }
      return false;
    };
    for (let i = 0; i < places.length; i++) {
      if (inLonger(i)) continue;
      const match = places[i]!;
      const list = this.byPlace.get(match.ref.place!);
      if (list) list.push(match);
      else this.byPlace.set(match.ref.place!, [match]);
    }
    this.dropHomonymsOfElsewhere();
  }

  /** A place another country has too is that country's where the article names it more than its home (homonyms aside). */
  private dropHomonymsOfElsewhere(): void {
    const plain = (lists: readonly string[]) =>
      lists.reduce((sum, list) => sum + (this.byPlace.get(list)?.filter((m) => !m.ref.homonym).length ?? 0) + (list === this.home ? 1 : 0), 0);
    for (const [place, named] of this.byPlace) {
      const kept = named.filter(({ ref: { homonym } }) => !homonym || plain(homonym.elsewhere) <= plain(homonym.home));
      if (kept.length !== named.length) this.byPlace.set(place, kept);
    }
  }

  /** How often the text names these lists' places (the outlet's country counting once). */
  times(lists: readonly string[]): number {
    return lists.reduce((sum, list) => sum + (this.byPlace.get(list)?.length ?? 0) + (list === this.home ? 1 : 0), 0);
  }

  /** One of these lists' places starting at word `index`, if any. */
  startingAt(lists: readonly string[], index: number): Match | undefined {
    return this.placeAt(lists, index, 'starts');
  }

  /** One of these lists' places ending at word `index`, if any. */
  endingAt(lists: readonly string[], index: number): Match | undefined {
    return this.placeAt(lists, index, 'ends');
  }

  private placeAt(lists: readonly string[], index: number, side: 'starts' | 'ends'): Match | undefined {
    for (const list of lists) {
      const found = this.bounds(list)[side].get(index);
      if (found) return found;
    }
    return undefined;
  }

  private readonly boundsByPlace = new Map<string, { starts: Map<number, Match>; ends: Map<number, Match> }>();

  /** A list's places by first and by last word, gathered the first time a condition asks. */
  private bounds(place: string): { starts: Map<number, Match>; ends: Map<number, Match> } {
    let bounds = this.boundsByPlace.get(place);
    if (!bounds) {
      const named = this.byPlace.get(place) ?? [];
      bounds = { starts: new Map(named.map((m) => [m.start, m])), ends: new Map(named.map((m) => [m.end, m])) };
      this.boundsByPlace.set(place, bounds);
    }
    return bounds;
  }

  /**
   * Whether one of the rule's places is named within its words of the match, besides those that
   * qualify another noun, for a rule with `guests` (a guests' country, and what `another` tells: see NearSchema).
   */
  near(rule: z.infer<typeof NearSchema>, match: Match, another: (place: Match) => boolean): boolean {
    const { guests } = rule;
    const counts = (place: Match) => !guests || place.start === match.end + 1 || !(another(place) || this.guest(guests, place));
    return rule.place.some((list) => this.nearOne(list, match, rule.words, counts));
  }

  /** Whether the place is where a visiting delegation comes from (see GuestsSchema). */
  private guest(guests: z.infer<typeof GuestsSchema>, place: Match): boolean {
    for (let k = 1; k <= GUEST_WORDS; k++) {
      if (this.endingAt(guests.of, place.start - k)) return true;
      if (!this.startingAt(guests.through, place.start - k)) break;
    }
    for (let k = 1; k <= GUEST_WORDS; k++) {
      if (this.startingAt(guests.before, place.end + k)) return true;
      if (!this.startingAt(guests.through, place.end + k)) break;
    }
    return false;
  }

  private nearOne(place: string, match: Match, words: number, counts: (place: Match) => boolean): boolean {
    const named = this.byPlace.get(place) ?? [];
    // The first place whose last word is at or after the window's start: ends are in order.
    let lo = 0;
    let hi = named.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (named[mid]!.end < match.start - words) lo = mid + 1;
      else hi = mid;
    }
    // Past a place ending this far beyond the window, every later one starts beyond it too.
    for (let i = lo; i < named.length && named[i]!.end <= match.end + words + this.longest; i++) {
      if (named[i]!.start <= match.end + words && counts(named[i]!)) return true;
    }
    return false;
  }
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

const describeOwner = (owner: string) => (owner.startsWith('place:') ? `place list "${owner.slice('place:'.length)}"` : `tag "${owner}"`);

/** How far from a delegation's word its country's name may stand (une délégation de la police sénégalaise: 4). */
const GUEST_WORDS = 5;

/** Words that may stand between a preposition and a town's name: town, port, airport. */
const PLACE_NOUNS = new Set(['مدينة', 'ميناء', 'مطار'].map((word) => canonical(tokenizeWithOffsets(word).words[0]!)));
const IN = canonical(tokenizeWithOffsets('في').words[0]!);
/** Whether a word is written with the preposition ب joined to it (بطنجة، وبمدينة); a name of its own that starts with ب is told apart by the caller. */
const startsWithIn = (word: string) => /^[\u0648\u0641]?\u0628/.test(word);
/** Nothing but spaces and quotes or brackets before a text's first word. */
const TEXT_START = /^[^\p{L}\p{N}]*$/u;
/** A colon right after a word (Arabic text may put a space, a joiner or a closing quote before it). */
const COLON_NEXT = /^[\p{Zs}\u200b-\u200f\p{Pf}\p{Pe}"']*[:：]/u;
/** Spaces, an apostrophe (d'Agadir) and invisible joiners: what may stand between two words of one phrase. */
const WITHIN_PHRASE = /^[\p{Zs}\t'’ʼ\u200b-\u200f\u2060\ufeff]+$/u;

/**
 * Whether word `i` and the next are read together: not split by a line break or punctuation, as a
 * headline ending in "الأمن" is from a text opening with its dateline ("الرباط –").
 */
function inOnePhrase(tokens: Tokens, i: number): boolean {
  const end = tokens.offsets[i]! + wordLength(tokens.text, tokens.offsets[i]!);
  return WITHIN_PHRASE.test(tokens.text.slice(end, tokens.offsets[i + 1]));
}

/**
 * Whether the words open the text and a colon follows them. Only the text's opening: a line of the
 * body that opens so is as often a slogan ("الأمن الوطني: مسؤولية الجميع").
 */
function opensTextBeforeColon(tokens: Tokens, { start, end }: Span): boolean {
  if (start !== 0 || !TEXT_START.test(tokens.text.slice(0, tokens.offsets[0]))) return false;
  const after = tokens.offsets[end]! + wordLength(tokens.text, tokens.offsets[end]!);
  return COLON_NEXT.test(tokens.text.slice(after, tokens.offsets[end + 1] ?? tokens.text.length));
}

const wordLength = (text: string, offset: number) => wordEnd(text, offset) - offset;

/**
 * Parses and compiles an alias file's YAML text; errors name the key at fault. js-yaml, not the
 * `yaml` package the config reads with (for its line and column of every field): the alias file is
 * 90 KB, which `yaml` took 40-160 ms to read, a classifier's whole start-up, and js-yaml 2-30 ms.
 */
export function compileTagger(yamlText: string): Tagger {
  const parsed = AliasFileSchema.safeParse(load(yamlText, { schema: CORE_SCHEMA }));
  if (!parsed.success) throw new Error(`invalid alias file: ${z.prettifyError(parsed.error)}`);
  return new Tagger(parsed.data);
}
