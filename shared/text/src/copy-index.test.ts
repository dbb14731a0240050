import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ATLAS_DETAILS, ATLAS_HAZARD, earlierBulletins, weatherBulletin } from '@marsad/testing';
import { describe, expect, it } from 'vitest';
import { analyseArticle, fingerprintOf } from './analyse.js';
import { COPIES_POSTED, COPY_THRESHOLD, judgeCopy, MemoryCopyIndex, MIN_COPIED_WORDS, MIN_FRESH_WORDS, reportsOtherFacts, retellsFacts } from './copy-index.js';
import { DEFAULT_ALIASES_FILE } from './index.js';
import { compileTagger } from './tagger.js';
import { tokenize } from './tokens.js';
import { BRIDGED_GAP, bridgeGaps, coverage, coveredWords, distinctSorted, FACT_CONTINUED, factsKept, PAIRED_GAP, SHINGLE_SIZE, shingleSequence, ShingleSet, statedValue } from './fingerprint.js';

const SEEDS = fileURLToPath(new URL('../../../seeds/', import.meta.url));
const seed = readFileSync(fileURLToPath(new URL('../../../seeds/000_7f10525f81fda1b7.txt', import.meta.url)), 'utf8');
const paragraphs = seed.split('\n').filter(Boolean);
const otherSeed = readFileSync(fileURLToPath(new URL('../../../seeds/003_32020b171cea0e16.txt', import.meta.url)), 'utf8');
const OTHER = 'أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية المتضررين من الجفاف يشمل توزيع الأعلاف المدعمة وتأجيل سداد القروض ومواكبة تقنية ميدانية في الجهات الأكثر تضررا خلال الأشهر المقبلة';

function indexWithSeed(): MemoryCopyIndex {
  const index = new MemoryCopyIndex();
  index.add({ id: 'ref', storyId: 'ref', reference: true, ...fingerprintOf(seed) });
  return index;
}

describe('coverage', () => {
  it('loses one word for one changed word, not a shingle run', () => {
    const words = 'a b c d e f g h i j k l m n o p q r s t'.split(' ');
    const edited = [...words];
    edited[10] = 'changed';
    const a = fingerprintOf(words.join(' '));
    const b = fingerprintOf(edited.join(' '));
    expect(coverage(a.sequence, b.shingles)).toBeCloseTo(19 / 20, 5);
  });
});

describe('ShingleSet', () => {
  it('answers as the sorted shingles do, made of them or of the same shingles in any order and repeated', () => {
    const { shingles } = fingerprintOf(seed);
    const others = fingerprintOf(otherSeed).shingles;
    const shuffled = Uint32Array.from([...shingles].reverse().concat([...shingles].slice(0, 5)));
    for (const set of [new ShingleSet(shingles), new ShingleSet(shuffled), new ShingleSet([...shuffled])]) {
      expect(set.size).toBe(shingles.length);
      expect([...shingles].every((shingle) => set.has(shingle))).toBe(true);
      expect([...others].filter((shingle) => set.has(shingle))).toEqual([...others].filter((shingle) => shingles.includes(shingle)));
      // Measured against the set, a text reads as against the sorted shingles.
      expect(coveredWords(fingerprintOf(otherSeed).sequence, set)).toEqual(coveredWords(fingerprintOf(otherSeed).sequence, shingles));
    }
  });
});

