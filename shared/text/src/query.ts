import { tokenize, tokenizeWithOffsets, wordEnd } from './tokens.js';
import { canonical } from './forms.js';
import { NAME_SPELLINGS } from './name-spellings.js';
import { passage, type Passage } from './passage.js';

/**
 * Keyword queries for alert rules: words, "quoted phrases", AND (or nothing), OR, NOT, parentheses,
 * `a NEAR/n b` (within n words), and `word*` for every word that starts with it (مغرب* finds
 * المغربي، المغربية، للمغرب, as media-monitoring tools' queries do). Matched on normalised text the way the tagger matches: hamza
 * and ta marbuta variants, diacritics and tatweel folded, and a text word with a proclitic
 * (و ف ب ك ل ال …) matching the bare query word.
 *
 * The operators are read as people write them in a search box, since a query that takes an operator
 * for a word finds nothing, or the opposite of what was asked, without saying so: in any case, in
 * Arabic (أو / او for OR, a lone و for AND) and `-word` for NOT (`+word` is a word every match holds).
 * A bare NEAR, without its distance, is a syntax error rather than a word. A word, quoted phrase or
 * words written one after the other that are a name (NameSpellings) find its other spellings too
 * (`Hammouchi`, حموشي), on either side of a NEAR too, as a team watching Arabic news through a search
 * box in French or English expects.
 */
export type QueryNode =
  | { kind: 'terms'; words: string[] }
  | { kind: 'and' | 'or'; nodes: QueryNode[] }
  | { kind: 'not'; node: QueryNode }
  /** Each side: one phrase, or a name's spellings, any of which may stand there. */
  | { kind: 'near'; left: TermsNode[]; right: TermsNode[]; distance: number };
type TermsNode = { kind: 'terms'; words: string[] };

export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
  /** `arabic`: the same, for the newsroom, whose page and readers are Arabic. */
  constructor(
    message: string,
    readonly arabic: string,
  ) {
    super(message);
  }
}

type Token =
  | { type: 'word'; words: string[] }
  | { type: 'phrase'; words: string[] }
  | { type: 'and' | 'or' | 'not' | '(' | ')'; written: string }
  | { type: 'near'; distance: number; written: string };

/** Operators as written (lowercased): English in any case, Arabic's "or" with or without its hamza, a lone و. */
const OPERATOR_WORDS: ReadonlyMap<string, 'and' | 'or' | 'not'> = new Map([
  ['and', 'and'],
  ['or', 'or'],
  ['not', 'not'],
  ['أو', 'or'],
  ['او', 'or'],
  ['و', 'and'],
]);

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  // A "-" or "+" sign only counts when it is attached to what it marks, as in search engines, and
  // not before a number ("كوفيد -19", "-5 درجات"), which it is part of.
  const pattern = /\s*([-+](?=["“«(]|[^\s()"“«\-+\p{Nd}]))?(?:"([^"]*)"|“([^”]*)”|«([^»]*)»|(\()|(\))|(NEAR\/(\d+))|([^\s()"“«]+))/giuy;
  let match: RegExpExecArray | null;
  let position = 0;
  while (position < query.length && (match = pattern.exec(query))) {
    position = pattern.lastIndex;
    const [, sign, quoted1, quoted2, quoted3, open, close, near, distance, bare] = match;
    const quoted = quoted1 ?? quoted2 ?? quoted3;
    if (sign === '-') tokens.push({ type: 'not', written: '-' });
    if (quoted !== undefined) {
      const words = termsOf(quoted);
      if (words.length === 0) throw new QuerySyntaxError('an empty quoted phrase', 'عبارة فارغة بين علامتي التنصيص');
      tokens.push({ type: 'phrase', words });
    } else if (open) tokens.push({ type: '(', written: open });
    else if (close) tokens.push({ type: ')', written: close });
    else if (near) tokens.push({ type: 'near', distance: Number(distance), written: near });
    else if (!sign && OPERATOR_WORDS.has(bare!.toLowerCase())) tokens.push({ type: OPERATOR_WORDS.get(bare!.toLowerCase())!, written: bare! });
    else if (/^NEAR(\/.*)?$/.test(bare!)) throw new QuerySyntaxError(`"${bare}" needs how many words apart its two sides may be, as in NEAR/5`, `«${bare}» يحتاج إلى عدد الكلمات الممكنة بين طرفيه، مثل NEAR/5`);
    else {
      const words = termsOf(bare!);
      if (words.length > 0) tokens.push({ type: 'word', words });
    }
  }
  const unread = query.slice(position).trim();
  if (unread) throw new QuerySyntaxError(`cannot read the query from "${unread}"`, `تعذرت قراءة البحث ابتداء من «${unread}»`);
  return tokens;
}

