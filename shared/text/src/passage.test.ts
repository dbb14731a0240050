import { describe, expect, it } from 'vitest';
import { passage, type Passage } from './passage.js';

/** The passage with its marks in [brackets]. */
const shown = ({ text, marks }: Passage) => marks.reduceRight((out, [start, end]) => `${out.slice(0, start)}[${out.slice(start, end)}]${out.slice(end)}`, text);
const rangesOf = (text: string, ...words: string[]) => words.map((word): [number, number] => [text.indexOf(word), text.indexOf(word) + word.length]);

describe('passage', () => {
  it('shows the text around its first mark, cut at words, white space collapsed, every mark in it', () => {
    const text = `${'كلمة '.repeat(100)}أوقفت الشرطة   القضائية بطنجة\nمشتبها به في قضية ${'نص '.repeat(100)}`;
    const shownPassage = passage(text, rangesOf(text, 'بطنجة', 'الشرطة'), 120);
    expect(shown(shownPassage)).toMatch(/^…(كلمة ){3,6}أوقفت \[الشرطة\] القضائية \[بطنجة\] مشتبها به في قضية (نص )*نص…$/);
    expect(shownPassage.text.length).toBeLessThanOrEqual(122);
  });

  it('shows a short text whole, and a text without marks from its start', () => {
    expect(shown(passage('  توقيف   شخص بفاس ', [[10, 13]]))).toBe('توقيف [شخص] بفاس');
    expect(shown(passage(`${'نص '.repeat(200)}`))).toMatch(/^(نص ){80,100}نص…$/);
    expect(passage('نص', [], 280)).toEqual({ text: 'نص', marks: [] });
  });

  it('marks ranges that overlap or touch as one, and keeps a mark cut by the end', () => {
    const text = 'المديرية العامة للأمن الوطني';
    expect(shown(passage(text, [[9, 15], [0, 8], [16, 21], [3, 12]]))).toBe('[المديرية العامة] [للأمن] الوطني');
    expect(shown(passage(`x x x ${'a'.repeat(50)}`, [[6, 56]], 20))).toBe(`…x x [${'a'.repeat(16)}]…`);
  });
});
