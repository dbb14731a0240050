import { describe, expect, it } from 'vitest';
import { QuerySyntaxError } from './query.js';
import { searchDocument, searchQuery } from './search.js';

describe('search documents', () => {
  it('puts each word and its forms without proclitics at the word position', () => {
    expect(searchDocument('وللأمنِ الوطني')).toBe("'وللامن':1 'امن':1 'لامن':1 'للامن':1 'وطني':2");
  });

  it('puts a word with a hamza on و or ي under both seats, so a search in either style finds it', () => {
    expect(searchDocument('المسؤول')).toBe("'مسوول':1 'مسيول':1");
    expect(searchQuery('مسئول')).toBe("'مسيول'");
  });

  it('keeps one entry per word with all its positions, and leaves out what PostgreSQL cannot hold', () => {
    expect(searchDocument('rabat Rabat RABAT')).toBe("'rabat':1,2,3");
    expect(searchDocument(`${'x'.repeat(65)} ok`)).toBe("'ok':2");
    const long = searchDocument(Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' '));
    expect(long).toContain("'w16382':16383");
    expect(long).not.toContain("'w16383'");
  });
});

describe('search queries', () => {
  it('compiles the alert query language to tsquery', () => {
    expect(searchQuery('الأمن')).toBe("'امن'");
    expect(searchQuery('"الأمن الوطني" OR gendarmerie')).toBe("(('امن' <-> 'وطني') | 'gendarmerie')");
    expect(searchQuery('توقيف NOT شغب')).toBe("('توقيف' & !'شغب')");
    expect(searchQuery('"السلطات المغرب*"')).toBe("('سلطات' <-> 'مغرب':*)");
    expect(searchQuery('a NEAR/2 b')).toBe("('a' <1> 'b' | 'b' <1> 'a' | 'a' <2> 'b' | 'b' <2> 'a')");
  });

  it("looks for a name's other spellings too, each a word or a phrase", () => {
    expect(searchQuery('Hammouchi')).toBe("('hammouchi' | 'hammouchy' | 'hamouchi' | 'حموشي')");
    expect(searchQuery('"الدار البيضاء" -rabat')).toBe("((('دار' <-> 'بيضاء') | 'casablanca') & !('rabat' | 'رباط'))");
    expect(searchQuery('Hammouchi NEAR/1 Tanger')).toBe(
      "(('hammouchi' | 'hammouchy' | 'hamouchi' | 'حموشي') <1> ('tanger' | 'tangier' | 'tangiers' | 'طنجه') | ('tanger' | 'tangier' | 'tangiers' | 'طنجه') <1> ('hammouchi' | 'hammouchy' | 'hamouchi' | 'حموشي'))",
    );
  });

  it('refuses what it cannot read, with the reason', () => {
    expect(() => searchQuery('(الأمن')).toThrow(QuerySyntaxError);
    expect(() => searchQuery('   ')).toThrow(/empty/);
  });
});
