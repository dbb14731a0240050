import { describe, expect, it } from 'vitest';
import { ARABIC, ENGLISH, FRENCH } from './wording.js';

describe('wording', () => {
  it.each([
    [0, 'لا قصص جديدة'],
    [1, 'قصة جديدة واحدة'],
    [2, 'قصتان جديدتان'],
    [3, '3 قصص جديدة'],
    [10, '10 قصص جديدة'],
    [11, '11 قصة جديدة'],
    [100, '100 قصة جديدة'],
  ])('counts %i stories in Arabic as Arabic does: %s', (n, words) => {
    expect(ARABIC.digestSubject('daily', n, '2026-11-22')).toBe(`[Marsad daily] ${words}، 2026-11-22`);
  });

  it('counts stories in English', () => {
    expect([1, 2].map((n) => ENGLISH.digestSubject('daily', n, '2026-11-22'))).toEqual(['[Marsad daily] 1 new story, 2026-11-22', '[Marsad daily] 2 new stories, 2026-11-22']);
  });

  it('counts stories in French', () => {
    expect([1, 3].map((n) => FRENCH.digestSubject('daily', n, '2026-11-22'))).toEqual(['[Marsad daily] 1 nouvelle histoire, 2026-11-22', '[Marsad daily] 3 nouvelles histoires, 2026-11-22']);
    expect(FRENCH.copyOfReference('Le Maroc élu', '000_ref', '93%')).toBe('copie de « Le Maroc élu » (article de référence 000_ref, 93%)');
  });

  it('writes a pickup seen before the first sighting with its sign', () => {
    expect([ENGLISH.pickup(-5, undefined), ARABIC.pickup(60, '88%')]).toEqual(['(-5 min)', '(+60 د، 88%)']);
  });
});