/** Marks a query word that stands for every word starting with it; normalised words never hold it. */
const PREFIX = '*';
/** A shorter start finds too much to mean anything: `م*` is most of an Arabic text. */
const MIN_PREFIX = 2;

/** The normalised words of what was written, a word written with a final `*` keeping it (see PREFIX). */
function termsOf(written: string): string[] {
  const terms: string[] = [];
  for (const chunk of written.split(/\s+/)) {
    const star = /\*+$/.exec(chunk);
    const body = star ? chunk.slice(0, star.index) : chunk;
    if (body.includes('*')) throw new QuerySyntaxError(`"*" goes at the end of a word, as in مغرب* for every word that starts with مغرب: "${chunk}"`, `«*» يوضع في آخر الكلمة، مثل مغرب* لكل كلمة تبدأ بـ«مغرب»: «${chunk}»`);
    const words = tokenize(body);
    if (star) {
      const start = canonical(words.pop() ?? '');
      if (start.length < MIN_PREFIX) throw new QuerySyntaxError(`"${chunk}": a word ending in "*" needs at least ${MIN_PREFIX} letters before it`, `«${chunk}»: تحتاج الكلمة المنتهية بـ«*» إلى حرفين على الأقل قبله`);
      words.push(`${start}${PREFIX}`);
    }
    terms.push(...words);
  }
  return terms;
}

/** Whether one of a text word's forms is this query word, or starts with it for `word*`. */
function formMatches(forms: readonly string[], term: string): boolean {
  if (!term.endsWith(PREFIX)) return forms.includes(term);
  const start = term.slice(0, -PREFIX.length);
  return forms.some((form) => form.startsWith(start));
}

/** A query word's start, for `word*`; undefined for a whole word. */
export function prefixOf(term: string): string | undefined {
  return term.endsWith(PREFIX) ? term.slice(0, -PREFIX.length) : undefined;
}

/** `names`: the names a query finds under their other spellings too. */
export function parseQuery(query: string, names = NameSpellings.bundled): QueryNode {
  return parse(query, names);
}

/**
 * The spellings of names, as written, that a query also looks for besides those it writes
 * (`Tanger`: طنجة، Tangier, Tangiers), for a search page to say why it finds what it finds.
 */
export function otherSpellingsSearched(query: string, names = NameSpellings.bundled): string[] {
  return new Query(query, names).alsoSearched;
}

