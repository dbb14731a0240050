import { NameSpellings, parseQuery, prefixOf, type QueryNode } from './query.js';
import { tokenizeWithOffsets } from './tokens.js';

/**
 * Full-text search in PostgreSQL with the alert queries' matching: the store indexes each item as a
 * `tsvector` we build here (normalised words, each also under its forms without proclitics, all at the
 * word's position), and a search is an alert-style query compiled to a `tsquery`. PostgreSQL's own
 * parsers are not used because no text-search configuration folds hamza, ta marbuta or clitics.
 */

/** PostgreSQL keeps positions up to 16,383; words past it could only match as a bag, so they are left out. */
const MAX_POSITION = 16_383;
/** A longer "word" is not language (a URL, a base64 blob) and PostgreSQL refuses lexemes over 2 KB. */
const MAX_WORD_LENGTH = 64;
/** NEAR/n becomes n alternatives each way; past this it is only AND. */
const MAX_NEAR_EXPANSION = 12;

/** Normalised words hold letters, digits and marks only, so escaping is seldom needed (and only then done). */
const quote = (lexeme: string) => (/['\\]/.test(lexeme) ? `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : `'${lexeme}'`);

/** The `tsvector` literal of a text (cast it with `::tsvector`). */
export function searchDocument(text: string): string {
  const positions = new Map<string, number[]>();
  const { words, forms } = tokenizeWithOffsets(text);
  for (let i = 0; i < words.length && i < MAX_POSITION; i++) {
    if (words[i]!.length > MAX_WORD_LENGTH) continue;
    for (const form of forms[i]!) {
      const list = positions.get(form);
      if (list) list.push(i + 1);
      else positions.set(form, [i + 1]);
    }
  }
  let document = '';
  for (const [lexeme, at] of positions) document += `${document ? ' ' : ''}${quote(lexeme)}:${at.join(',')}`;
  return document;
}

/**
 * The `tsquery` literal of a search written like an alert rule's `query` (throws QuerySyntaxError);
 * `names`: the names it finds under their other spellings too.
 */
export function searchQuery(query: string, names = NameSpellings.bundled): string {
  return compile(parseQuery(query, names));
}

/** A query word as a tsquery operand: `word*` is PostgreSQL's prefix match, `'word':*`. */
function lexeme(term: string): string {
  const start = prefixOf(term);
  return start === undefined ? quote(term) : `${quote(start)}:*`;
}

/** A NEAR's side: PostgreSQL's phrase operators take an OR of phrases on either side. */
function anyOf(sides: QueryNode[]): string {
  return sides.length === 1 ? compile(sides[0]!) : `(${sides.map(compile).join(' | ')})`;
}

function compile(node: QueryNode): string {
  switch (node.kind) {
    case 'terms':
      return node.words.length === 1 ? lexeme(node.words[0]!) : `(${node.words.map(lexeme).join(' <-> ')})`;
    case 'and':
    case 'or':
      return `(${node.nodes.map(compile).join(node.kind === 'and' ? ' & ' : ' | ')})`;
    case 'not':
      return `!${compile(node.node)}`;
    case 'near': {
      const [left, right] = [node.left, node.right].map(anyOf);
      if (node.distance > MAX_NEAR_EXPANSION) return `(${left} & ${right})`;
      const gaps = Array.from({ length: Math.max(1, node.distance) }, (_, k) => k + 1);
      return `(${gaps.flatMap((gap) => [`${left} <${gap}> ${right}`, `${right} <${gap}> ${left}`]).join(' | ')})`;
    }
  }
}

