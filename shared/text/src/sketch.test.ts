import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './analyse.js';
import { shingleSequence, ShingleSet } from './fingerprint.js';
import { SAMPLE_BITS, sketchOf } from './sketch.js';

const seed = readFileSync(fileURLToPath(new URL('../../../seeds/000_7f10525f81fda1b7.txt', import.meta.url)), 'utf8');
const reference = fingerprintOf(seed);
const quoted = new ShingleSet(reference.shingles);

describe('sketchOf word pairs', () => {
  it("gives a reference its word pairs in text order, and an item sharing a shingle with one its pairs' set", () => {
    const pairs = sketchOf(reference, { reference: true }).pairs!;
    expect([...pairs]).toEqual([...shingleSequence(reference.words!, 2)].map((pair) => pair >>> (32 - SAMPLE_BITS)));
    const quoting = fingerprintOf(`${seed.split('\n')[1]} وأضاف المصدر أن التحقيقات ما زالت جارية`);
    const itemPairs = sketchOf(quoting, { quoted }).pairs!;
    expect(itemPairs.length).toBe(new Set(shingleSequence(quoting.words!, 2)).size);
    expect([...itemPairs]).toEqual([...itemPairs].sort((a, b) => a - b));
  });

  it('leaves them out of an item that shares no shingle with a reference: no reference will measure it', () => {
    const unrelated = fingerprintOf('أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية المتضررين من الجفاف في عدد من الأقاليم');
    expect(sketchOf(unrelated, { quoted }).pairs).toBeUndefined();
    expect(sketchOf(unrelated).pairs).toBeUndefined();
  });
});

describe('sketchOf news formulas', () => {
  const custody = 'وقد تم إخضاع المشتبه فيه لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة';
  const topBits = (shingle: number) => shingle >>> (32 - SAMPLE_BITS);

  it("names the values of an item's news formulas among those it counts, and nothing of a reference", () => {
    const item = fingerprintOf(`أوقفت عناصر الشرطة بمدينة الجديدة شابا يشتبه في سرقة دراجات نارية من أمام المقاهي\n${custody}`);
    const formulas = sketchOf(item).formulas!;
    const custodyValues = new Set([...fingerprintOf(custody).shingles].map(topBits));
    expect(formulas.length).toBeGreaterThan(0);
    expect([...formulas].every((value) => custodyValues.has(value))).toBe(true);
    expect(sketchOf(fingerprintOf('أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية المتضررين من الجفاف')).formulas).toBeUndefined();
    expect(sketchOf(item, { reference: true }).formulas).toBeUndefined();
  });

  it('leaves out the formulas an item quotes from a reference, which it does not count', () => {
    const withFormula = fingerprintOf(`${seed}\n${custody}`);
    const quoting = fingerprintOf(`${seed.split('\n')[1]}\n${custody}`);
    const formulas = sketchOf(quoting, { quoted: new ShingleSet(withFormula.shingles) }).formulas;
    expect(formulas).toBeUndefined();
    expect(sketchOf(quoting, { quoted }).formulas!.length).toBeGreaterThan(0);
  });
});