function parse(query: string, names: NameSpellings, added: string[] = []): QueryNode {
  const tokens = lex(query);
  let i = 0;
  const peek = () => tokens[i];
  const or = (): QueryNode => {
    const nodes = [and()];
    while (peek()?.type === 'or') {
      i++;
      nodes.push(and());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'or', nodes };
  };
  const and = (): QueryNode => {
    const nodes = [unary()];
    for (let t = peek(); t && t.type !== 'or' && t.type !== ')'; t = peek()) {
      if (t.type === 'and') i++;
      nodes.push(unary());
    }
    return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
  };
  const unary = (): QueryNode => {
    if (peek()?.type === 'not') {
      i++;
      return { kind: 'not', node: unary() };
    }
    let node = primary();
    for (let t = peek(); t?.type === 'near'; t = peek()) {
      i++;
      const right = primary();
      if (node.kind !== 'terms' || right.kind !== 'terms') throw new QuerySyntaxError('NEAR joins two words or phrases (not groups, not another NEAR)', 'يربط NEAR بين كلمتين أو عبارتين، لا بين مجموعتين ولا مع NEAR آخر');
      node = { kind: 'near', left: [node], right: [right], distance: t.distance };
    }
    return node;
  };
  const primary = (): QueryNode => {
    const t = tokens[i++];
    if (!t) throw new QuerySyntaxError('the query ends where a word was expected', 'ينتهي البحث حيث كانت كلمة منتظرة');
    if (t.type === 'word' || t.type === 'phrase') return { kind: 'terms', words: t.words.map((word) => (prefixOf(word) === undefined ? canonical(word) : word)) };
    if (t.type === '(') {
      const node = or();
      if (tokens[i++]?.type !== ')') throw new QuerySyntaxError('a "(" is not closed', 'قوس «(» غير مغلق');
      return node;
    }
    throw new QuerySyntaxError(`unexpected "${t.written}"`, `«${t.written}» في غير موضعه`);
  };
  if (tokens.length === 0) throw new QuerySyntaxError('an empty query', 'بحث فارغ');
  const node = or();
  if (i < tokens.length) throw new QuerySyntaxError('unexpected ")"', 'قوس «)» في غير موضعه');
  return withOtherSpellings(node, names, added);
}

/** A name's spellings: as query words, and as written. */
interface Spellings {
  words: string[][];
  written: string[];
}

/**
 * Names, each with its spellings, under which a query finds a name however it writes it: those of
 * NAME_SPELLINGS, and those a team adds (the sources file's `search.names`). A spelling two names give
 * makes them one, so a team's name can add spellings to one of NAME_SPELLINGS.
 */
export class NameSpellings {
  /** NAME_SPELLINGS alone. */
  static readonly bundled = new NameSpellings();

  /**
   * By the query words of each spelling, joined; and the most words a spelling has (how far a run of
   * words written apart is read as one name). Made at the first query: tokenizing at start-up would cost
   * every process that never reads one (marsad classify) its speed, its tokenizer first run on Latin words.
   */
  private compiled: { byWords: Map<string, Spellings>; maxWords: number } | undefined;

  constructor(private readonly added: readonly (readonly string[])[] = []) {}

