import { describe, expect, it } from 'vitest';
import { OUTLET_MEMORY, OutletBoilerplate, outletOf } from './outlet.js';

/** An article's shingles: `shared` ones, and 30 of its own from `own` on. */
const article = (own: number, ...shared: number[]) => Uint32Array.from([...shared, ...Array.from({ length: 30 }, (_, i) => own + i)]).sort();
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
  it('learns what two earlier articles of the same outlet hold, and answers all of it to an article holding some', () => {
    const outlets = new OutletBoilerplate();
    expect(outlets.observe('a.ma', article(100, 1, 2, 3, 10))).toBeUndefined();
    expect(outlets.observe('a.ma', article(200, 1, 2, 3, 20))).toBeUndefined();
    expect(outlets.observe('b.ma', article(300, 1, 2, 3, 30))).toBeUndefined();
    const learntThen = outlets.observe('a.ma', article(400, 1, 40));
    expect(learnt(learntThen, [1, 2, 3, 10, 20, 40, 400])).toEqual([1, 2, 3]);
    expect([...learntThen!.values]).toEqual([1, 2, 3]);
    // Nothing the outlet repeated: nothing to set apart.
    expect(outlets.observe('a.ma', article(500, 50))).toBeUndefined();
    // Unknown outlet: nothing learnt, nothing answered.
    expect(outlets.observe(undefined, article(100, 1, 2, 3))).toBeUndefined();
  });

  it(`remembers an outlet's last ${OUTLET_MEMORY} articles, and forgets the outlet heard from longest ago`, () => {
    const outlets = new OutletBoilerplate(2);
    outlets.observe('a.ma', article(100, 7));
    outlets.observe('a.ma', article(200, 7));
    for (let i = 0; i < OUTLET_MEMORY; i++) outlets.observe('a.ma', article(1000 + 100 * i));
    expect(outlets.observe('a.ma', article(3000, 7))).toBeUndefined();

    outlets.observe('b.ma', article(100, 5));
    outlets.observe('b.ma', article(200, 5));
    // Two outlets remembered at most: c.ma, then d.ma, push out a.ma, then b.ma.
    outlets.observe('c.ma', article(100, 6));
    outlets.observe('d.ma', article(100, 6));
    expect(outlets.observe('b.ma', article(300, 5))).toBeUndefined();
  });
});
