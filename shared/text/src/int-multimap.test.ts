import { describe, expect, it } from 'vitest';
import { IntMultimap } from './int-multimap.js';

const valuesOf = (map: IntMultimap, key: number) => {
  const values: number[] = [];
  map.forEach(key, (value) => values.push(value));
  return values;
};

describe('IntMultimap', () => {
  it('holds each key\'s values in the order they were added, and nothing for a key never added', () => {
    const map = new IntMultimap();
    map.add(7, 1);
    map.add(-3, 2);
    map.add(7, 3);
    map.add(0, 4);
    expect(valuesOf(map, 7)).toEqual([1, 3]);
    expect(valuesOf(map, -3)).toEqual([2]);
    expect(valuesOf(map, 0)).toEqual([4]);
    expect(map.count(7)).toBe(2);
    expect(map.count(8)).toBe(0);
    expect(valuesOf(map, 8)).toEqual([]);
  });

  it('takes unsigned 32-bit keys as the same keys as their signed forms (hashes come either way)', () => {
    const map = new IntMultimap();
    map.add(0xfffffffe, 1);
    map.add(-2, 2);
    expect(valuesOf(map, 0xfffffffe)).toEqual([1, 2]);
  });

  it('answers as a Map of arrays does after growing well past its first size, keys colliding or not', () => {
    const map = new IntMultimap(16);
    const expected = new Map<number, number[]>();
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
    for (let value = 0; value < 50_000; value++) {
      // Few distinct keys among many values, and keys that differ only in their low bits.
      const key = value % 3 === 0 ? (next() & 0xfff) << 20 : next() % 5000;
      map.add(key, value);
      expected.set(key, [...(expected.get(key) ?? []), value]);
    }
    for (const [key, values] of expected) {
      expect(map.count(key)).toBe(values.length);
      expect(valuesOf(map, key)).toEqual(values);
    }
  });
});