  /** Why a spelling cannot be one (no word in it, or the query language's marks), or undefined. */
  static problemWith(spelling: string): string | undefined {
    if (/[*"“”«»()]/.test(spelling)) return `"${spelling}": a spelling is words alone, without quotes, brackets or *`;
    return termsOf(spelling).length === 0 ? `"${spelling}" holds no word` : undefined;
  }

  /** The most words a spelling has. */
  get maxWords(): number {
    return this.compile().maxWords;
  }

  /** The other spellings of the name these query words write, or undefined when they write none. */
  othersOf(words: readonly string[]): Spellings | undefined {
    const key = words.join(' ');
    const name = this.compile().byWords.get(key);
    if (!name) return undefined;
    const others = name.words.flatMap((spelling, i) => (spelling.join(' ') === key ? [] : [i]));
    return { words: others.map((i) => name.words[i]!), written: others.map((i) => name.written[i]!) };
  }

  private compile(): NonNullable<NameSpellings['compiled']> {
    if (this.compiled) return this.compiled;
    const byWords = new Map<string, Spellings>();
    let maxWords = 0;
    for (const written of [...NAME_SPELLINGS, ...this.added]) {
      const spellings = written.map((spelling) => ({ words: termsOf(spelling).map(canonical), spelling })).filter(({ words }) => words.length > 0);
      const name: Spellings = { words: [], written: [] };
      // The names that already give one of these spellings become this one.
      for (const known of new Set(spellings.flatMap(({ words }) => byWords.get(words.join(' ')) ?? []))) {
        name.words.push(...known.words);
        name.written.push(...known.written);
      }
      for (const { words, spelling } of spellings) {
        if (name.words.some((other) => other.join(' ') === words.join(' '))) continue;
        name.words.push(words);
        name.written.push(spelling);
      }
      for (const words of name.words) {
        byWords.set(words.join(' '), name);
        maxWords = Math.max(maxWords, words.length);
      }
    }
    return (this.compiled = { byWords, maxWords });
  }
}

/**
 * The query with each name of `names` (a word or phrase) also found under its other spellings,
 * a name's words written apart too (`Sûreté nationale`, `Abdellatif Hammouchi`: both words, or the
 * name in another script), which are added to `added` as written; a NEAR's side as one word or phrase.
 */
function withOtherSpellings(node: QueryNode, names: NameSpellings, added: string[]): QueryNode {
  const or = (written: QueryNode, others: Spellings): QueryNode => {
    added.push(...others.written);
    return { kind: 'or', nodes: [written, ...others.words.map((words): QueryNode => ({ kind: 'terms', words }))] };
  };
  switch (node.kind) {
    case 'terms': {
      const others = names.othersOf(node.words);
      return others ? or(node, others) : node;
    }
    case 'and': {
      const nodes: QueryNode[] = [];
      for (let i = 0; i < node.nodes.length; ) {
        const name = nameAt(node.nodes, i, names);
        if (name) {
          nodes.push(or({ kind: 'and', nodes: node.nodes.slice(i, i + name.length) }, name.others));
          i += name.length;
        } else nodes.push(withOtherSpellings(node.nodes[i++]!, names, added));
      }
      return nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes };
    }
    case 'or':
      return { kind: node.kind, nodes: node.nodes.map((n) => withOtherSpellings(n, names, added)) };
    case 'not':
      return { kind: 'not', node: withOtherSpellings(node.node, names, added) };
    case 'near':
      return { ...node, left: node.left.flatMap((side) => spellingsOf(side, names, added)), right: node.right.flatMap((side) => spellingsOf(side, names, added)) };
  }
}

/** A NEAR side with the name it writes under every spelling: a NEAR joins words, not groups. */
function spellingsOf(side: TermsNode, names: NameSpellings, added: string[]): TermsNode[] {
  const others = names.othersOf(side.words);
  if (!others) return [side];
  added.push(...others.written);
  return [side, ...others.words.map((words): TermsNode => ({ kind: 'terms', words }))];
}

/** The longest name whose words the words written apart from nodes[at] on spell (two at least), with its other spellings. */
function nameAt(nodes: readonly QueryNode[], at: number, names: NameSpellings): { length: number; others: Spellings } | undefined {
  for (let length = Math.min(names.maxWords, nodes.length - at); length >= 2; length--) {
    const run = nodes.slice(at, at + length);
    if (!run.every((n) => n.kind === 'terms' && n.words.length === 1)) continue;
    const others = names.othersOf(run.map((n) => (n as TermsNode).words[0]!));
    if (others) return { length, others };
  }
  return undefined;
}

/** Where each phrase of `node` occurs in `words` (start indexes), for NEAR. */
function positions(words: readonly (readonly string[])[], phrase: readonly string[]): number[] {
  const found: number[] = [];
  for (let start = 0; start + phrase.length <= words.length; start++) {
    if (phrase.every((word, k) => formMatches(words[start + k]!, word))) found.push(start);
  }
  return found;
}

/** What made a query match: a phrase (as the query writes it normalised, or `a NEAR/n b`) and the indexes of the text words it stands on. */
interface Found {
  label: string;
  at: number[];
}

/** The indexes of a phrase of `length` words at each of `starts`. */
const wordsAt = (starts: readonly number[], length: number) => starts.flatMap((start) => Array.from({ length }, (_, k) => start + k));

/**
 * The spellings of a NEAR's sides found within its distance of each other, or undefined: labelled by
 * the first pair (`a NEAR/n b`), standing on every pair's words. The distance runs from the end of
 * the first phrase to the start of the second, as PostgreSQL's `<n>` does, so that a search and an
 * alert rule agree.
 */
function nearFound(words: readonly (readonly string[])[], node: Extract<QueryNode, { kind: 'near' }>): Found | undefined {
  const right = node.right.map((side) => ({ side, at: positions(words, side.words) }));
  const near = (a: number, aLength: number, b: number, bLength: number) => (a < b ? b - (a + aLength - 1) : a - (b + bLength - 1)) <= node.distance;
  let label: string | undefined;
  const at: number[] = [];
  for (const left of node.left) {
    for (const a of positions(words, left.words)) {
      for (const { side, at: starts } of right) {
        const close = starts.filter((b) => near(a, left.words.length, b, side.words.length));
        if (close.length === 0) continue;
        label ??= `${left.words.join(' ')} NEAR/${node.distance} ${side.words.join(' ')}`;
        at.push(...wordsAt([a], left.words.length), ...wordsAt(close, side.words.length));
      }
    }
  }
  return label === undefined ? undefined : { label, at };
}

/** A compiled query: `match(text)`, the words that made it match, and where they stand (`marks`). */
export class Query {
  readonly root: QueryNode;
  /** The spellings of names it looks for besides those it writes (see otherSpellingsSearched). */
  readonly alsoSearched: string[];
  /** `names`: the names it finds under their other spellings too. */
  constructor(
    readonly source: string,
    names = NameSpellings.bundled,
  ) {
    const added: string[] = [];
    this.root = parse(source, names, added);
    this.alsoSearched = [...new Set(added)];
  }

