import { compareTexts } from '@marsad/text';

/** What a copy made of its original (compareTexts): the original's words it kept, of how many, and the words it wrote itself. */
export interface Kept {
  kept: number;
  of: number;
  /** `kept` / `of`, rounded to two decimals. */
  share: number;
  own: number;
}

export function keptOf(original: string, copy: string): Kept {
  const { original: a, copy: b } = compareTexts(original, copy);
  const kept = a.words - a.unmatched;
  return { kept, of: a.words, share: a.words === 0 ? 0 : Math.round((kept / a.words) * 100) / 100, own: b.unmatched };
}

/** "kept 314 of the original's 314 words (100%), wrote 12 of its own", as the dashboard's comparison page says it. */
export const describeKept = ({ kept, of, share, own }: Kept) => `kept ${kept} of the original's ${of} words (${Math.round(share * 100)}%), wrote ${own} of its own`;
