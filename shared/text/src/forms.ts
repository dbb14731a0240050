/** Conjunctions, prepositions and the article that Arabic writes joined to the next word. */
const PROCLITICS = ['وبال', 'فبال', 'وكال', 'فكال', 'وال', 'فال', 'بال', 'كال', 'ولل', 'فلل', 'لل', 'ال', 'وب', 'فب', 'وك', 'فك', 'ول', 'فل', 'و', 'ف', 'ب', 'ك', 'ل'];
const MIN_STEM = 2;

/** A word as matching sees it: without a leading article, which phrases may or may not write. */
export function canonical(word: string): string {
  return word.startsWith('ال') && word.length - 2 >= MIN_STEM ? word.slice(2) : word;
}

/**
 * The forms a text word may stand for: itself, and itself without each proclitic it starts with.
 * Not remembered here: the tokenizer remembers each written word's whole analysis, this included.
 */
export function variants(word: string): string[] {
  const forms = new Set([canonical(word)]);
  for (const clitic of PROCLITICS) {
    if (word.length - clitic.length >= MIN_STEM && word.startsWith(clitic)) forms.add(canonical(word.slice(clitic.length)));
  }
  return [...forms];
}