  /** The phrases that matched (as the query writes them normalised), or null when the text does not match. */
  match(text: string): string[] | null {
    const found = this.found(tokenizeWithOffsets(text).forms);
    return found && [...new Set(found.map(({ label }) => label))];
  }

  /**
   * Where the words that make these fields match stand in each, as [start, end) ranges of its text
   * (HTML entities decoded, as `text` gives it), or null when they do not match. The fields are read
   * one after the other, as the store's search reads an item's title and text: a search page marks
   * in each what made the item found.
   */
  marks(fields: readonly string[]): { text: string; ranges: [number, number][] }[] | null {
    const tokens = fields.map((field) => tokenizeWithOffsets(field));
    const found = this.found(tokens.flatMap((t) => t.forms));
    if (!found) return null;
    const marked = new Set(found.flatMap(({ at }) => at));
    let first = 0;
    return tokens.map(({ text, offsets }) => {
      const ranges: [number, number][] = [];
      offsets.forEach((offset, i) => marked.has(first + i) && ranges.push([offset, wordEnd(text, offset)]));
      first += offsets.length;
      return { text, ranges };
    });
  }

  /**
   * The passage of an item's `text` (below its `title`, as the store's search reads them) around what
   * the query found in it, marked (see `passage`); its first lines when it found nothing there.
   */
  passageOf(title: string, text: string, length?: number): Passage {
    const body = this.marks([title, text])?.[1];
    return body ? passage(body.text, body.ranges, length) : passage(text, [], length);
  }

  /** What made these words match, or null; what a NOT excludes, or a branch that failed, is none of it. */
  private found(words: readonly (readonly string[])[]): Found[] | null {
    const found: Found[] = [];
    const evaluate = (node: QueryNode): boolean => {
      switch (node.kind) {
        case 'terms': {
          const starts = positions(words, node.words);
          if (starts.length > 0) found.push({ label: node.words.join(' '), at: wordsAt(starts, node.words.length) });
          return starts.length > 0;
        }
        case 'and': {
          const kept = found.length;
          const ok = node.nodes.every(evaluate);
          if (!ok) found.length = kept; // (a AND b) OR c matching on c: a is no reason for it
          return ok;
        }
        case 'or':
          return node.nodes.map(evaluate).some(Boolean);
        case 'not': {
          const kept = found.length;
          const ok = !evaluate(node.node);
          found.length = kept;
          return ok;
        }
        case 'near': {
          const near = nearFound(words, node);
          if (near) found.push(near);
          return near !== undefined;
        }
      }
    };
    return evaluate(this.root) ? found : null;
  }
}
