import { describe, expect, it } from 'vitest';
import { ESTABLISHED_ENDINGS, OUTLET_MEMORY, OutletBoilerplate, outletOf } from './outlet.js';

/** An article as the learner reads it: 30 shingles of its own from `own` on, then `ending` (its footer). */
const article = (own: number, ...ending: number[]) => {
  const sequence = Uint32Array.from([...Array.from({ length: 30 }, (_, i) => own + i), ...ending]);
  return { sequence, shingles: Uint32Array.from(sequence).sort() };
};
const FOOTER = [1, 2, 3, 4, 5, 6];
const learnt = (lookup: ReturnType<OutletBoilerplate['observe']>, candidates: number[]) => candidates.filter((s) => lookup?.has(s));

describe('outletOf', () => {
  it('names the site, one for its desktop, mobile and AMP pages', () => {
    expect(outletOf('https://www.Hespress.com/politique/1.html')).toBe('hespress.com');
    expect(outletOf('https://m.hespress.com/1')).toBe('hespress.com');
    expect(outletOf('https://amp.le360.ma/x')).toBe('le360.ma');
    expect(outletOf('https://fr.le360.ma/x')).toBe('fr.le360.ma');
    expect(outletOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1:8080');
    expect(outletOf(undefined)).toBeUndefined();
    expect(outletOf('not a url')).toBeUndefined();
  });
});

describe('OutletBoilerplate', () => {
  it('learns what two earlier articles of the same outlet end with, and answers all of it to an article holding some', () => {
    const outlets = new OutletBoilerplate();
    expect(outlets.observe('a.ma', article(100, ...FOOTER, 10))).toBeUndefined();
    expect(outlets.observe('a.ma', article(200, 9, ...FOOTER, 10))).toBeUndefined();
    expect(outlets.observe('b.ma', article(300, ...FOOTER, 10))).toBeUndefined();
    const learntThen = outlets.observe('a.ma', article(400, 1, 2, 3, 4));
    expect(learnt(learntThen, [...FOOTER, 9, 10, 100, 200, 400])).toEqual([...FOOTER, 10]);
    expect([...learntThen!.values]).toEqual([...FOOTER, 10]);
    // Nothing the outlet repeated: nothing to set apart.
    expect(outlets.observe('a.ma', article(500, 50))).toBeUndefined();
    // Unknown outlet: nothing learnt, nothing answered.
    expect(outlets.observe(undefined, article(100, ...FOOTER))).toBeUndefined();
  });

  it('learns a footer past a word that changes in it (a date, a category), and not text two articles share elsewhere', () => {
    const outlets = new OutletBoilerplate();
    // The footers differ in one word: the shingles covering it (70-73, 80-83) differ, the rest agrees.
    outlets.observe('a.ma', article(100, 1, 2, 70, 71, 72, 73, 5, 6));
    outlets.observe('a.ma', article(200, 1, 2, 80, 81, 82, 83, 5, 6));
    expect([...outlets.observe('a.ma', article(300, 1, 2, 5, 6))!.values]).toEqual([1, 2, 5, 6]);

    // Two versions of one story, the second with its opening dropped: they share much, but end differently.
    const story = new OutletBoilerplate();
    story.observe('b.ma', { sequence: Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), shingles: Uint32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]) });
    story.observe('b.ma', { sequence: Uint32Array.from([3, 4, 5, 6, 7, 99]), shingles: Uint32Array.from([3, 4, 5, 6, 7, 99]) });
    expect(story.observe('b.ma', { sequence: Uint32Array.from([1, 2, 3, 4, 5]), shingles: Uint32Array.from([1, 2, 3, 4, 5]) })).toBeUndefined();
  });

  it('learns only what most of the remembered articles end with', () => {
    const story = [20, 21, 22, 23, 24, 25];
    // Two versions of one story end alike, two other articles do not: no footer.
    const versions = new OutletBoilerplate();
    for (const [own, ending] of [[100, story], [200, story], [300, FOOTER], [400, [7, 8, 9, 10]]] as const) versions.observe('a.ma', article(own, ...ending));
    expect(versions.observe('a.ma', article(500, ...story))).toBeUndefined();
    // Three articles of four end with the footer.
    const footers = new OutletBoilerplate();
    for (const [own, ending] of [[100, FOOTER], [200, FOOTER], [300, story], [400, FOOTER]] as const) footers.observe('a.ma', article(own, ...ending));
    expect([...footers.observe('a.ma', article(500, ...FOOTER))!.values]).toEqual(FOOTER);
  });

  it(`takes a footer for established once ${ESTABLISHED_ENDINGS} of the remembered articles end with it`, () => {
    const outlets = new OutletBoilerplate();
    const established: boolean[] = [];
    for (let i = 0; i < 7; i++) established.push(outlets.observe('a.ma', article(100 * (i + 1), ...FOOTER))?.established ?? false);
    expect(established).toEqual([false, false, false, false, false, true, true]);
  });

  it('takes a closing formula of a few words for no footer', () => {
    const outlets = new OutletBoilerplate();
    outlets.observe('a.ma', article(100, 1, 2, 3));
    outlets.observe('a.ma', article(200, 1, 2, 3));
    expect(outlets.observe('a.ma', article(300, 1, 2, 3))).toBeUndefined();
  });

  it(`remembers an outlet's last ${OUTLET_MEMORY} articles, and forgets the outlet heard from longest ago`, () => {
    const outlets = new OutletBoilerplate(2);
    outlets.observe('a.ma', article(100, ...FOOTER));
    outlets.observe('a.ma', article(200, ...FOOTER));
    for (let i = 0; i < OUTLET_MEMORY; i++) outlets.observe('a.ma', article(1000 + 100 * i));
    expect(outlets.observe('a.ma', article(3000, ...FOOTER))).toBeUndefined();

    outlets.observe('b.ma', article(100, ...FOOTER));
    outlets.observe('b.ma', article(200, ...FOOTER));
    // Two outlets remembered at most: c.ma, then d.ma, push out a.ma, then b.ma.
    outlets.observe('c.ma', article(100, ...FOOTER));
    outlets.observe('d.ma', article(100, ...FOOTER));
    expect(outlets.observe('b.ma', article(300, ...FOOTER))).toBeUndefined();
  });
});
