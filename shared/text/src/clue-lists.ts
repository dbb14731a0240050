/**
 * Below this many words a text is a headline or a teaser, in any script: franc's trigrams name it wrongly
 * about one time in three ("Casablanca: deux individus interpellés" is Italian to them), while the few
 * function words and letters it has are seldom wrong.
 */
export const SHORT_TEXT_WORDS = 12;

/**
 * Word lists by language, as the language detectors declare them (`{ fra: 'le la les', … }`): each word
 * with the languages whose list holds it. A word two languages write alike is a clue of both.
 */
export function languagesOf(...lists: Record<string, string>[]): Map<string, string[]> {
  const languages = new Map<string, string[]>();
  for (const [language, words] of lists.flatMap((list) => Object.entries(list))) {
    for (const word of words.split(' ')) {
      const known = languages.get(word) ?? [];
      // A word listed twice for one language (in two of its lists) is still one clue of it.
      if (!known.includes(language)) languages.set(word, [...known, language]);
    }
  }
  return languages;
}

/** Word endings by language (`{ ita: 'zione ità', … }`), of which a word's longest listed one counts. */
export class WordEndings {
  readonly languages: Map<string, string[]>;
  private readonly longest: number;

  constructor(
    lists: Record<string, string>,
    /** Shorter words are not read: their ending is most of them. */
    private readonly minWordLength: number,
  ) {
    this.languages = languagesOf(lists);
    this.longest = Math.max(...[...this.languages.keys()].map((ending) => ending.length));
  }

  /** The longest of the listed endings the word has, if it is long enough to be read. */
  of(word: string): string | undefined {
    if (word.length < this.minWordLength) return undefined;
    for (let length = Math.min(this.longest, word.length - 1); length >= 1; length--) {
      const ending = word.slice(-length);
      if (this.languages.has(ending)) return ending;
    }
    return undefined;
  }
}

/** The languages with the most clue votes (none without votes). */
export function leadersOf(votes: ReadonlyMap<string, number>): string[] {
  const most = Math.max(...votes.values());
  return [...votes].filter(([, vote]) => vote > most - 1e-9).map(([language]) => language);
}
