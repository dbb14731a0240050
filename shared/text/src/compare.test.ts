import { describe, expect, it } from 'vitest';
import { compareTexts, type ComparedText } from './compare.js';

/** The text with its ranges in [brackets]. */
const shown = ({ text, ranges }: ComparedText) => ranges.reduceRight((out, [start, end]) => `${out.slice(0, start)}[${out.slice(start, end)}]${out.slice(end)}`, text);

const ORIGINAL = [
  'أفادت المديرية العامة للأمن الوطني بأن عناصر الشرطة القضائية بمدينة طنجة أوقفت ثلاثة أشخاص للاشتباه في تورطهم في الاتجار بالمخدرات.',
  'وقد مكنت عملية التفتيش من حجز كمية من مخدر الشيرا ومبالغ مالية يشتبه في كونها من متحصلات هذا النشاط الإجرامي.',
  'وقد تم إخضاع المشتبه فيهم لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي تشرف عليه النيابة العامة المختصة.',
].join('\n');

describe('compareTexts', () => {
  it('finds nothing changed in a copy with other spellings, punctuation and white space', () => {
    const copy = ORIGINAL.replaceAll('أ', 'ا').replaceAll('ة ', 'ه ').replace(/\./g, ' ،').replaceAll(' ', '  ');
    const { original, copy: compared } = compareTexts(ORIGINAL, copy);
    expect([original.ranges, compared.ranges]).toEqual([[], []]);
    expect(original.unmatched).toBe(0);
  });

  it("marks the original's sentence a copy left out, a word it changed, and the copy's own intro", () => {
    const [first, second, third] = ORIGINAL.split('\n') as [string, string, string];
    const copy = `طنجة - متابعة\n${first.replace('ثلاثة أشخاص', 'ثلاثة متهمين')}\n${third}`;
    const { original, copy: compared } = compareTexts(ORIGINAL, copy);
    // The left-out sentence's first word is read as kept: the copy also has the run of words that ends
    // the sentence before it and goes on with that word (the third sentence starts with it too).
    expect(shown(original)).toBe([first.replace('أشخاص', '[أشخاص]'), second.replace(/^وقد (.*)\.$/, 'وقد [$1].'), third].join('\n'));
    expect(shown(compared)).toBe(`[طنجة - متابعة]\n${first.replace('ثلاثة أشخاص', 'ثلاثة [متهمين]')}\n${third}`);
    expect(original.unmatched).toBe(1 + second.split(' ').length - 1);
  });

  it('reads two words changed close together as two changed words, not the passage between them', () => {
    const copy = ORIGINAL.replace('عناصر الشرطة القضائية بمدينة طنجة', 'عناصر الأمن القضائية بمدينة البوغاز');
    expect(shown(compareTexts(ORIGINAL, copy).copy)).toContain('بأن عناصر [الأمن] القضائية بمدينة [البوغاز] أوقفت');
  });

  it("keeps the words at a text's end that the copy has beside each other, where no run of four reaches", () => {
    const said = 'أعلنت المديرية العامة للأمن الوطني أن عناصر الشرطة أوقفت مشتبها به في قضية احتيال.';
    const { original, copy } = compareTexts(said, said.replace('مشتبها به', 'شخصا'));
    expect(shown(original)).toBe('أعلنت المديرية العامة للأمن الوطني أن عناصر الشرطة أوقفت [مشتبها به] في قضية احتيال.');
    expect(shown(copy)).toBe('أعلنت المديرية العامة للأمن الوطني أن عناصر الشرطة أوقفت [شخصا] في قضية احتيال.');
  });

  it('compares short texts word by word', () => {
    expect(shown(compareTexts('توقيف مشتبه فيه', 'توقيف مشتبهين').copy)).toBe('توقيف [مشتبهين]');
  });
});