describe('the passage reproduced, boilerplate included', () => {
  const run = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name}${i}`);
  const [own, phrase, more, footer] = [run('own', 8), run('phrase', 10), run('more', 8), run('footer', 10)];
  const a = fingerprintOf([...own, ...phrase, ...more, ...footer].join(' '));
  const boilerplate = new Set([...fingerprintOf(phrase.join(' ')).shingles, ...fingerprintOf(footer.join(' ')).shingles]);
  const ignore = (shingle: number) => boilerplate.has(shingle);

  it('holds the boilerplate a copy takes with the words around it', () => {
    const whole = coveredWords(a.sequence, fingerprintOf([...own, ...phrase, ...more, ...footer].join(' ')).shingles, { ignore });
    expect(whole.share).toBe(1);
    expect(whole.passage).toBe(36);
    expect(whole.words).toBeLessThan(36);
  });

  it('leaves out boilerplate shared after words not reproduced: a footer is not the passage', () => {
    const footerOnly = coveredWords(a.sequence, fingerprintOf([...run('other', 20), ...footer].join(' ')).shingles, { ignore });
    expect(footerOnly).toMatchObject({ words: 0, passage: 0 });
    const opening = coveredWords(a.sequence, fingerprintOf([...own, ...phrase, ...run('other', 8), ...footer].join(' ')).shingles, { ignore });
    expect(opening.passage).toBeGreaterThan(opening.words);
    expect(opening.passage).toBeLessThan(36 - footer.length + SHINGLE_SIZE);
  });
});

describe('bridged coverage', () => {
  const words = 'a b c d e f g h i j k l m n o p q r s t'.split(' ');
  const edited = [...words];
  edited[5] = 'changed';
  edited[8] = 'altered';

  it('counts the words between two changed words close together when asked to', () => {
    const a = fingerprintOf(words.join(' '));
    const b = fingerprintOf(edited.join(' '));
    // f..i lie in no intact shingle; g and h are reproduced all the same.
    expect(coverage(a.sequence, b.shingles)).toBeCloseTo(16 / 20, 5);
    expect(coveredWords(a.sequence, b.shingles, { bridge: true }).share).toBeCloseTo(18 / 20, 5);
  });

  it('bridges only runs of 2 to BRIDGED_GAP words between reproduced ones', () => {
    const marks = (pattern: string) => Uint8Array.from(pattern, (c) => Number(c));
    const bridged = (pattern: string) => {
      const reproduced = marks(pattern);
      bridgeGaps(reproduced);
      return [...reproduced].join('');
    };
    expect(BRIDGED_GAP).toBe(5);
    // Six words: more than two changed ones.
    expect(bridged('1100000011')).toBe('1100000011');
    expect(bridged('110000011')).toBe('110111011');
    expect(bridged('11001')).toBe('11001');
    expect(bridged('1101')).toBe('1101');
    expect(bridged('00011')).toBe('00011');
    expect(bridged('11000')).toBe('11000');
  });

  it("counts, in a longer run between reproduced words, the words B keeps beside each other, and not the others", () => {
    // Words 5, 8 and 11 changed: 5..11 lie in no intact shingle of four and the run is too long to bridge
    // whole, but 6-7 and 9-10 are pairs B has.
    const a = fingerprintOf(words.join(' '));
    const edited = [...words];
    for (const i of [5, 8, 11]) edited[i] = `x${i}`;
    const b = fingerprintOf(edited.join(' '));
    const pairs = { of: shingleSequence(a.words!, 2), in: distinctSorted(shingleSequence(b.words!, 2)) };
    expect(coveredWords(a.sequence, b.shingles, { bridge: true }).words).toBe(13);
    expect(coveredWords(a.sequence, b.shingles, { bridge: true, pairs }).words).toBe(17);
    // Up to PAIRED_GAP words between reproduced ones; a longer run is not read so. The run: pairs of
    // the original (w5 w6, w7 w8…) each after a word it lacks (y0, y1…), then such words to its length.
    const many = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const original = fingerprintOf(many.join(' '));
    const pairsInRun = Math.floor((PAIRED_GAP - 2) / 3);
    const run = (length: number) => {
      const inner = Array.from({ length: pairsInRun }, (_, k) => [`y${k}`, many[5 + 2 * k]!, many[6 + 2 * k]!]).flat();
      while (inner.length < length) inner.push(`y${inner.length}`);
      return fingerprintOf([...many.slice(0, 5), ...inner, ...many.slice(5 + 2 * pairsInRun)].join(' '));
    };
    const tail = many.length - 5 - 2 * pairsInRun;
    const counted = (a: ReturnType<typeof fingerprintOf>) =>
      coveredWords(a.sequence, original.shingles, { bridge: true, pairs: { of: shingleSequence(a.words!, 2), in: distinctSorted(shingleSequence(original.words!, 2)) } }).words;
    expect(counted(run(PAIRED_GAP))).toBe(5 + 2 * pairsInRun + tail);
    expect(counted(run(PAIRED_GAP + 1))).toBe(5 + tail);
  });

  it('finds a reference copied with one word in five reworded here and there through the kept paragraphs', () => {
    // Five of its seven paragraphs, a fifth of their words replaced at random: 59% of the reference's
    // words kept, which shingles of four alone measured at 0.45 (no copy); with pairs, 0.55.
    let state = 57;
    const next = () => (state = (Math.imul(state, 48271) >>> 0) % 2147483647) / 2147483647;
    const kept = paragraphs.slice(0, 5).map((p) => p.split(' ').map((w) => (next() < 0.2 ? 'بدل' : w)).join(' '));
    const verdict = indexWithSeed().checkAndInsert('c', fingerprintOf(kept.join('\n')));
    expect(verdict.copyOf).toMatchObject({ id: 'ref' });
    expect(verdict.copyOf!.containment).toBeGreaterThan(0.52);
  });

  it('finds most copies of a reference with a quarter to a third of its words replaced, none read above what they keep', () => {
    // Every paragraph kept, words replaced at random: 63-77% of the reference's words left, in runs of
    // intact shingles often more than 12 words apart (PAIRED_GAP was 12 until stop 38: 7 of these 12 found).
    let found = 0;
    for (const rate of [0.25, 0.3, 0.33]) {
      for (const start of [57, 11, 23, 99]) {
        let state = start;
        const next = () => (state = (Math.imul(state, 48271) >>> 0) % 2147483647) / 2147483647;
        let kept = 0;
        let total = 0;
        const text = paragraphs.map((p) => p.split(' ').map((w) => (total++, next() < rate ? 'بدل' : (kept++, w))).join(' ')).join('\n');
        const verdict = indexWithSeed().checkAndInsert('c', fingerprintOf(text));
        if (verdict.copyOf) found++;
        expect(verdict.similarity).toBeLessThan(kept / total + 0.02);
      }
    }
    expect(found).toBeGreaterThanOrEqual(9);
  });

  it('measures a reference bridged, an earlier item not (the shared index samples an item at 32 words)', () => {
    const text = seed;
    const changed = text.split(/\s+/);
    for (let i = 5; i < changed.length; i += 9) changed[i] = 'تغيير';
    for (let i = 8; i < changed.length; i += 9) changed[i] = 'تبديل';
    const index = new MemoryCopyIndex();
    index.add({ id: 'ref', storyId: 'ref', reference: true, ...fingerprintOf(text) });
    index.add({ id: 'item', storyId: 'item', reference: false, ...fingerprintOf(text) });
    const [ref, item] = ['ref', 'item'].map((id) => index.candidates(fingerprintOf(changed.join(' '))).find((match) => match.id === id)!);
    expect(ref!.containment).toBeGreaterThan(item!.containment + 0.1);
  });
});

/** A port seizure as the DGSN words it: two such communiqués differ in their place, date and numbers. */
const seizure = (port: string, when: string, kilos: string, hidden: string, age: string) =>
  `أحبطت عناصر الأمن الوطني بميناء ${port}، بتنسيق مع مصالح الجمارك، ${when}، عملية للتهريب الدولي للمخدرات، وحجزت ${kilos} كيلوغراما من مخدر الشيرا كانت مخبأة بعناية داخل ${hidden}.\n` +
  `وقد مكنت عمليات المراقبة والتفتيش المنجزة من توقيف سائق الشاحنة، وهو مواطن مغربي يبلغ من العمر ${age} سنة، قبل أن يتم إخضاعه لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة.\n` +
  'وتأتي هذه العملية في إطار المجهودات المكثفة التي تبذلها مصالح الأمن الوطني لمكافحة التهريب الدولي للمخدرات والمؤثرات العقلية وتفكيك الشبكات الإجرامية الناشطة في هذا المجال.';
const TANGIER_SEIZURE = seizure('طنجة المتوسط', 'مساء أمس الأحد', '950', 'شحنة من الخضر والفواكه', '38');

describe("an item's facts", () => {
  it('counts the numbers a later article keeps, and those it changes where it keeps the words either side', () => {
    const a = fingerprintOf(TANGIER_SEIZURE);
    expect(a.facts).toHaveLength(2);
    const facts = (text: string) => factsKept(a.sequence, fingerprintOf(text).shingles, a.facts!);
    expect(facts(`متابعة\n${TANGIER_SEIZURE}`)).toEqual({ kept: 2, changed: 0 });
    expect(facts(seizure('طنجة المتوسط', 'مساء أمس الأحد', '3200', 'شحنة من الخضر والفواكه', '52'))).toEqual({ kept: 0, changed: 2 });
    // Dropped with its paragraph, a number is neither.
    expect(facts(TANGIER_SEIZURE.split('\n').filter((_, i) => i !== 1).join('\n'))).toEqual({ kept: 1, changed: 0 });
    expect(fingerprintOf('أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية').facts).toBeUndefined();
  });

  it('reads numbers a few words apart as one group, framed by the words around it, and a number after a conjunction as one', () => {
    const ages = (first: string, second: string) => `أوقفت الشرطة ثلاثة أشخاص تتراوح أعمارهم بين ${first} و${second} سنة للاشتباه في تورطهم في السرقة`;
    const a = fingerprintOf(ages('22', '43'));
    // ثلاثة, written in words, is one too.
    expect([...a.facts!].map((i) => tokenize(ages('22', '43'))[i])).toEqual(['ثلاثه', '22', 'و43']);
    const facts = (text: string) => factsKept(a.sequence, fingerprintOf(text).shingles, a.facts!);
    expect(facts(ages('25', '46'))).toEqual({ kept: 1, changed: 2 });
    expect(facts(`متابعة ${ages('22', '43')}`)).toEqual({ kept: 3, changed: 0 });
  });

  it('tells two communiqués on two seizures in the same words apart, and leaves their pickups copies', () => {
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('tangier', fingerprintOf(TANGIER_SEIZURE)).copyOf).toBeNull();
    const nador = index.checkAndInsert('nador', fingerprintOf(seizure('طنجة المتوسط', 'مساء أمس الأحد', '3200', 'شحنة من الخضر والفواكه', '52')));
    expect(nador.copyOf).toBeNull();
    expect(nador.similarity).toBeGreaterThan(0.8);
    expect(index.checkAndInsert('pickup', fingerprintOf(`متابعة\n${TANGIER_SEIZURE}`)).copyOf).toMatchObject({ id: 'tangier' });
    // One number written out in words is one change: still a copy; so is one that drops the paragraph with the other.
    expect(index.checkAndInsert('in-words', fingerprintOf(TANGIER_SEIZURE.replace('38 سنة', 'ثمانية وثلاثين سنة'))).copyOf).toMatchObject({ id: 'tangier' });
    expect(index.checkAndInsert('shorter', fingerprintOf(TANGIER_SEIZURE.split('\n').filter((_, i) => i !== 1).join('\n'))).copyOf).toMatchObject({ id: 'tangier' });
  });
});

/** Two communiqués on two seizures in one town, the second's sentences rearranged around its numbers. */
const ORAN = 'تمكنت مصالح أمن ولاية وهران من تفكيك شبكة إجرامية مختصة في ترويج المؤثرات العقلية، وحجز أزيد من 5000 قرص مهلوس، وتوقيف أربعة أشخاص تم تقديمهم أمام وكيل الجمهورية لدى محكمة وهران.';
const ORAN_LATER =
  'تمكنت مصالح أمن ولاية وهران، ممثلة في فرقة البحث والتدخل، من تفكيك شبكة إجرامية مختصة في ترويج المؤثرات العقلية، وحجز 12 ألف قرص مهلوس.\n' +
  'وأوضح بيان لخلية الاتصال بأمن الولاية أن العملية أسفرت عن توقيف خمسة أشخاص، تم تقديمهم أمام وكيل الجمهورية لدى محكمة وهران.';

describe("an item's facts in their slots", () => {
  it('counts a fact changed where the later article fills one of its slots with another, the words on its other side reworded', () => {
    const a = fingerprintOf(ORAN);
    const b = fingerprintOf(ORAN_LATER);
    // 5000 and أربعة: neither keeps the words on both sides; "… قرص مهلوس" and "… أشخاص تم" hold other numbers.
    expect(factsKept(a.sequence, b.shingles, a.facts!)).toEqual({ kept: 0, changed: 0 });
    expect(factsKept(a.sequence, b.shingles, a.facts!, { of: a.slots!, in: distinctSorted(b.slots!) })).toEqual({ kept: 0, changed: 2 });
    // A pickup that keeps them, or drops one with its sentence, changes none.
    const pickup = fingerprintOf(`وهران - متابعة\n${ORAN.replace('، وتوقيف أربعة أشخاص تم تقديمهم', '، كما تم تقديم الموقوفين')}`);
    expect(factsKept(a.sequence, pickup.shingles, a.facts!, { of: a.slots!, in: distinctSorted(pickup.slots!) })).toEqual({ kept: 1, changed: 0 });
  });

  it('tells two seizures in one town apart, and leaves a pickup that writes a number out in words a copy', () => {
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('oran', fingerprintOf(ORAN)).copyOf).toBeNull();
    const later = index.checkAndInsert('oran-later', fingerprintOf(ORAN_LATER));
    expect(later.copyOf).toBeNull();
    expect(later.similarity).toBeGreaterThan(0.7);
    expect(index.checkAndInsert('pickup', fingerprintOf(`متابعة\n${ORAN.replace('5000', 'خمسة آلاف')}`)).copyOf).toMatchObject({ id: 'oran' });
  });
});

/** An arrest as the DGSN words it, in a town on a day: two such communiqués differ in nothing else. */
const arrest = (town: string, when: string) =>
  `أوقفت عناصر الشرطة القضائية بمدينة ${town}، ${when}، شخصين للاشتباه في تورطهما في قضية تتعلق بالسرقة بالعنف تحت التهديد بالسلاح الأبيض. ` +
  'وقد تم إخضاع المشتبه فيهما لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، وذلك للكشف عن جميع ظروف وملابسات هذه القضية.';

describe("an item's facts: its town and its day", () => {
  const tagger = compileTagger(readFileSync(DEFAULT_ALIASES_FILE, 'utf8'));
  const fingerprint = (text: string) => analyseArticle({ title: '', text }, tagger).fingerprint;

  it('reads the towns and the days of the week an article names among its facts, and a dual, not the bare words the days are named after', () => {
    const a = fingerprint(arrest('الدار البيضاء', 'مساء يوم الخميس'));
    const words = tokenize(arrest('الدار البيضاء', 'مساء يوم الخميس'));
    // شخصين: two persons, a count as "ثلاثة أشخاص" is.
    expect([...a.facts!].map((i) => words[i])).toEqual(['الدار', 'البيضاء', 'الخميس', 'شخصين']);
    expect(fingerprint('وقع الحادث قرب المسجد بعد صلاة الجمعة').facts).toBeUndefined();
    const facts = (text: string) => factsKept(a.sequence, fingerprint(text).shingles, a.facts!);
    expect(facts(arrest('الدار البيضاء', 'مساء يوم الخميس'))).toEqual({ kept: 4, changed: 0 });
    // Two arrested in both: the dual is kept.
    expect(facts(arrest('طنجة', 'صباح يوم السبت'))).toEqual({ kept: 1, changed: 3 });
  });

  it('tells two arrests in two towns on two days apart, and leaves their pickups copies', () => {
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('fes', fingerprint(arrest('فاس', 'مساء يوم الخميس'))).copyOf).toBeNull();
    const meknes = index.checkAndInsert('meknes', fingerprint(arrest('مكناس', 'صباح يوم الجمعة')));
    expect(meknes.similarity).toBeGreaterThan(0.8);
    expect(meknes.copyOf).toBeNull();
    expect(index.checkAndInsert('pickup', fingerprint(`متابعة\n${arrest('فاس', 'مساء يوم الخميس')}`)).copyOf).toMatchObject({ id: 'fes' });
    // A pickup a day later that says "yesterday" for the day changes one fact: still a copy.
    expect(index.checkAndInsert('next-day', fingerprint(arrest('فاس', 'مساء يوم أمس'))).copyOf).toMatchObject({ id: 'fes' });
  });
});

/** A fisherman missing off Safi, as a local outlet words it: another one there is written the same way. */
const missingFisherman = (age: string, when: string, boats: string) =>
  `فقد بحار يبلغ من العمر ${age} سنة، ${when}، إثر انقلاب قاربه قبالة سواحل آسفي، فيما تمكن زميلاه من السباحة نحو الشاطئ. ` +
  `وتواصل فرق الإنقاذ البحري بآسفي عمليات البحث عنه بمساعدة ${boats} قاربا للصيد التقليدي، وسط أحوال جوية صعبة حالت دون خروج باقي المراكب من ميناء آسفي.`;

describe("an item's facts: counted once per value, its place apart", () => {
  const tagger = compileTagger(readFileSync(DEFAULT_ALIASES_FILE, 'utf8'));
  const fingerprint = (text: string) => analyseArticle({ title: '', text }, tagger).fingerprint;
  const valuesOf = (text: string) => {
    const { facts, values } = fingerprint(text);
    const words = tokenize(text);
    return [...facts!].map((w, i) => [words[w], statedValue(values![i]!)] as const);
  };

  it('gives a number one value however it is written, a town its own, flagged, and a day its own', () => {
    const [thousands, inDigits, inWords, ages] = ['حجز 12 ألف قرص مهلوس', 'حجز 12000 قرص مهلوس', 'أوقفت ثمانية وثلاثين شخصا', 'تتراوح أعمارهم بين 22 و43 سنة'].map(valuesOf);
    // "12 ألف": two words, one number, the value of "12000".
    expect(new Set(thousands!.map(([, value]) => value))).toEqual(new Set(inDigits!.map(([, value]) => value)));
    expect(thousands).toHaveLength(2);
    expect(inWords!.map(([, value]) => value)).toEqual(valuesOf('أوقفت 38 شخصا').map(([, value]) => value).concat(valuesOf('أوقفت 38 شخصا').map(([, value]) => value)));
    expect(new Set(ages!.map(([, value]) => value)).size).toBe(2);
    // A sum in centimes is in dirhams, as Moroccan outlets convert it.
    const sum = (text: string) => valuesOf(text).map(([, value]) => value)[0];
    expect(sum('اختلاس 5 ملايين سنتيم')).toBe(sum('اختلاس 50 ألف درهم'));
    expect(sum('صفقة بمليار سنتيم')).toBe(sum('صفقة بعشرة ملايين درهم'));
    expect(sum('اختلاس 5 ملايين درهم')).not.toBe(sum('اختلاس 50 ألف درهم'));
    // A dual counts two.
    expect(valuesOf('أوقفت الشرطة شخصين').map(([, value]) => value)).toEqual(valuesOf('أوقفت الشرطة 2 من المشتبه فيهم').map(([, value]) => value));
    const [age, day, ...town] = valuesOf(missingFisherman('43', 'مساء يوم الاثنين', '12'));
    expect([age![0], day![0], town[0]![0]]).toEqual(['43', 'الاثنين', 'اسفي']);
    expect([age![1] & 1, day![1] & 1, town[0]![1] & 1]).toEqual([0, 0, 1]);
    // آسفي and بآسفي name one town.
    expect(new Set(town.filter(([word]) => word !== '12').map(([, value]) => value)).size).toBe(1);
  });

  it('tells another event at the same place in the same words apart, its town named thrice, and leaves a pickup writing the age out in words a copy', () => {
    const first = fingerprint(missingFisherman('43', 'مساء يوم الاثنين', '12'));
    const other = fingerprint(missingFisherman('27', 'صباح يوم الجمعة', '20'));
    const pickup = fingerprint(`آسفي - متابعة\n${missingFisherman('ثلاثة وأربعين', 'مساء يوم الاثنين', '12')}`);
    const facts = (b: typeof first, values = true) =>
      factsKept(first.sequence, b.shingles, first.facts!, { of: first.slots!, in: distinctSorted(b.slots!) }, values ? { of: first.values!, in: distinctSorted(b.values!) } : undefined);
    // Once per occurrence, the town kept thrice outweighs the age, day and boats changed.
    expect(facts(other, false)).toEqual({ kept: 3, changed: 3 });
    // The town changed is no figure: the age, the day and the boats are.
    expect(facts(other)).toEqual({ kept: 0, changed: 3, changedFigures: 3 });
    // The age in words is the same value: neither kept nor changed.
    expect(facts(pickup)).toEqual({ kept: 2, changed: 0, changedFigures: 0 });
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('first', first).copyOf).toBeNull();
    const verdict = index.checkAndInsert('other', other);
    expect(verdict.copyOf).toBeNull();
    expect(verdict.similarity).toBeGreaterThan(0.7);
    expect(index.checkAndInsert('pickup', pickup).copyOf).toMatchObject({ id: 'first' });
  });

  it('reads an age written as an ordinal as its number, there only: another accident in the same words, the age and day changed, is no copy', () => {
    const runOver = (age: string, when: string) =>
      `لقيت طفلة في ${age} من عمرها مصرعها، ${when}، بعدما صدمتها سيارة خفيفة بالطريق الرئيسية المؤدية إلى وسط مدينة خريبكة. وحسب مصادر محلية، ` +
      'فإن السائق فر من مكان الحادث قبل أن تتمكن عناصر الأمن من توقيفه بعد ساعات، فيما نقلت جثة الضحية إلى مستودع الأموات بالمستشفى الإقليمي ' +
      'لإخضاعها للتشريح الطبي. وفتح بحث قضائي تحت إشراف النيابة العامة المختصة لتحديد ظروف وملابسات الحادث.';
    // The age is the first fact, then the day and the town.
    expect(valuesOf(runOver('السابعة', 'صباح يوم الأحد'))[0]![1]).toBe(valuesOf('طفلة تبلغ 7 سنوات')[0]![1]);
    expect(valuesOf('في سن الخامسة والعشرين').map(([, value]) => value)).toEqual(valuesOf('يبلغ 25 سنة').map(([, value]) => value).concat(valuesOf('يبلغ 25 سنة').map(([, value]) => value)));
    expect(valuesOf('رجل في الأربعينات من العمر')).toHaveLength(1);
    // A date too: a pickup writing "الخامس من دجنبر" for "5 دجنبر" has changed no figure.
    expect(valuesOf('يوم الخامس من دجنبر الجاري').map(([, value]) => value)).toEqual(valuesOf('يوم 5 دجنبر الجاري').map(([, value]) => value));
    expect(valuesOf('الفاتح من الشهر الجاري').map(([, value]) => value)).toEqual(valuesOf('1 من الشهر').map(([, value]) => value));
    // Ranks and reigns are no ages.
    expect(fingerprint('ترأس الملك محمد السادس الدورة الثانية والتسعين').facts).toBeUndefined();
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('first', fingerprint(runOver('السابعة', 'صباح يوم الأحد'))).copyOf).toBeNull();
    const other = index.checkAndInsert('other', fingerprint(runOver('التاسعة', 'مساء يوم الأربعاء')));
    expect(other.copyOf).toBeNull();
    expect(other.similarity).toBeGreaterThan(0.8);
    expect(index.checkAndInsert('pickup', fingerprint(`خريبكة - متابعة\n${runOver('السابعة', 'صباح يوم الأحد')}`)).copyOf).toMatchObject({ id: 'first' });
  });

  it('reads an hour written as an ordinal as its number: another fire in the same words, its day and hour changed, is no copy', () => {
    const fire = (day: string, hour: string) =>
      `اندلع حريق مهول، مساء يوم ${day}، حوالي الساعة ${hour} ليلا، داخل مستودع لتخزين الأخشاب بالحي الصناعي لمدينة تطوان، وأتت النيران على كميات كبيرة من السلع ` +
      'قبل أن تتمكن عناصر الوقاية المدنية من السيطرة عليها بعد ساعات من التدخل. ولم يسفر الحريق عن أي خسائر في الأرواح، فيما فتحت السلطات المختصة بحثا لتحديد أسباب اندلاعه.';
    expect(valuesOf('على الساعة الحادية عشرة ليلا').map(([, value]) => value)).toEqual(valuesOf('في 11 مدينة').concat(valuesOf('في 11 مدينة')).map(([, value]) => value));
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('first', fingerprint(fire('الجمعة', 'التاسعة'))).copyOf).toBeNull();
    expect(index.checkAndInsert('other', fingerprint(fire('الأحد', 'الحادية عشرة'))).copyOf).toBeNull();
    expect(index.checkAndInsert('pickup', fingerprint(`تطوان: ${fire('الجمعة', 'التاسعة')}`)).copyOf).toMatchObject({ id: 'first' });
  });

  it("takes an article changing a figure and keeping none for another event, and not one that changes its town's name alone", () => {
    const crash = (hour: string, outcome: string, town = 'الدار البيضاء') =>
      `شهد شارع الزرقطوني بمدينة ${town}، حوالي الساعة ${hour}، حادثة سير خطيرة إثر اصطدام عنيف بين سيارة خفيفة ودراجة نارية، ما أسفر عن ${outcome}. ` +
      'وقد حلت عناصر الوقاية المدنية بعين المكان، حيث تم نقل المصابين إلى قسم المستعجلات بالمستشفى الجامعي ابن رشد، فيما باشرت عناصر شرطة المرور المعاينات الأولية.';
    const index = new MemoryCopyIndex();
    index.checkAndInsert('night', fingerprint(crash('الحادية عشرة ليلا', 'مصرع سائق الدراجة وإصابة مرافقه بجروح بليغة')));
    expect(index.checkAndInsert('dawn', fingerprint(crash('الثالثة فجرا', 'إصابة السائقين بجروح متفاوتة الخطورة'))).copyOf).toBeNull();
    expect(index.checkAndInsert('pickup', fingerprint(crash('الحادية عشرة ليلا', 'مصرع سائق الدراجة وإصابة مرافقه بجروح بليغة', 'البيضاء'))).copyOf).toMatchObject({ id: 'night' });
    // A report whose one fact is its town, picked up with the town written another way.
    const arrest = (town: string) =>
      `أوقفت عناصر الشرطة القضائية بمدينة ${town}، شخصا يشتبه في تورطه في قضية تتعلق بالسرقة باستعمال العنف، وذلك بعد تداول مقطع فيديو على مواقع التواصل الاجتماعي يوثق لاعتدائه على أحد المارة. ` +
      'وقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، للكشف عن جميع ظروف وملابسات هذه القضية.';
    const towns = new MemoryCopyIndex();
    towns.checkAndInsert('casablanca', fingerprint(arrest('الدار البيضاء')));
    expect(towns.checkAndInsert('pickup', fingerprint(arrest('البيضاء'))).copyOf).toMatchObject({ id: 'casablanca' });
    expect(towns.checkAndInsert('pickup-2', fingerprint(arrest('كازابلانكا'))).copyOf).toMatchObject({ id: 'casablanca' });
    // A notice whose one figure is its date, picked up with the weekday instead and a sentence reworded:
    // the same day, another kind of fact in the slot.
    const notice = (day: string, said = 'وأوضحت الوكالة في بلاغ لها') =>
      `أعلنت الوكالة الحضرية لمدينة تطوان عن تنظيم أيام مفتوحة لفائدة المواطنين والمهنيين ${day} بمقرها، وذلك من أجل تقديم التصاميم الجديدة للتهيئة ` +
      `والإجابة عن استفسارات الزوار بخصوص مساطر الترخيص للبناء والتجزيء. ${said} أن هذه المبادرة تندرج في إطار تقريب الإدارة من المرتفقين.`;
    const days = new MemoryCopyIndex();
    days.checkAndInsert('notice', fingerprint(notice('يوم 5 دجنبر الجاري')));
    expect(days.checkAndInsert('weekday', fingerprint(notice('يوم الجمعة', 'وحسب بلاغ للوكالة فإن'))).copyOf).toMatchObject({ id: 'notice' });
    expect(reportsOtherFacts({ kept: 0, changed: 1, changedFigures: 1 }, 0.8)).toBe(true);
    expect(reportsOtherFacts({ kept: 0, changed: 1, changedFigures: 0 }, 0.8)).toBe(false);
    expect(reportsOtherFacts({ kept: 1, changed: 1, changedFigures: 1 }, 0.8)).toBe(false);
    // Read without values (items filed before them in the shared index): two changed facts are needed.
    expect(reportsOtherFacts({ kept: 0, changed: 1 }, 0.8)).toBe(false);
    // The item again but for a number its own headline gives it: a copy.
    expect(reportsOtherFacts({ kept: 0, changed: 1, changedFigures: 1 }, 0.97)).toBe(false);
    const renumbered = new MemoryCopyIndex();
    const body = crash('الحادية عشرة ليلا', 'مصرع سائق الدراجة وإصابة مرافقه بجروح بليغة', 'البيضاء').replace('حوالي الساعة الحادية عشرة ليلا، ', '');
    renumbered.checkAndInsert('item-12', fingerprint(`حادثة سير خطيرة بشارع الزرقطوني 12\n${body}`));
    expect(renumbered.checkAndInsert('item-57', fingerprint(`حادثة سير خطيرة بشارع الزرقطوني 57\n${body}`)).copyOf).toMatchObject({ id: 'item-12' });
  });

  it("finds a pickup of another event's report in the same words: the words it shares with the first are its house style, not a passage it took", () => {
    const index = new MemoryCopyIndex();
    index.checkAndInsert('first', fingerprint(missingFisherman('43', 'مساء يوم الاثنين', '12')));
    expect(index.checkAndInsert('other', fingerprint(missingFisherman('27', 'صباح يوم الجمعة', '20'))).copyOf).toBeNull();
    // Its first sentence and most of the second, as a feed's description cuts it.
    const cut = missingFisherman('27', 'صباح يوم الجمعة', '20').split(' ').slice(0, 34).join(' ');
    expect(index.checkAndInsert('pickup', fingerprint(`آسفي - متابعة\n${cut}`)).copyOf).toMatchObject({ id: 'other' });
  });

  it('reads a number of several words as one statement: kept where all its words are, changed where one is', () => {
    const traffic = (month: string, containers: string, growth: string, trucks: string) =>
      `عالج ميناء طنجة المتوسط خلال شهر ${month} الماضي حوالي ${containers} ألف حاوية من فئة عشرين قدما، بزيادة تقدر بـ${growth} في المائة مقارنة مع الشهر نفسه من السنة الماضية، ` +
      `وفق معطيات السلطة المينائية. كما بلغ عدد الشاحنات التي عبرت الميناء نحو ${trucks} ألف شاحنة خلال الفترة ذاتها.`;
    const august = fingerprint(traffic('غشت', '920', '11', '43'));
    const september = fingerprint(traffic('شتنبر', '870', '7', '39'));
    const { values } = august;
    // طنجة المتوسط, 920 ألف, عشرين, 11, 43 ألف: the second word of each continues the statement the first began.
    expect([...values!].map((value) => value & FACT_CONTINUED)).toEqual([0, FACT_CONTINUED, 0, FACT_CONTINUED, 0, 0, 0, FACT_CONTINUED]);
    const facts = factsKept(august.sequence, september.shingles, august.facts!, { of: august.slots!, in: distinctSorted(september.slots!) }, { of: values!, in: distinctSorted(september.values!.map(statedValue)) });
    // 920 and 43 thousand, and 11%, changed; "عشرين قدما" kept (the town counts for neither).
    expect(facts).toEqual({ kept: 1, changed: 3, changedFigures: 3 });
    const index = new MemoryCopyIndex();
    index.checkAndInsert('august', august);
    expect(index.checkAndInsert('september', september).copyOf).toBeNull();
    expect(index.checkAndInsert('pickup', fingerprint(`طنجة - متابعة\n${traffic('غشت', '920', '11', '43')}`)).copyOf).toMatchObject({ id: 'august' });
  });

  it('reads no slot filled beside a group of facts the text may have cut short', () => {
    const roundup =
      'أخبار الأسبوع في الجهة. الرياضة: تعادل الفريق المحلي مع ضيفه بهدف لمثله وسط حضور جماهيري غفير بالملعب الكبير. ' +
      'أمن: أوقفت عناصر الشرطة بطنجة، يوم الأربعاء، شخصين يشتبه في تورطهما في سرقة المحلات التجارية، وحجزت بحوزتهما أدوات للكسر.';
    const a = fingerprint(roundup);
    // A pickup of its opening, cut off two words after the town: the day and the dual are not there, not changed.
    const cut = fingerprint(roundup.slice(0, roundup.indexOf('، يوم الأربعاء') + ' يوم'.length + 1));
    expect(factsKept(a.sequence, cut.shingles, a.facts!, { of: a.slots!, in: distinctSorted(cut.slots!) }, { of: a.values!, in: distinctSorted(cut.values!) })).toEqual({ kept: 0, changed: 0, changedFigures: 0 });
  });

  it("measures an article keeping an item's figures against its whole text, its house style among its words", () => {
    const index = new MemoryCopyIndex();
    // Nine earlier bulletins make the lead's and the closing's set phrases boilerplate.
    earlierBulletins().forEach((text, i) => index.checkAndInsert(`bulletin-${i}`, fingerprint(text)));
    const atlas = weatherBulletin(20, 40, 'الأربعاء', 'الأطلس المتوسط', ATLAS_HAZARD, ATLAS_DETAILS);
    index.checkAndInsert('atlas', fingerprint(atlas.join('\n')));
    // Its lead and closing, its details dropped: 41% of its words besides the set phrases, 62% of all,
    // its figures and day kept.
    const [lead, , closing] = atlas;
    const verdict = index.checkAndInsert('lead-and-closing', fingerprint(`${lead}\n${closing}`));
    expect(verdict.copyOf).toMatchObject({ id: 'atlas' });
    expect(verdict.copyOf!.containment).toBeGreaterThan(0.6);
    // Another bulletin in the same words and details, for other days and depths: no copy.
    expect(index.checkAndInsert('later', fingerprint(weatherBulletin(30, 60, 'الجمعة', 'الأطلس المتوسط', ATLAS_HAZARD, ATLAS_DETAILS).join('\n'))).copyOf).toBeNull();
    expect(retellsFacts({ kept: 2, changed: 0 }, 0.4)).toBe(true);
    expect(retellsFacts({ kept: 2, changed: 1 }, 0.4)).toBe(false);
    expect(retellsFacts({ kept: 1, changed: 0 }, 0.4)).toBe(false);
    // Too little of its own words reproduced, whatever its figures: a sentence quoted.
    expect(retellsFacts({ kept: 3, changed: 0 }, 0.2)).toBe(false);
  });

  it("takes an article reporting other facts than a story's original for no copy of the story's pickups either", () => {
    const match = { storyId: 'first', reference: false, containment: 0.7, words: 40 };
    expect(judgeCopy([{ ...match, id: 'first' }, { ...match, id: 'pickup', copy: true }]).copyOf).toMatchObject({ id: 'first' });
    expect(judgeCopy([{ ...match, id: 'first', otherFacts: true }, { ...match, id: 'pickup', copy: true }]).copyOf).toBeNull();
    // Another story's pickup is still one.
    expect(judgeCopy([{ ...match, id: 'first', otherFacts: true }, { ...match, id: 'pickup', storyId: 'second', copy: true }]).copyOf).toMatchObject({ id: 'pickup' });
  });
});

describe('MemoryCopyIndex', () => {
  it('finds a pickup after more originals than its first count tables hold: they grow, and no shingle turns boilerplate by collisions', () => {
    // Tables of 1,024 counters, filled 20 times over by 300 articles of 80 words nobody else writes.
    const index = new MemoryCopyIndex({ countBits: 10 });
    let state = 11;
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const texts = Array.from({ length: 300 }, () => Array.from({ length: 80 }, () => `كلمة${Math.floor(random() * 5000)}`).join(' '));
    texts.forEach((text, i) => expect(index.checkAndInsert(`a${i}`, fingerprintOf(text)).copyOf).toBeNull());
    const pickup = texts[3]!.split(' ').map((word, i) => (i % 8 === 0 ? 'بدل' : word)).join(' ');
    const verdict = index.checkAndInsert('pickup', fingerprintOf(pickup));
    expect(verdict.copyOf?.id).toBe('a3');
    expect(verdict.copyOf?.containment).toBeGreaterThan(0.6);
  });

  it("measures a reference whole, the phrases other references share too: its first paragraphs, 51% of its words, are a copy", () => {
    const index = new MemoryCopyIndex();
    for (const file of readdirSync(SEEDS)) index.add({ id: file, storyId: file, reference: true, ...fingerprintOf(readFileSync(join(SEEDS, file), 'utf8')) });
    const kept = fingerprintOf(paragraphs.slice(0, 3).join('\n'));
    const share = coveredWords(fingerprintOf(seed).sequence, kept.shingles).share;
    expect(share).toBeGreaterThan(COPY_THRESHOLD);
    // The DGSN's and Interpol's names, which three of the five hold, were set apart as boilerplate: 0.489.
    expect(index.checkAndInsert('first-paragraphs', kept)).toMatchObject({ copyOf: { id: '000_7f10525f81fda1b7.txt' }, similarity: share });
  });

  it('finds a copy with an added intro, boilerplate and collapsed paragraphs', () => {
    const copy = fingerprintOf(`متابعة\nأوردت مصادر الخبر التالي: ${paragraphs.join(' ')} جميع الحقوق محفوظة`);
    const verdict = indexWithSeed().checkAndInsert('item', copy);
    expect(verdict.copyOf).toMatchObject({ id: 'ref', reference: true });
    expect(verdict.storyId).toBe('ref');
  });

  it('finds a copy of more than half of the paragraphs', () => {
    const verdict = indexWithSeed().checkAndInsert('item', fingerprintOf(paragraphs.slice(0, 5).join('\n')));
    expect(verdict.copyOf?.containment).toBeGreaterThanOrEqual(COPY_THRESHOLD);
  });

  it('takes a one-sentence brief reposted whole for a copy of it, though under MIN_COPIED_WORDS words, and not one of fewer than MIN_FRESH_WORDS', () => {
    const brief = 'أوقفت عناصر الشرطة بمدينة فاس شابا يشتبه في سرقة هواتف محمولة من داخل سيارات مركونة';
    expect(tokenize(brief).length).toBeLessThan(MIN_COPIED_WORDS);
    const index = new MemoryCopyIndex();
    index.checkAndInsert('brief', fingerprintOf(brief));
    expect(index.checkAndInsert('reposted', fingerprintOf(`فاس - ${brief}`)).copyOf).toMatchObject({ id: 'brief' });
    // Half of it is no copy: under MIN_COPIED_WORDS words, nearly all of them must be there.
    expect(index.checkAndInsert('half', fingerprintOf(`${brief.split(' ').slice(0, 8).join(' ')} وأحالته على النيابة العامة المختصة بعد انتهاء البحث`)).copyOf).toBeNull();
    const short = 'تعادل الوداد والرجاء في الديربي';
    expect(tokenize(short).length).toBeLessThan(MIN_FRESH_WORDS);
    index.checkAndInsert('short', fingerprintOf(short));
    expect(index.checkAndInsert('short-again', fingerprintOf(short)).copyOf).toBeNull();
    // A headline of MIN_FRESH_WORDS words, the fewest such a copy reproduces, reposted whole.
    const headline = 'الوداد يفوز على الرجاء بهدفين لهدف في الديربي';
    expect(tokenize(headline)).toHaveLength(MIN_FRESH_WORDS);
    index.checkAndInsert('headline', fingerprintOf(headline));
    expect(index.checkAndInsert('headline-again', fingerprintOf(headline)).copyOf).toMatchObject({ id: 'headline' });
    // Ten words, one changed in the middle: 3 of its 7 shingles kept, 9 of its words.
    const tenWords = 'ارتفاع أسعار الطماطم في أسواق الدار البيضاء خلال هذا الأسبوع';
    index.checkAndInsert('ten', fingerprintOf(tenWords));
    expect(index.checkAndInsert('ten-edited', fingerprintOf(tenWords.replace('أسواق', 'محلات'))).copyOf).toMatchObject({ id: 'ten', containment: 0.9 });
  });

  it('does not call an article quoting one paragraph a copy, and keeps it as an original', () => {
    const index = indexWithSeed();
    const verdict = index.checkAndInsert('quote', fingerprintOf(`${OTHER}\n${paragraphs[3]}\n${OTHER.split(' ').reverse().join(' ')}`));
    expect(verdict.copyOf).toBeNull();
    expect(verdict.storyId).toBe('quote');
    expect(index.size).toBe(2);
  });

  it('points a later copy of an original item at it, sharing its story', () => {
    const index = indexWithSeed();
    index.checkAndInsert('first', fingerprintOf(OTHER));
    const verdict = index.checkAndInsert('second', fingerprintOf(`عاجل: ${OTHER} (وكالات)`));
    expect(verdict).toMatchObject({ copyOf: { id: 'first', reference: false }, storyId: 'first' });
    // The copy is filed too, under the story it copies.
    expect(index.size).toBe(3);
    // A third copy, word for word like both: the original wins the tie.
    expect(index.checkAndInsert('third', fingerprintOf(`عاجل: ${OTHER} (وكالات)`)).copyOf?.id).toBe('first');
  });

  it('finds a copy of a copy that keeps too little of the original to copy it', () => {
    const index = indexWithSeed();
    // An original item: the seed's words in reverse order share no run of four words with it.
    const original = seed.split(/\s+/).reverse();
    expect(index.checkAndInsert('original', fingerprintOf(original.join(' '))).copyOf).toBeNull();
    const partial = original.slice(0, Math.round(original.length * 0.6));
    expect(index.checkAndInsert('partial', fingerprintOf(partial.join(' '))).copyOf?.id).toBe('original');
    // Seven tenths of the partial copy: 42% of the original, not a copy of it, but a copy of the line before.
    const verdict = index.checkAndInsert('chain', fingerprintOf(`مقدمة جديدة للمقال. ${partial.slice(Math.round(partial.length * 0.3)).join(' ')}`));
    expect(verdict).toMatchObject({ copyOf: { id: 'partial', reference: false }, storyId: 'original' });
  });

  it("names, of two pickups a copy reproduces the same passage of, the one it reproduces more of", () => {
    const index = indexWithSeed();
    const original = seed.split(/\s+/).reverse();
    index.checkAndInsert('original', fingerprintOf(original.join(' ')));
    // One outlet's pickup of most of it, behind its dateline; another's of its first 60%.
    expect(index.checkAndInsert('pickup', fingerprintOf(`الرباط - متابعة\n${original.slice(0, Math.round(original.length * 0.8)).join(' ')}`)).copyOf?.id).toBe('original');
    const partial = original.slice(0, Math.round(original.length * 0.6));
    expect(index.checkAndInsert('partial', fingerprintOf(partial.join(' '))).copyOf?.id).toBe('original');
    // 70% of the partial, 53% of the pickup, behind the same word of attribution as the pickup's: the
    // same passage of both, a word or two more of the pickup; the partial's.
    const chain = index.checkAndInsert('chain', fingerprintOf(`الرباط - متابعة\n${partial.slice(0, Math.round(partial.length * 0.7)).join(' ')}`));
    expect(chain).toMatchObject({ copyOf: { id: 'partial' }, storyId: 'original' });
  });

  it('does not take two articles quoting the same reference for copies of each other', () => {
    const index = indexWithSeed();
    const words = seed.split(/\s+/);
    // Two outlets, each with a paragraph of its own and under half of the communiqué, the later one
    // quoting all the earlier one quoted: each is judged against the reference alone.
    expect(index.checkAndInsert('first', fingerprintOf(`${OTHER}\n${words.slice(0, words.length * 0.3).join(' ')}`)).copyOf).toBeNull();
    const second = index.checkAndInsert('second', fingerprintOf(`${words.slice(0, words.length * 0.4).join(' ')}\n${OTHER.split(' ').reverse().join(' ')}`));
    expect(second.copyOf).toBeNull();
    expect(second.similarity).toBeCloseTo(0.4, 1);
    // Copying the earlier article's own paragraph too makes a copy of it.
    const third = index.checkAndInsert('third', fingerprintOf(`عاجل: ${OTHER}\n${words.slice(0, words.length * 0.3).join(' ')}`));
    expect(third.copyOf).toMatchObject({ id: 'first', reference: false });
  });

  it('does not take two outlets quoting the same opening of a reference behind one dateline or attribution for copies of each other', () => {
    const index = indexWithSeed();
    const words = seed.split(/\s+/);
    const attribution = 'الرباط - متابعة\nأفادت المديرية العامة للأمن الوطني في بلاغ توصلت الجريدة بنسخة منه، أن';
    for (const dateline of ['عاجل:', 'الرباط - هبة بريس - عبد اللطيف بركة', attribution]) {
      // The dateline is all that is theirs: under 20 words with the shingles it starts.
      expect(index.checkAndInsert(`first ${dateline}`, fingerprintOf(`${dateline} ${words.slice(0, words.length * 0.4).join(' ')}`)).copyOf).toBeNull();
      expect(index.checkAndInsert(`second ${dateline}`, fingerprintOf(`${dateline} ${words.slice(0, words.length * 0.3).join(' ')}`)).copyOf).toBeNull();
    }
  });

  it('does not take an article quoting another paragraph of a reference in the same intro and closing for a copy of one quoting the first', () => {
    const index = indexWithSeed();
    const intro = 'في إطار متابعتنا المستمرة للشأن الأمني الوطني والدولي، نضع بين أيدي قرائنا الكرام مقتطفا من الخبر التالي:';
    const closing = 'وسنوافيكم بكل المستجدات المتعلقة بهذا الخبر فور توصلنا بها، فتابعونا على موقعنا وصفحاتنا على مواقع التواصل الاجتماعي.';
    const framed = (...quoted: number[]) => fingerprintOf([intro, ...quoted.map((i) => paragraphs[i]), closing].join('\n'));
    expect(index.checkAndInsert('first', framed(6)).copyOf).toBeNull();
    // Its intro and closing are most of the first one's words, but what it quotes is another paragraph.
    const second = index.checkAndInsert('second', framed(3));
    expect(second.copyOf).toBeNull();
    // The same paragraph in the same words is the first one again, and a pickup of its words with
    // part of its quote, too.
    expect(index.checkAndInsert('again', framed(6)).copyOf?.id).toBe('first');
    // The second, whose intro and closing are the first one's, is copied whole all the same.
    expect(index.checkAndInsert('second-again', framed(3)).copyOf?.id).toBe('second');
    expect(index.checkAndInsert('pickup', fingerprintOf(`${intro}\n${paragraphs[6]!.split(' ').slice(0, 20).join(' ')}\n${closing}`)).copyOf?.id).toBe('first');
  });

  it('does not take one story\'s copies for boilerplate', () => {
    const index = indexWithSeed();
    index.checkAndInsert('original', fingerprintOf(OTHER));
    for (const n of [1, 2, 3, 4]) expect(index.checkAndInsert(`copy-${n}`, fingerprintOf(`${'عاجل '.repeat(n)}${OTHER}`)).copyOf?.id).toBe('original');
  });

  it('finds copies with a fifth of their words replaced, which LSH bands alone miss a few of', () => {
    const fillers = ['كذلك', 'أيضا', 'الجديد', 'الكبير', 'المهم', 'الخاص', 'الرسمي', 'العام', 'الدولي', 'الحالي'];
    const missed: number[] = [];
    for (let n = 1; n <= 100; n++) {
      let state = n;
      const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
      const reworded = seed.replace(/[\u0621-\u064A]+/g, (word) => (random() < 0.2 ? fillers[Math.floor(random() * fillers.length)]! : word));
      if (indexWithSeed().checkAndInsert(`reworded-${n}`, fingerprintOf(reworded)).copyOf?.id !== 'ref') missed.push(n);
    }
    expect(missed).toEqual([]);
  });

  it('files a copy of a reference under the reference, even when it also holds all of an earlier item', () => {
    const index = indexWithSeed();
    const words = seed.split(/\s+/);
    // The earlier item quotes the first third of the reference: an original.
    expect(index.checkAndInsert('quote', fingerprintOf(`${OTHER}\n${words.slice(0, words.length / 3).join(' ')}`)).copyOf).toBeNull();
    // The later one reproduces that item whole and most of the reference.
    const verdict = index.checkAndInsert('copy', fingerprintOf(`${OTHER}\n${words.slice(0, (words.length * 3) / 4).join(' ')}`));
    expect(verdict).toMatchObject({ copyOf: { id: 'ref', reference: true }, storyId: 'ref' });
  });

  it('ignores a second add of the same id, so re-loading references is idempotent', () => {
    const index = indexWithSeed();
    index.add({ id: 'ref', storyId: 'ref', reference: true, ...fingerprintOf(OTHER) });
    expect(index.size).toBe(1);
    expect(index.checkAndInsert('copy', fingerprintOf(seed)).copyOf?.id).toBe('ref');
  });

  it('keeps finding copies of a reference after several items quoted the same passage of it', () => {
    const index = indexWithSeed();
    const words = seed.split(/\s+/);
    const prefix = (share: number) => words.slice(0, Math.round(words.length * share)).join(' ');
    // Outlets quoting the opening of the communiqué: originals, and not boilerplate for being shared.
    for (const [n, share] of [0.4, 0.42, 0.44, 0.46].entries()) expect(index.checkAndInsert(`quote-${n}`, fingerprintOf(prefix(share))).copyOf).toBeNull();
    const copy = index.checkAndInsert('copy', fingerprintOf(prefix(0.62)));
    expect(copy.copyOf).toMatchObject({ id: 'ref', reference: true });
    expect(copy.copyOf?.containment).toBeCloseTo(0.62, 1);
  });

  it('names the item a copy was taken from, not an earlier item quoting a paragraph of it', () => {
    const index = new MemoryCopyIndex();
    const words = seed.split(/\s+/);
    index.checkAndInsert('original', fingerprintOf(seed));
    // An earlier outlet quoted the opening, with a sentence of its own: more of it is that opening than
    // of the original, but fewer words.
    expect(index.checkAndInsert('quote', fingerprintOf(`${words.slice(0, words.length * 0.35).join(' ')}\n${OTHER}`)).copyOf).toBeNull();
    const copy = index.checkAndInsert('copy', fingerprintOf(words.slice(0, words.length * 0.7).join(' ')));
    expect(copy.copyOf?.id).toBe('original');
    expect(copy.storyId).toBe('original');
  });

  it('does not take an article for a copy of an earlier item that only quoted what it reproduces', () => {
    const index = new MemoryCopyIndex();
    const words = seed.split(/\s+/);
    const opening = (share: number) => words.slice(0, Math.round(words.length * share)).join(' ');
    const aside = 'ونعيد نشر الجزء الأول من الخبر كما ورد في المصدر، على أن ننشر باقي التفاصيل تباعا فور توصلنا بها من مراسلينا في عين المكان';
    index.checkAndInsert('source', fingerprintOf(seed));
    expect(index.checkAndInsert('quote', fingerprintOf(`${opening(0.35)}\n${aside}`)).copyOf).toBeNull();
    // More of the source's opening, and none of the quoting outlet's own words: a quote of the source.
    const longer = index.checkAndInsert('longer-quote', fingerprintOf(opening(0.42)));
    expect(longer.copyOf).toBeNull();
    expect(longer.similarity).toBeLessThan(COPY_THRESHOLD);
    // A pickup of the source, and a pickup of that pickup keeping less than half of the source.
    const pickup = opening(0.6).split(' ');
    expect(index.checkAndInsert('pickup', fingerprintOf(pickup.join(' '))).copyOf?.id).toBe('source');
    expect(index.checkAndInsert('pickup-of-pickup', fingerprintOf(pickup.slice(0, Math.round(pickup.length * 0.75)).join(' '))).copyOf?.id).toBe('pickup');
    // Its own words with what it quoted: a copy of the quoting item.
    expect(index.checkAndInsert('copy-of-quote', fingerprintOf(`عاجل\n${opening(0.35)}\n${aside}`)).copyOf?.id).toBe('quote');
  });

  it('takes a pickup of the opening of an item that opens with a quote for a copy of it, when it holds some of its own words', () => {
    const index = indexWithSeed();
    const quote = seed.split(/\s+/).slice(0, Math.round(seed.split(/\s+/).length * 0.2));
    const own = otherSeed.split(/\s+/).slice(0, 120);
    const quoting = [...quote, ...own];
    expect(index.checkAndInsert('quoting', fingerprintOf(quoting.join(' '))).copyOf).toBeNull();
    // Its first 60%: the quote and some forty of its own 120 words, under half of them.
    const pickup = index.checkAndInsert('pickup', fingerprintOf(quoting.slice(0, Math.round(quoting.length * 0.6)).join(' ')));
    expect(pickup.copyOf).toMatchObject({ id: 'quoting', reference: false });
    expect(pickup.copyOf?.ownContainment).toBeLessThan(COPY_THRESHOLD);
  });

  it('does not take a longer quote of the same reference with a handful of an item\'s own words for a copy of the item', () => {
    const index = indexWithSeed();
    const words = seed.split(/\s+/);
    const quote = words.slice(0, Math.round(words.length * 0.35));
    const own = otherSeed.split(/\s+/).slice(200, 260);
    expect(index.checkAndInsert('quoting', fingerprintOf([...quote, ...own].join(' '))).copyOf).toBeNull();
    // Two thirds of that item, but all of it the quote bar six of its own words: the quote explains it.
    const later = index.checkAndInsert('later', fingerprintOf([...quote, ...own.slice(0, 6), ...otherSeed.split(/\s+/).slice(400, 440)].join(' ')));
    expect(later.copyOf).toBeNull();
    expect(later.similarity).toBeLessThan(COPY_THRESHOLD);
  });

  it('stops counting outlet boilerplate once several indexed articles share it', () => {
    const footer = 'تابعوا آخر الأخبار على موقعنا وصفحاتنا في مواقع التواصل الاجتماعي واشتركوا في النشرة البريدية اليومية المجانية';
    const article = (own: string) => fingerprintOf(`${own} هذا الأسبوع بحسب المعطيات الرسمية\n${footer}`);
    const stories = ['ارتفاع أسعار الخضر في الأسواق', 'افتتاح معرض الكتاب بالرباط', 'تعادل الفريق الوطني في مباراة ودية'];
    const fresh = new MemoryCopyIndex();
    fresh.add({ id: 's0', storyId: 's0', reference: false, ...article(stories[0]!) });
    // With one article known, the footer is most of its text: by the rule, sharing it is copying it.
    expect(fresh.checkAndInsert('next', article('انطلاق امتحانات الباكالوريا')).copyOf?.id).toBe('s0');

    const seasoned = new MemoryCopyIndex();
    stories.forEach((own, i) => seasoned.add({ id: `s${i}`, storyId: `s${i}`, reference: false, ...article(own) }));
    expect(seasoned.checkAndInsert('next', article('انطلاق امتحانات الباكالوريا')).copyOf).toBeNull();
  });
});

describe('MemoryCopyIndex on many articles sharing text', () => {
  const footer =
    'تابعوا آخر الأخبار العاجلة والتقارير الحصرية على موقعنا الإلكتروني وعلى صفحاتنا في مواقع التواصل الاجتماعي فيسبوك وتويتر وإنستغرام ويوتيوب، ولا تنسوا الاشتراك في نشرتنا البريدية اليومية لتصلكم أهم المستجدات من المغرب والعالم. جميع الحقوق محفوظة لموقعنا ويمنع نقل المحتوى دون إذن مسبق.';
  // Articles of the reference articles' words in random order: they share no sentence, only phrases of common words.
  const words = readdirSync(SEEDS).flatMap((file) => readFileSync(join(SEEDS, file), 'utf8').split(/\s+/)).filter(Boolean);
  let state = 1;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const article = () => Array.from({ length: 300 }, () => words[Math.floor(random() * words.length)]).join(' ');

  it('measures few earlier articles when all of them carry one footer, the footer being boilerplate by then', () => {
    const index = new MemoryCopyIndex();
    for (let i = 0; i < 200; i++) expect(index.checkAndInsert(`a${i}`, fingerprintOf(`${article()}\n${footer}`)).copyOf).toBeNull();
    // Each took the footer for a passage of the first: counted all the same once many did. Never
    // counted, lookups measured more and more of them (10 of these 200; with the five references' words in 400-word articles, 162).
    expect(index.candidates(fingerprintOf(`${article()}\n${footer}`)).length).toBeLessThan(5);
  });

  it('still finds the hundredth copy of one story', () => {
    const index = indexWithSeed();
    index.checkAndInsert('first', fingerprintOf(OTHER));
    for (let i = 1; i <= 100; i++) expect(index.checkAndInsert(`copy-${i}`, fingerprintOf(`عاجل ${i}: ${OTHER}`)).copyOf?.id, `copy ${i}`).toBe('first');
  });

  it("reads a bounded number of postings for a story picked up hundreds of times, and still finds its original", () => {
    const index = indexWithSeed();
    index.checkAndInsert('first', fingerprintOf(otherSeed));
    for (let i = 0; i < 300; i++) expect(index.checkAndInsert(`copy-${i}`, fingerprintOf(`عاجل ${i}\n${otherSeed}`)).copyOf?.id).toBe('first');
    const candidates = index.candidates(fingerprintOf(`متابعة\n${otherSeed}`));
    expect(candidates.length).toBeLessThanOrEqual(1 + COPIES_POSTED);
    expect(judgeCopy(candidates).copyOf?.id).toBe('first');
  });

  it("measures a story's next pickup against its original, not against every pickup filed before, with the same verdict", () => {
    const index = indexWithSeed();
    const words = otherSeed.split(/\s+/);
    // Forty pickups, each keeping nine words in ten of the original item; then forty of the reference.
    const pickup = (text: string, i: number) => text.split(/\s+/).filter((_, k) => (k + i) % 10 !== 0).join(' ');
    index.checkAndInsert('first', fingerprintOf(otherSeed));
    for (let i = 0; i < 40; i++) index.checkAndInsert(`item-copy-${i}`, fingerprintOf(pickup(otherSeed, i)));
    for (let i = 0; i < 40; i++) index.checkAndInsert(`ref-copy-${i}`, fingerprintOf(pickup(seed, i)));
    for (const [text, copied] of [[pickup(otherSeed, 3), 'first'], [pickup(seed, 7), 'ref']] as const) {
      const all = index.candidates(fingerprintOf(text));
      const untilCopied = index.candidates(fingerprintOf(text), undefined, true);
      expect(all.length).toBeGreaterThan(30);
      expect(untilCopied.map((match) => match.id)).toEqual([copied]);
      expect(judgeCopy(untilCopied).copyOf).toEqual(judgeCopy(all).copyOf);
    }
    // A pickup of a pickup that kept too little of the original: every tier is measured.
    expect(index.checkAndInsert('partial', fingerprintOf(words.slice(0, Math.floor(words.length * 0.6)).join(' '))).copyOf?.id).toBe('first');
    const lateCopy = words.slice(0, Math.floor(words.length * 0.4)).join(' ');
    const all = index.candidates(fingerprintOf(lateCopy));
    expect(judgeCopy(index.candidates(fingerprintOf(lateCopy), undefined, true)).copyOf).toEqual(judgeCopy(all).copyOf);
    expect(index.checkAndInsert('late', fingerprintOf(lateCopy)).copyOf?.id).toBe('partial');
  });
});

describe("MemoryCopyIndex and an outlet's own boilerplate", () => {
  const footer =
    'تابعوا آخر الأخبار العاجلة والتقارير الحصرية على موقعنا الإلكتروني وعلى صفحاتنا في مواقع التواصل الاجتماعي فيسبوك وتويتر وإنستغرام ويوتيوب، ولا تنسوا الاشتراك في نشرتنا البريدية اليومية لتصلكم أهم المستجدات من المغرب والعالم. جميع الحقوق محفوظة لموقعنا ويمنع نقل المحتوى دون إذن مسبق.';
  const bodies = [0, 1, 2, 3, 4].map((i) => otherSeed.split(/\s+/).slice(30 * i, 30 * i + 22).join(' '));

  it("takes none of one outlet's short items under one long footer for a copy of another", () => {
    const index = indexWithSeed();
    const copied = bodies.map((body, i) => index.checkAndInsert(`o${i}`, fingerprintOf(`${body}\n${footer}`), 'footer.ma').copyOf?.id ?? null);
    // The second shares only that long ending with the first: their footer already; from the third on, what most of them end with.
    expect(copied).toEqual([null, null, null, null, null]);
    // Another outlet taking one of them (its own words, under its own footer) copies it all the same.
    expect(index.checkAndInsert('pickup', fingerprintOf(`نقلا عن زملائنا: ${bodies[3]} (وكالات)`), 'other.ma').copyOf?.id).toBe('o3');
  });

  it("takes an outlet's teasers under one long footer for copies of its first only until the footer is established", () => {
    const index = indexWithSeed();
    const words = otherSeed.split(/\s+/);
    const teasers = Array.from({ length: 8 }, (_, i) => words.slice(30 * i, 30 * i + 9 + (i % 5)).join(' '));
    const copied = teasers.map((teaser, i) => index.checkAndInsert(`t${i}`, fingerprintOf(`${teaser}\n${footer}`), 'footer.ma').copyOf?.id ?? null);
    // Under 20 words besides the footer, a teaser could be a version of an earlier item with a lead of
    // its own; once five of the outlet's articles end with the footer, 8 words are enough.
    expect(copied).toEqual([null, 't0', 't0', 't0', 't0', null, null, null]);
  });

  it('takes an outlet running one article again and again, under new addresses, for copies of the first', () => {
    const index = indexWithSeed();
    const article = `${bodies.join(' ')}\n${footer}`;
    const intro = otherSeed.split(/\s+/).slice(300, 330).join(' ');
    const versions = [article, `محدث: ${article}`, `${intro}\n${bodies.slice(0, 4).join(' ')}\n${footer}`, `${article}\n${intro}`];
    const copied = versions.map((text, i) => index.checkAndInsert(`again-${i}`, fingerprintOf(text), 'footer.ma').copyOf?.id ?? null);
    // The third, with an intro of its own and a paragraph dropped, too: the first is hardly more than what the outlet repeats.
    expect(copied).toEqual([null, 'again-0', 'again-0', 'again-0']);
  });

  it("keeps the outlet's partial copies of one of its articles in that article's story", () => {
    const index = new MemoryCopyIndex();
    const parts = otherSeed.split('\n').filter((p) => p.split(/\s+/).length > 15);
    const keep = (...kept: number[]) => kept.map((i) => parts[i]).join('\n');
    // The second and third leave out the last two parts: those are all the first has besides what the
    // outlet has repeated, and the fourth has none of them, the fifth one.
    const versions = [parts.join('\n'), keep(0, 1, 2, 3, 4, 5, 6), keep(3, 4, 5, 6, 7, 8, 9), keep(0, 1, 2, 3, 4, 5, 6, 7, 8), keep(2, 3, 4, 5, 6, 7, 8, 9, 10)];
    const verdicts = versions.map((text, i) => index.checkAndInsert(`p${i}`, fingerprintOf(text), 'one.ma'));
    // What the outlet repeats is this story's text: each later version copies the article itself.
    expect(verdicts.map((v) => v.copyOf?.id ?? null)).toEqual([null, 'p0', 'p0', 'p0', 'p0']);
  });

  it("keeps a version of the outlet's article a copy of it when earlier versions each quoted other parts of it", () => {
    const index = new MemoryCopyIndex();
    const words = otherSeed.split(/\s+/);
    let at = 0;
    const parts = [33, 28, 28, 45, 17, 18].map((length) => words.slice(at, (at += length)).join(' '));
    const keep = (...kept: number[]) => kept.map((i) => parts[i]).join('\n');
    const intro = words.slice(400, 405).join(' ');
    // The two quoting versions hold every part but the fourth between them: text the outlet "repeats",
    // though in no ending. The last keeps three quarters of the article, with an intro of its own.
    const versions = [keep(0, 1, 2, 3, 4, 5), keep(0, 2, 5), keep(1, 4, 5), `${intro}\n${keep(0, 1, 2, 4, 5)}`];
    const copied = versions.map((text, i) => index.checkAndInsert(`v${i}`, fingerprintOf(text), 'one.ma').copyOf?.id ?? null);
    expect(copied).toEqual([null, null, null, 'v0']);
  });

  it("keeps a version of the outlet's article a copy of it when an earlier copy kept the same ending", () => {
    const index = new MemoryCopyIndex();
    const words = otherSeed.split(/\s+/);
    let at = 0;
    const parts = [37, 17, 21, 20, 34, 17, 21, 38, 23, 29].map((length) => words.slice(at, (at += length)).join(' '));
    const keep = (from: number) => parts.slice(from).join('\n');
    const intro = (offset: number, length: number) => words.slice(offset, offset + length).join(' ');
    // Each version ends as the article does. The fourth and the fifth keep all but its opening, each
    // with an intro of its own: the text they share with it is the article's, though two of the
    // outlet's articles end with it, not the outlet's (which most of its articles would end with).
    const versions = [keep(0), `${intro(300, 23)}\n${keep(6)}`, keep(7), `${intro(340, 28)}\n${keep(1)}`, `${intro(380, 17)}\n${keep(1)}`];
    const copied = versions.map((text, i) => index.checkAndInsert(`v${i}`, fingerprintOf(text), 'one.ma').copyOf?.id ?? null);
    expect(copied).toEqual([null, null, null, 'v0', 'v0']);
  });

  it('learns nothing per outlet of articles whose outlet is unknown: then each later one copies the first', () => {
    const index = indexWithSeed();
    const copied = bodies.map((body, i) => index.checkAndInsert(`o${i}`, fingerprintOf(`${body}\n${footer}`)).copyOf?.id ?? null);
    expect(copied).toEqual([null, 'o0', 'o0', 'o0', 'o0']);
  });

  it("never learns a reference's text as an outlet's: each of its pickups of the communiqué copies it", () => {
    const index = indexWithSeed();
    for (let i = 0; i < 4; i++) expect(index.checkAndInsert(`p${i}`, fingerprintOf(`${bodies[i]}\n${seed}\n${footer}`), 'footer.ma').copyOf?.id).toBe('ref');
  });
});

describe('judgeCopy', () => {
  it('prefers the most reproduced article, and a reference on a tie', () => {
    const verdict = judgeCopy([
      { id: 'item', storyId: 'item', reference: false, containment: 0.8, words: 100 },
      { id: 'ref', storyId: 'ref', reference: true, containment: 0.8, words: 100 },
      { id: 'low', storyId: 'low', reference: false, containment: 0.3, words: 100 },
    ]);
    expect(verdict.copyOf?.id).toBe('ref');
    expect(verdict.similarity).toBe(0.8);
  });

  it('prefers a reference it copies to an item it reproduces more of', () => {
    const verdict = judgeCopy([
      { id: 'item', storyId: 'item', reference: false, containment: 1, words: 100 },
      { id: 'ref', storyId: 'ref', reference: true, containment: 0.6, words: 300 },
      { id: 'other-ref', storyId: 'other-ref', reference: true, containment: 0.4, words: 300 },
    ]);
    expect(verdict.copyOf?.id).toBe('ref');
    expect(verdict.similarity).toBe(1);
  });

  it('prefers, among originals, the one of which it reproduces more words', () => {
    const verdict = judgeCopy([
      { id: 'quote', storyId: 'quote', reference: false, containment: 0.9, words: 90 },
      { id: 'source', storyId: 'source', reference: false, containment: 0.7, words: 210 },
    ]);
    expect(verdict.copyOf?.id).toBe('source');
  });

  it('takes counts of reproduced words within a tenth of each other for one passage, and prefers the larger share', () => {
    const pickups = [
      { id: 'longer-pickup', storyId: 'story', reference: false, containment: 0.52, words: 53, copy: true },
      { id: 'shorter-pickup', storyId: 'story', reference: false, containment: 0.64, words: 49, copy: true },
    ];
    expect(judgeCopy(pickups).copyOf?.id).toBe('shorter-pickup');
    expect(judgeCopy([...pickups].reverse()).copyOf?.id).toBe('shorter-pickup');
    expect(judgeCopy([{ ...pickups[0]!, words: 60 }, pickups[1]!]).copyOf?.id).toBe('longer-pickup');
  });

  it('requires a minimum of reproduced words', () => {
    expect(judgeCopy([{ id: 'tiny', storyId: 'tiny', reference: false, containment: 1, words: 5 }]).copyOf).toBeNull();
  });

  it('passes over an item whose own words were not reproduced, whatever it quoted', () => {
    const verdict = judgeCopy([
      { id: 'quoting', storyId: 'quoting', reference: false, containment: 0.9, words: 90, ownContainment: 0.1 },
      { id: 'plain', storyId: 'plain', reference: false, containment: 0.6, words: 60 },
    ]);
    expect(verdict.copyOf?.id).toBe('plain');
    expect(verdict.similarity).toBe(0.6);
    expect(judgeCopy([{ id: 'quoting', storyId: 'quoting', reference: false, containment: 0.7, words: 70, ownContainment: 0.4, ownWords: 25, ownWritten: 60 }]).copyOf?.id).toBe('quoting');
    // Half of the words it wrote, fewer than 20 but not boilerplate: a short communiqué's facts.
    expect(judgeCopy([{ id: 'quoting', storyId: 'quoting', reference: false, containment: 0.7, words: 70, ownContainment: 0.6, ownWords: 12, ownWritten: 40 }]).copyOf?.id).toBe('quoting');
    // All of its own words, when they are a dateline and a sentence of attribution: still only the quote.
    expect(judgeCopy([{ id: 'quoting', storyId: 'quoting', reference: false, containment: 0.7, words: 70, ownContainment: 1, ownWords: 15, ownWritten: 15 }]).copyOf).toBeNull();
  });
});
