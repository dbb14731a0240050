/** Ranges of a text, [start, end) in UTF-16 code units, as JavaScript's strings count. */
export type TextRanges = readonly (readonly [number, number])[];

/** A passage of a text as a reader is shown it, with the ranges of it to mark (what made it found). */
export interface Passage {
  text: string;
  marks: [number, number][];
}

/**
 * The part of `text` a reader is shown: around its first range to mark (from about a quarter of
 * `length` before it) or from its start, at most `length` characters cut at words, white space
 * collapsed, "…" where the text goes on; the ranges to mark (`ranges`, of `text`) as they fall in it.
 * A search result or an alert shows where the article says what was asked, not its first lines,
 * which may not hold it.
 */
export function passage(text: string, ranges: TextRanges = [], length = 280): Passage {
  const marks = merged(ranges);
  const { from, to } = window(text, marks[0], length);
  const out = { text: '', marks: [] as [number, number][] };
  const append = (part: string) => (out.text += part.replace(/\s+/g, ' '));
  let at = from;
  for (const [start, end] of marks) {
    if (end <= at || start >= to) continue;
    append(text.slice(at, start));
    const marked = out.text.length;
    append(text.slice(Math.max(start, at), Math.min(end, to)));
    out.marks.push([marked, out.text.length]);
    at = Math.min(end, to);
  }
  append(text.slice(at, to));
  return trimmed(out, /\S/.test(text.slice(0, from)), /\S/.test(text.slice(to)));
}

/** Where the passage starts and ends in `text`. */
function window(text: string, first: readonly [number, number] | undefined, length: number): { from: number; to: number } {
  let from = first ? Math.max(0, first[0] - Math.floor(length / 4)) : 0;
  if (from > 0) {
    const space = text.slice(from, first![0]).search(/\s/);
    if (space >= 0) from += space + 1;
  }
  from += /^\s*/.exec(text.slice(from, from + length))![0].length;
  let to = Math.min(text.length, from + length);
  if (to < text.length) {
    // Cut at the last space, keeping the first mark and at least half the length.
    const keep = Math.max(first ? first[1] : from, from + Math.floor(length / 2));
    const lastSpace = text.slice(keep, to).search(/\s\S*$/);
    if (lastSpace >= 0) to = keep + lastSpace;
  }
  return { from, to };
}

/** The ranges in order, those that overlap or touch as one. */
function merged(ranges: TextRanges): [number, number][] {
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** The passage without white space at either end, "…" where the text was cut. */
function trimmed({ text, marks }: Passage, cutBefore: boolean, cutAfter: boolean): Passage {
  const lead = text.length - text.trimStart().length;
  const body = text.trim();
  const before = cutBefore ? '…' : '';
  const shift = before.length - lead;
  return {
    text: `${before}${body}${cutAfter ? '…' : ''}`,
    marks: marks.map(([start, end]) => [Math.max(before.length, start + shift), Math.min(before.length + body.length, end + shift)]),
  };
}
