import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_SEEDS_DIR, PipelineSchema, readReferenceArticles } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { closeQueues, createRedis, createStageWorker, itemJobId, openQueues, type RawItem, type StoreJob } from '@marsad/queues';
import { analyseArticle, COPIES_POSTED, COVERAGE_SAMPLES, coveredWords, distinctSorted, fingerprintOf, MAX_REFERENCE_SAMPLES, MemoryCopyIndex, MIN_COPIED_WORDS, OutletBoilerplate, outletOf, POSTING_SHINGLES, shingleSequence, SHINGLE_SIZE, SHORT_ITEM_WORDS, sketchOf, tokenize, type ShingleLookup } from '@marsad/text';
import { ATLAS_DETAILS, ATLAS_HAZARD, createTestRedis, earlierBulletins, itemsUnderOneFooter, OUTLET_FOOTER, rewordedAtlasPickup, SHORT_ITEM_BODIES, removeTemporaryDirs, temporaryDir, weatherBulletin } from '@marsad/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseItem, loadReferences, loadTagger } from './analyse.js';
import { classifyItem } from './handlers/classify-item.js';
import { SharedCopyIndex } from './shared-copy-index.js';

afterAll(removeTemporaryDirs);

const redis = createTestRedis('index');
const connection = createRedis(redis.url);
afterAll(async () => {
  connection.disconnect();
  await redis.cleanup();
});

const DAY = 86_400_000;
const references = readReferenceArticles(BUNDLED_SEEDS_DIR);
const sketch = (text: string) => sketchOf(fingerprintOf(text));
const indexAt = (prefix: string, now = () => Date.now()) => new SharedCopyIndex(connection, { prefix: `${redis.prefix.slice(0, -1)}-${prefix}}:index`, now });

/** An index holding one reference article, loaded from a seeds folder as the classifier loads it. */
async function indexWithReference(prefix: string, reference: (typeof references)[number]) {
  const index = indexAt(prefix);
  const dir = temporaryDir('marsad-seeds-');
  writeFileSync(join(dir, `${reference.id}.txt`), reference.text);
  const { quoted } = await loadReferences(index, dir);
  return { index, quoted };
}

/**
 * What the shared index and marsad classify's index each answer for the articles, filed in turn: the
 * id of the article each copies, or null. `fingerprint`: how an article is read (text analysis's own
 * when the test needs its tagger's facts); `quoted`: the references' shingles, as the classifier sketches.
 */
async function answersOfBoth(index: SharedCopyIndex, inMemory: MemoryCopyIndex, texts: readonly [string, string][], fingerprint = fingerprintOf, quoted?: ShingleLookup) {
  const pipeline: (string | null)[] = [];
  const classify: (string | null)[] = [];
  for (const [id, text] of texts) {
    const read = fingerprint(text);
    pipeline.push((await index.checkAndInsert(id, sketchOf(read, quoted ? { quoted } : {}))).duplicateOf);
    classify.push(inMemory.checkAndInsert(id, read).copyOf?.id ?? null);
  }
  return { pipeline, classify };
}

/** A story of its own: words of real Arabic news in an order no other story has. */
function story(n: number): string {
  const words = references.flatMap((r) => r.text.split(/\s+/)).filter((w) => w.length > 3);
  let state = 7919 * (n + 1);
  return Array.from({ length: 90 }, () => words[(state = (state * 48271) % 2147483647) % words.length]).join(' ');
}

describe('SharedCopyIndex', () => {
  it('takes an article for its story\'s original when the original item it copies was published later, classified first', async () => {
    const index = indexAt('supersede');
    const text = story(101);
    const at = (hour: number) => `2025-12-01T${String(hour).padStart(2, '0')}:00:00.000Z`;
    expect(await index.checkAndInsert('polled-first', sketch(text), false, at(12))).toMatchObject({ duplicateOf: null, storyId: 'polled-first' });

    const earlier = await index.checkAndInsert('published-first', sketch(`متابعة\n${text}`), false, at(10));
    expect(earlier).toMatchObject({ duplicateOf: null, storyId: 'polled-first', known: false, supersedes: { id: 'polled-first' } });
    expect(earlier.supersedes!.similarity).toBeGreaterThan(0.9);
    // Re-delivered jobs answer as things now stand, and later copies copy the new original.
    expect(await index.checkAndInsert('polled-first', sketch(text), false, at(12))).toMatchObject({ duplicateOf: 'published-first', storyId: 'polled-first', known: true });
    // ... the new original's too, which still names the item it took over (should its store job be lost).
    expect(await index.checkAndInsert('published-first', sketch(`متابعة\n${text}`), false, at(10))).toMatchObject({
      duplicateOf: null, storyId: 'polled-first', known: true, supersedes: { id: 'polled-first', similarity: earlier.supersedes!.similarity },
    });
    expect(await index.checkAndInsert('late-copy', sketch(`${text}\nوكالات`), false, at(14))).toMatchObject({ duplicateOf: 'published-first', storyId: 'polled-first' });
    expect((await index.checkAndInsert('late-copy', sketch(`${text}\nوكالات`), false, at(14))).supersedes).toBeUndefined();
  });

  it("files an item's revision apart, judged against every article but the item's earlier texts and their copies", async () => {
    const reference = references[0]!;
    const { index, quoted } = await indexWithReference('revision', reference);
    const read = (text: string) => sketchOf(fingerprintOf(text), { quoted });
    const brief = story(200).split(' ').slice(0, 30).join(' ');
    expect(await index.checkAndInsert('brief', read(brief))).toMatchObject({ duplicateOf: null, storyId: 'brief' });
    expect(await index.checkAndInsert('brief-pickup', read(`${brief}\nوكالات`))).toMatchObject({ duplicateOf: 'brief', storyId: 'brief' });

    // Completed into the article it announced: an original, and the story it was.
    const completed = `${brief}\n${story(201)}`;
    expect(await index.checkAndInsert('brief', read(completed), false, null, 'aaaa1111')).toMatchObject({ duplicateOf: null, storyId: 'brief', known: false });
    expect(await index.checkAndInsert('brief', read(completed), false, null, 'aaaa1111')).toMatchObject({ duplicateOf: null, storyId: 'brief', known: true });
    expect(await index.checkAndInsert('completed-pickup', read(`${story(201)}\nوكالات`))).toMatchObject({ duplicateOf: 'brief', storyId: 'brief' });

    // Completed into the communiqué it announced: a copy of it, whatever else it holds of its own.
    const communique = `${brief}\n${reference.text}`;
    expect(await index.checkAndInsert('brief', read(communique), false, null, 'bbbb2222')).toMatchObject({ duplicateOf: reference.id, storyId: reference.id });
    // The first text still answers as it was judged (its job re-delivered).
    expect(await index.checkAndInsert('brief', read(brief))).toMatchObject({ duplicateOf: null, storyId: 'brief', known: true });
    // A later copy of the first text joins the story the item now belongs to, as the store's rows did.
    expect(await index.checkAndInsert('late-brief-pickup', read(`متابعة\n${brief}`))).toMatchObject({ duplicateOf: 'brief', storyId: reference.id });
  });

  it("moves no text of an item into the story of a revision overtaken by a longer one classified before it, as the store keeps the longer", async () => {
    const reference = references[0]!;
    const { index, quoted } = await indexWithReference('overtaken', reference);
    const read = (text: string) => sketchOf(fingerprintOf(text), { quoted });
    const brief = story(210).split(' ').slice(0, 30).join(' ');
    expect(await index.checkAndInsert('brief', read(brief))).toMatchObject({ duplicateOf: null, storyId: 'brief' });
    expect(await index.checkAndInsert('other', read(story(211)))).toMatchObject({ duplicateOf: null, storyId: 'other' });

    // Two revisions in flight: the communiqué the brief announced, classified first...
    expect(await index.checkAndInsert('brief', read(`${brief}\n${reference.text}`), false, null, 'aaaa1111')).toMatchObject({ duplicateOf: reference.id, storyId: reference.id });
    // ...then a shorter text, which the store does not write over the longer one.
    expect(await index.checkAndInsert('brief', read(`${brief}\n${story(211)}`), false, null, 'bbbb2222')).toMatchObject({ duplicateOf: 'other', storyId: 'other' });
    // A later copy of the first text joins the story the store holds the item in.
    expect(await index.checkAndInsert('late-brief-pickup', read(`متابعة\n${brief}`))).toMatchObject({ duplicateOf: 'brief', storyId: reference.id });
  });

  it("files each pickup of a story as a copy of its original, and measures every candidate for one that takes the story over", async () => {
    const index = indexAt('hot-story');
    const text = `${story(111)} ${story(112)}`;
    const words = text.split(' ');
    const at = (hour: number) => `2025-12-01T${String(hour).padStart(2, '0')}:00:00.000Z`;
    await index.checkAndInsert('original', sketch(text), false, at(12));
    // Thirty pickups, each nine words in ten of the original: every one a copy of it, not of a pickup.
    for (let i = 0; i < 30; i++) {
      const pickup = words.filter((_, k) => (k + i) % 10 !== 0).join(' ');
      expect((await index.checkAndInsert(`pickup-${i}`, sketch(pickup), false, at(13))).duplicateOf).toBe('original');
    }
    // A shortened pickup (copying the original), then the same text published before the original:
    // it takes the story over, and reproduces all of that pickup, which is its similarity.
    const shortened = words.slice(0, Math.floor(words.length * 0.7)).join(' ');
    expect((await index.checkAndInsert('shortened', sketch(shortened), false, at(14))).duplicateOf).toBe('original');
    const earlier = await index.checkAndInsert('published-first', sketch(shortened), false, at(9));
    expect(earlier).toMatchObject({ duplicateOf: null, storyId: 'original', supersedes: { id: 'original' } });
    expect(earlier.supersedes!.similarity).toBeLessThan(0.8);
    expect(earlier.similarity).toBeGreaterThan(0.99);
  });

  it("tells apart communiqués on different arrests written in every communiqué's phrases, and finds each one's pickup", async () => {
    const index = indexAt('communiques');
    const towns = ['فاس', 'مكناس', 'طنجة', 'تطوان', 'أكادير', 'مراكش', 'وجدة', 'الناظور', 'سلا', 'تمارة', 'خريبكة', 'آسفي', 'سطات', 'برشيد', 'تازة', 'الحسيمة', 'العرائش', 'وزان', 'تزنيت', 'الخميسات'];
    const offences = ['بحيازة وترويج المخدرات والمؤثرات العقلية', 'بالسرقة بالعنف باستعمال السلاح الأبيض', 'بالنصب والاحتيال', 'بتزوير وثائق رسمية واستعمالها', 'بالضرب والجرح باستعمال السلاح الأبيض'];
    const suspects = [
      ['شخص يبلغ من العمر', 'تورطه', 'فيه'],
      ['شخصين يبلغان من العمر', 'تورطهما', 'فيهما'],
      ['ثلاثة أشخاص تتراوح أعمارهم بين', 'تورطهم', 'فيهم'],
    ] as const;
    // Town, time, suspects, ages and offence vary; every other word is the same in all of them.
    const communique = (i: number) => {
      const [who, involved, held] = suspects[i % 3]!;
      return `تمكنت عناصر الشرطة القضائية بولاية أمن ${towns[i]}، ${['مساء', 'صباح'][i % 2]} يوم ${['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء'][i % 4]}، من توقيف ${who} ${20 + i}${i % 3 ? ` و${41 + i}` : ''} سنة، للاشتباه في ${involved} في قضية تتعلق ${offences[i % 5]}. وقد تم إخضاع المشتبه ${held} لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، وذلك للكشف عن جميع ظروف وملابسات هذه القضية.`;
    };
    for (let i = 0; i < towns.length; i++) {
      expect((await index.checkAndInsert(`communique-${i}`, sketch(communique(i)))).duplicateOf, `communique ${i}`).toBeNull();
      if (i % 4 === 3) {
        const pickup = `${towns[i]} - متابعة\n${communique(i).replaceAll('،', ',')}\nتابعوا آخر الأخبار على موقعنا`;
        expect((await index.checkAndInsert(`pickup-${i}`, sketch(pickup))).duplicateOf, `pickup ${i}`).toBe(`communique-${i}`);
      }
    }
  });

  it('files a story picked up a hundred times under a bounded number of postings per shingle, and still finds its original', async () => {
    const index = indexAt('viral');
    const text = `${story(121)} ${story(122)}`;
    await index.checkAndInsert('original', sketch(text));
    for (let i = 0; i < 100; i++) expect((await index.checkAndInsert(`pickup-${i}`, sketch(`عاجل ${i}\n${text}`))).duplicateOf).toBe('original');
    const root = `${redis.prefix.slice(0, -1)}-viral}:index:v3:`;
    const lists: string[] = [];
    for (const key of await connection.keys(`${root}*:p:*`)) lists.push(...Object.values(await connection.hgetall(key)));
    expect(Math.max(...lists.map((list) => list.split(' ').length))).toBe(COPIES_POSTED);
    expect((await index.checkAndInsert('late', sketch(`متابعة\n${text}`))).duplicateOf).toBe('original');
  });

  it('tells two communiqués on two seizures in the same words apart by their facts, as marsad classify does', async () => {
    const index = indexAt('facts');
    const seizure = (kilos: string, age: string) =>
      `أحبطت عناصر الأمن الوطني بميناء طنجة المتوسط، بتنسيق مع مصالح الجمارك، مساء أمس الأحد، عملية للتهريب الدولي للمخدرات، وحجزت ${kilos} كيلوغراما من مخدر الشيرا كانت مخبأة بعناية داخل شحنة من الخضر والفواكه.\n` +
      `وقد مكنت عمليات المراقبة والتفتيش المنجزة من توقيف سائق الشاحنة، وهو مواطن مغربي يبلغ من العمر ${age} سنة، قبل أن يتم إخضاعه لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة.\n` +
      'وتأتي هذه العملية في إطار المجهودات المكثفة التي تبذلها مصالح الأمن الوطني لمكافحة التهريب الدولي للمخدرات والمؤثرات العقلية وتفكيك الشبكات الإجرامية الناشطة في هذا المجال.';
    expect((await index.checkAndInsert('first', sketch(seizure('950', '38')))).duplicateOf).toBeNull();
    expect((await index.checkAndInsert('second', sketch(seizure('3200', '52')))).duplicateOf).toBeNull();
    expect((await index.checkAndInsert('pickup', sketch(`متابعة\n${seizure('950', '38')}`))).duplicateOf).toBe('first');
    expect((await index.checkAndInsert('in-words', sketch(seizure('950', 'ثمانية وثلاثين')))).duplicateOf).toBe('first');
  });

  it('tells two arrests in two towns on two days apart by their facts, as marsad classify does', async () => {
    const index = indexAt('town-facts');
    const tagger = loadTagger();
    const arrest = (town: string, when: string) =>
      sketchOf(
        analyseArticle(
          {
            title: '',
            text:
              `تمكنت عناصر الشرطة بمدينة ${town}، ${when}، من توقيف شخص للاشتباه في تورطه في قضية تتعلق بالنصب والاحتيال عبر الإنترنت. ` +
              'وقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، للكشف عن باقي الضحايا المحتملين.',
          },
          tagger,
        ).fingerprint,
      );
    expect((await index.checkAndInsert('oujda', arrest('وجدة', 'زوال يوم الثلاثاء'))).duplicateOf).toBeNull();
    expect((await index.checkAndInsert('safi', arrest('آسفي', 'ليلة يوم السبت'))).duplicateOf).toBeNull();
    expect((await index.checkAndInsert('pickup', arrest('وجدة', 'زوال يوم الثلاثاء'))).duplicateOf).toBe('oujda');
  });

  it("counts an item's facts once per value, its town apart, as marsad classify does, and reads items filed before values", async () => {
    const tagger = loadTagger();
    const fingerprint = (text: string) => analyseArticle({ title: '', text }, tagger).fingerprint;
    // A fisherman missing off Safi: another one there is written the same way, the town named thrice.
    const fisherman = (age: string, when: string, boats: string) =>
      `فقد بحار يبلغ من العمر ${age} سنة، ${when}، إثر انقلاب قاربه قبالة سواحل آسفي، فيما تمكن زميلاه من السباحة نحو الشاطئ. ` +
      `وتواصل فرق الإنقاذ البحري بآسفي عمليات البحث عنه بمساعدة ${boats} قاربا للصيد التقليدي، وسط أحوال جوية صعبة حالت دون خروج باقي المراكب من ميناء آسفي.`;
    const first = fingerprint(fisherman('43', 'مساء يوم الاثنين', '12'));
    const other = fingerprint(fisherman('27', 'صباح يوم الجمعة', '20'));
    const pickup = fingerprint(`آسفي - متابعة\n${fisherman('ثلاثة وأربعين', 'مساء يوم الاثنين', '12')}`);
    const index = indexAt('values');
    await index.checkAndInsert('first', sketchOf(first));
    expect(await index.checkAndInsert('other', sketchOf(other))).toMatchObject({ duplicateOf: null });
    expect(await index.checkAndInsert('pickup', sketchOf(pickup))).toMatchObject({ duplicateOf: 'first' });
    // A pickup whose own facts say nothing (filed without them) reports the original's event, which
    // another event's report is not a copy of.
    const unread = indexAt('values-unread');
    await unread.checkAndInsert('first', sketchOf(first));
    const { facts: _facts, slots: _slots, values: _values, ...withoutFacts } = pickup;
    expect(await unread.checkAndInsert('pickup', sketchOf(withoutFacts))).toMatchObject({ duplicateOf: 'first' });
    expect(await unread.checkAndInsert('other', sketchOf(other))).toMatchObject({ duplicateOf: null });
    // A number of two words, "920 ألف" against "870 ألف": ألف kept, the number changed.
    const traffic = (month: string, containers: string, growth: string, trucks: string) =>
      fingerprint(
        `عالج ميناء طنجة المتوسط خلال شهر ${month} الماضي حوالي ${containers} ألف حاوية من فئة عشرين قدما، بزيادة تقدر بـ${growth} في المائة مقارنة مع الشهر نفسه من السنة الماضية، ` +
          `وفق معطيات السلطة المينائية. كما بلغ عدد الشاحنات التي عبرت الميناء نحو ${trucks} ألف شاحنة خلال الفترة ذاتها.`,
      );
    const port = indexAt('values-statements');
    await port.checkAndInsert('august', sketchOf(traffic('غشت', '920', '11', '43')));
    expect(await port.checkAndInsert('september', sketchOf(traffic('شتنبر', '870', '7', '39')))).toMatchObject({ duplicateOf: null });
    // Filed without values (before stop 42), an item's facts are read once per occurrence: the town
    // kept thrice outweighs the age, day and boats changed.
    const before = indexAt('no-values');
    const { values: _, ...withoutValues } = first;
    await before.checkAndInsert('first', sketchOf(withoutValues));
    expect(await before.checkAndInsert('other', sketchOf(other))).toMatchObject({ duplicateOf: 'first' });
  });

  it("takes an article changing a figure and keeping none for another event, and not one that changes its town's name alone, as marsad classify does", async () => {
    const tagger = loadTagger();
    const crash = (hour: string, outcome: string, town = 'الدار البيضاء') =>
      sketchOf(
        analyseArticle(
          {
            title: '',
            text:
              `شهد شارع الزرقطوني بمدينة ${town}، حوالي الساعة ${hour}، حادثة سير خطيرة إثر اصطدام عنيف بين سيارة خفيفة ودراجة نارية، ما أسفر عن ${outcome}. ` +
              'وقد حلت عناصر الوقاية المدنية بعين المكان، حيث تم نقل المصابين إلى قسم المستعجلات بالمستشفى الجامعي ابن رشد، فيما باشرت عناصر شرطة المرور المعاينات الأولية.',
          },
          tagger,
        ).fingerprint,
      );
    const index = indexAt('one-figure');
    await index.checkAndInsert('night', crash('الحادية عشرة ليلا', 'مصرع سائق الدراجة وإصابة مرافقه بجروح بليغة'));
    expect(await index.checkAndInsert('dawn', crash('الثالثة فجرا', 'إصابة السائقين بجروح متفاوتة الخطورة'))).toMatchObject({ duplicateOf: null });
    expect(await index.checkAndInsert('pickup', crash('الحادية عشرة ليلا', 'مصرع سائق الدراجة وإصابة مرافقه بجروح بليغة', 'البيضاء'))).toMatchObject({ duplicateOf: 'night' });
    // A report whose one fact is its town, picked up with the town written another way.
    const arrest = (town: string) =>
      sketchOf(
        analyseArticle(
          {
            title: '',
            text:
              `أوقفت عناصر الشرطة القضائية بمدينة ${town}، شخصا يشتبه في تورطه في قضية تتعلق بالسرقة باستعمال العنف، وذلك بعد تداول مقطع فيديو على مواقع التواصل الاجتماعي يوثق لاعتدائه على أحد المارة. ` +
              'وقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، للكشف عن جميع ظروف وملابسات هذه القضية.',
          },
          tagger,
        ).fingerprint,
      );
    // The item again but for a number its own headline gives it: a copy.
    const body = (title: string) =>
      sketchOf(
        analyseArticle(
          {
            title,
            text:
              'شهد شارع الزرقطوني بمدينة الدار البيضاء حادثة سير خطيرة إثر اصطدام عنيف بين سيارة خفيفة ودراجة نارية، ما أسفر عن مصرع سائق الدراجة وإصابة مرافقه بجروح بليغة. ' +
              'وقد حلت عناصر الوقاية المدنية بعين المكان، حيث تم نقل المصابين إلى قسم المستعجلات بالمستشفى الجامعي ابن رشد، فيما باشرت عناصر شرطة المرور المعاينات الأولية.',
          },
          tagger,
        ).fingerprint,
      );
    const renumbered = indexAt('renumbered');
    await renumbered.checkAndInsert('item-12', body('حادثة سير خطيرة بشارع الزرقطوني 12'));
    expect(await renumbered.checkAndInsert('item-57', body('حادثة سير خطيرة بشارع الزرقطوني 57'))).toMatchObject({ duplicateOf: 'item-12' });
    const towns = indexAt('one-town');
    await towns.checkAndInsert('casablanca', arrest('الدار البيضاء'));
    expect(await towns.checkAndInsert('pickup', arrest('البيضاء'))).toMatchObject({ duplicateOf: 'casablanca' });
    // A notice whose one figure is its date, picked up with the weekday instead and a sentence reworded:
    // the same day, another kind of fact in the slot.
    const notice = (day: string, said = 'وأوضحت الوكالة في بلاغ لها') =>
      sketchOf(
        analyseArticle(
          {
            title: '',
            text:
              `أعلنت الوكالة الحضرية لمدينة تطوان عن تنظيم أيام مفتوحة لفائدة المواطنين والمهنيين ${day} بمقرها، وذلك من أجل تقديم التصاميم الجديدة للتهيئة ` +
              `والإجابة عن استفسارات الزوار بخصوص مساطر الترخيص للبناء والتجزيء. ${said} أن هذه المبادرة تندرج في إطار تقريب الإدارة من المرتفقين.`,
          },
          tagger,
        ).fingerprint,
      );
    const days = indexAt('one-date');
    await days.checkAndInsert('notice', notice('يوم 5 دجنبر الجاري'));
    expect(await days.checkAndInsert('weekday', notice('يوم الجمعة', 'وحسب بلاغ للوكالة فإن'))).toMatchObject({ duplicateOf: 'notice' });
  });

  it("measures an article keeping an item's figures against its whole text, its house style among its words, as marsad classify does", async () => {
    const tagger = loadTagger();
    const bulletin = (text: string) => sketchOf(analyseArticle({ title: '', text }, tagger).fingerprint);
    const index = indexAt('retold');
    // Nine earlier bulletins make the lead's and the closing's set phrases boilerplate.
    for (const [i, text] of earlierBulletins().entries()) await index.checkAndInsert(`bulletin-${i}`, bulletin(text));
    const atlas = weatherBulletin(20, 40, 'الأربعاء', 'الأطلس المتوسط', ATLAS_HAZARD, ATLAS_DETAILS);
    await index.checkAndInsert('atlas', bulletin(atlas.join('\n')));
    // Its lead and closing, its details dropped: under half of its words besides the set phrases, its figures and day kept.
    const [lead, , closing] = atlas;
    const verdict = await index.checkAndInsert('lead-and-closing', bulletin(`${lead}\n${closing}`));
    expect(verdict).toMatchObject({ duplicateOf: 'atlas' });
    expect(verdict.similarity).toBeGreaterThan(0.55);
    // Another bulletin in the same words and details, for other days and depths: no copy.
    expect(await index.checkAndInsert('later', bulletin(weatherBulletin(30, 60, 'الجمعة', 'الأطلس المتوسط', ATLAS_HAZARD, ATLAS_DETAILS).join('\n')))).toMatchObject({ duplicateOf: null });
  });

  it("counts another event's house style an original shares with an earlier item as quoted, as marsad classify does: its phrases stay text past three originals", async () => {
    const tagger = loadTagger();
    const fingerprint = (text: string) => analyseArticle({ title: '', text }, tagger).fingerprint;
    const atlas = weatherBulletin(20, 40, 'الأربعاء', 'الأطلس المتوسط', ATLAS_HAZARD, ATLAS_DETAILS).join('\n');
    const verdicts = async (earlier: number) => {
      const index = indexAt(`house-style-${earlier}`);
      const inMemory = new MemoryCopyIndex();
      const texts: [string, string][] = [...earlierBulletins().slice(0, earlier).map((text, i): [string, string] => [`bulletin-${i}`, text]), ['atlas', atlas], ['pickup', rewordedAtlasPickup()]];
      const { pipeline, classify } = await answersOfBoth(index, inMemory, texts, fingerprint);
      expect(pipeline).toEqual(classify);
      return pipeline.at(-1);
    };
    // Five bulletins before it, each another event's in the same words: the pickup keeps its set phrases
    // and figures and rewords the rest, a copy (a third of its own words alone would not make one).
    expect(await verdicts(5)).toBe('atlas');
  });

  it('reads an intro originals took from an earlier item as quoted until eight hold it, as marsad classify does: a pickup of a pickup made of it and a quote is a copy', async () => {
    const index = indexAt('one-intro');
    const { quoted } = await loadReferences(index, BUNDLED_SEEDS_DIR);
    const inMemory = new MemoryCopyIndex();
    for (const reference of references) inMemory.add({ id: reference.id, storyId: reference.id, reference: true, ...fingerprintOf(reference.text) });
    const intro = 'في إطار متابعتنا اليومية لأهم المستجدات الأمنية على الصعيدين الوطني والدولي، ننشر لقرائنا الأعزاء نص البلاغ الذي توصلت به هيئة التحرير كما ورد:';
    const opening = (text: string, share: number) => text.split(/\s+/).slice(0, Math.round(text.split(/\s+/).length * share)).join(' ');
    // Five items, each the intro before 44% of another reference (the later four took the intro from
    // the first); then a pickup of the first one's first 60%, and a pickup of 70% of that, whose text
    // besides the quote is the intro.
    const quoting = references.map((reference, i): [string, string] => [`quoting-${i}`, `${intro}\n${opening(reference.text, 0.44)}`]);
    const partial = opening(quoting[0]![1], 0.6);
    const texts: [string, string][] = [...quoting, ['partial', partial], ['chain', opening(partial, 0.7)]];
    const { pipeline, classify } = await answersOfBoth(index, inMemory, texts, fingerprintOf, quoted);
    expect(classify).toEqual([null, null, null, null, null, 'quoting-0', 'partial']);
    expect(pipeline).toEqual(classify);
  });

  it('files a very long original that takes a passage of an earlier one, its thousands of values counted', async () => {
    const index = indexAt('long-quoting');
    const words = references.flatMap((r) => r.text.split(/\s+/)).filter((w) => w.length > 2);
    let state = 17;
    const text = (length: number) => Array.from({ length }, () => words[(state = (state * 48271) % 2147483647) % words.length]).join(' ');
    const earlier = text(3_000);
    expect((await index.checkAndInsert('earlier', sketch(earlier))).duplicateOf).toBeNull();
    // 40% of the earlier article, then 3,000 words of its own: more values than one call can ask about.
    const long = sketch(`${earlier.split(' ').slice(0, 1_200).join(' ')}\n${text(3_000)}`);
    expect(long.contains.length).toBeGreaterThan(3_000);
    const verdict = await index.checkAndInsert('long', long);
    expect(verdict).toMatchObject({ duplicateOf: null, known: false });
    expect(verdict.similarity).toBeGreaterThan(0.3);
    expect(await index.checkAndInsert('long', long)).toMatchObject({ duplicateOf: null, known: true });
  });

  it('takes a one-sentence brief reposted whole for a copy of it, though under MIN_COPIED_WORDS words, as marsad classify does', async () => {
    const brief = 'أوقفت عناصر الشرطة بمدينة فاس شابا يشتبه في سرقة هواتف محمولة من داخل سيارات مركونة';
    const texts: [string, string][] = [
      ['brief', brief],
      ['reposted', `فاس - ${brief}`],
      ['half', `${brief.split(' ').slice(0, 8).join(' ')} وأحالته على النيابة العامة المختصة بعد انتهاء البحث`],
      ['short', 'تعادل الوداد والرجاء في الديربي'],
      ['short-again', 'تعادل الوداد والرجاء في الديربي'],
      // Eight words, the fewest such a copy reproduces (MIN_FRESH_WORDS), as a headline-only feed repeats them.
      ['headline', 'الوداد يفوز على الرجاء بهدفين لهدف في الديربي'],
      ['headline-again', 'الوداد يفوز على الرجاء بهدفين لهدف في الديربي'],
      // Ten words, one changed in the middle: 3 of 7 shingles kept, 9 of the 10 words.
      ['ten', 'ارتفاع أسعار الطماطم في أسواق الدار البيضاء خلال هذا الأسبوع'],
      ['ten-edited', 'ارتفاع أسعار الطماطم في محلات الدار البيضاء خلال هذا الأسبوع'],
    ];
    const { pipeline, classify } = await answersOfBoth(indexAt('short-brief'), new MemoryCopyIndex(), texts);
    expect(classify).toEqual([null, 'brief', null, null, null, null, 'headline', null, 'ten']);
    expect(pipeline).toEqual(classify);
  });

  it('measures an item of up to SHORT_ITEM_WORDS words at every word, as marsad classify does', async () => {
    const visit = (title: string, visitor: string, topics: string) =>
      `${title}\nاستقبل المدير العام للأمن الوطني ولمراقبة التراب الوطني، عبد اللطيف حموشي، يوم الأربعاء بالرباط، ${visitor}، ` +
      `وتباحث معه سبل تعزيز التعاون الأمني الثنائي بين البلدين، خاصة في مجال ${topics}.`;
    const portugal = visit('حموشي يستقبل مدير الشرطة البرتغالية', 'المدير الوطني لشرطة الأمن العمومي البرتغالية جوزيه باروس كوريا', 'مكافحة الإرهاب والجريمة المنظمة');
    const senegal = visit('حموشي يستقبل المدير العام للشرطة السنغالية', 'المدير العام للشرطة الوطنية السنغالية محمد سيدي', 'الهجرة غير النظامية والاتجار بالبشر');
    const words = tokenize(senegal).length;
    expect(words).toBeGreaterThan(COVERAGE_SAMPLES);
    expect(words).toBeLessThanOrEqual(SHORT_ITEM_WORDS);
    expect(sketch(senegal).samples.length).toBe(words * SHINGLE_SIZE);
    const memory = new MemoryCopyIndex();
    memory.checkAndInsert('portugal', fingerprintOf(portugal));
    const exact = memory.checkAndInsert('senegal', fingerprintOf(senegal));
    expect(exact.copyOf).toBeNull();
    const index = indexAt('every-word');
    await index.checkAndInsert('portugal', sketch(portugal));
    const sampled = await index.checkAndInsert('senegal', sketch(senegal));
    expect(sampled.duplicateOf).toBeNull();
    // Every word read: the share reproduced is the one marsad classify measures, not an estimate.
    expect(sampled.similarity).toBeCloseTo(exact.similarity, 6);
    expect(await index.checkAndInsert('pickup', sketch(`الرباط - متابعة\n${senegal}`))).toMatchObject({ duplicateOf: 'senegal' });
  });

  it('keeps the first classified as the original when either time is unknown, in the future, or within a minute', async () => {
    const index = indexAt('supersede-not');
    const cases: [string | null, string | null][] = [
      [null, '2025-12-01T10:00:00.000Z'],
      ['2025-12-01T12:00:00.000Z', null],
      ['2025-12-01T12:00:00.000Z', '2025-12-01T11:59:30.000Z'],
      ['2025-12-01T12:00:00.000Z', 'not a date'],
      ['2025-12-01T12:00:00.000Z', '2025-12-01T11:00:00.000Z'],
    ];
    for (const [n, [first, second]] of cases.entries()) {
      const text = story(200 + n);
      await index.checkAndInsert(`first-${n}`, sketch(text), false, first);
      const verdict = await index.checkAndInsert(`second-${n}`, sketch(`متابعة\n${text}`), false, second);
      if (n < 4) expect(verdict, `case ${n}`).toMatchObject({ duplicateOf: `first-${n}` });
      else expect(verdict.supersedes?.id).toBe(`first-${n}`);
    }
    // A time in the future is a feed's mistake: the item classified first, carrying one, stays the original.
    const text = story(300);
    await index.checkAndInsert('future', sketch(text), false, new Date(Date.now() + 3 * DAY).toISOString());
    expect(await index.checkAndInsert('present', sketch(`متابعة\n${text}`), false, new Date().toISOString())).toMatchObject({ duplicateOf: 'future' });
  });

  it('never takes an article for the original of a reference it copies, whatever its time', async () => {
    const { index } = await indexWithReference('supersede-ref', references[0]!);
    const verdict = await index.checkAndInsert('old-pickup', sketch(references[0]!.text), false, '2001-01-01T00:00:00.000Z');
    expect(verdict).toMatchObject({ duplicateOf: references[0]!.id });
    expect(verdict.supersedes).toBeUndefined();
  });

  it('loads the references once, however often it is asked, and finds their pickups', async () => {
    const index = indexAt('refs');
    const dir = temporaryDir('marsad-seeds-');
    for (const r of references.slice(0, 2)) writeFileSync(join(dir, `${r.id}.txt`), r.text);
    expect(await loadReferences(index, dir)).toMatchObject({ references: 2, added: 2, refiled: false });
    expect(await loadReferences(index, dir)).toMatchObject({ references: 2, added: 0, refiled: false });
    writeFileSync(join(dir, `${references[2]!.id}.txt`), references[2]!.text);
    expect(await loadReferences(index, dir)).toMatchObject({ references: 3, added: 1, refiled: false });

    // Every lookup asks the references' postings about 48 shingles: that hash must find fields directly.
    expect(await connection.object('ENCODING', `${redis.prefix.slice(0, -1)}-refs}:index:v3:ref:p`)).toBe('hashtable');

    const pickup = await index.checkAndInsert('pickup', sketch(`متابعة\n${references[1]!.text.replaceAll('أ', 'ا')}\nجميع الحقوق محفوظة`));
    expect(pickup).toMatchObject({ duplicateOf: references[1]!.id, storyId: references[1]!.id, known: false });
    expect(pickup.similarity).toBeGreaterThan(0.8);
  });

  it('names the references no copy of which can be found, and the files it does not read, for the classifier to log, and files the rest', async () => {
    const index = indexAt('unusable');
    const dir = temporaryDir('marsad-seeds-');
    writeFileSync(join(dir, `${references[0]!.id}.txt`), references[0]!.text);
    writeFileSync(join(dir, 'headline.txt'), 'المغرب نائبا لرئيس الأنتربول');
    writeFileSync(join(dir, 'scan.txt'), Buffer.from(references[1]!.text, 'utf16le'));
    writeFileSync(join(dir, 'communique.pdf'), '%PDF-1.7');
    const loaded = await loadReferences(index, dir);
    expect(loaded).toMatchObject({ references: 3, added: 3, notRead: [join(dir, 'communique.pdf')] });
    expect(loaded.unusable).toEqual([
      { referenceId: 'headline', file: join(dir, 'headline.txt'), problem: expect.stringMatching(/^it holds 4 words, and a copy must reproduce at least/) },
      { referenceId: 'scan', file: join(dir, 'scan.txt'), problem: expect.stringMatching(/^it is not text/) },
    ]);
    expect(await index.checkAndInsert('pickup', sketch(`متابعة\n${references[0]!.text}`))).toMatchObject({ duplicateOf: references[0]!.id });
  });

  it('holds what the seeds folder holds when a reference is edited or removed', async () => {
    const index = indexAt('edited');
    const root = `${redis.prefix.slice(0, -1)}-edited}:index:v3:`;
    const dir = temporaryDir('marsad-seeds-');
    const [first, second] = [references[0]!, references[1]!];
    writeFileSync(join(dir, `${first.id}.txt`), first.text);
    writeFileSync(join(dir, `${second.id}.txt`), second.text);
    await loadReferences(index, dir);

    // The communications team replaces the first communiqué's text with another one.
    writeFileSync(join(dir, `${first.id}.txt`), references[2]!.text);
    expect(await loadReferences(index, dir)).toMatchObject({ references: 2, added: 2, refiled: true });
    expect(await index.checkAndInsert('copy-of-new-text', sketch(references[2]!.text))).toMatchObject({ duplicateOf: first.id });
    expect((await index.checkAndInsert('copy-of-old-text', sketch(first.text))).duplicateOf).toBeNull();
    expect(await index.checkAndInsert('copy-of-second', sketch(second.text))).toMatchObject({ duplicateOf: second.id });

    // ... and removes the second: its pickups are no longer copies of it (a late one copies the pickup
    // filed before, an item like any other), and its records are gone.
    rmSync(join(dir, `${second.id}.txt`));
    expect(await loadReferences(index, dir)).toMatchObject({ references: 1, added: 1, refiled: true });
    expect((await index.checkAndInsert('late-copy-of-second', sketch(`${second.text}\nوكالات`))).duplicateOf).toBe('copy-of-second');
    expect(await connection.hkeys(`${root}ref:i`)).toEqual([first.id]);
    expect(await connection.scard(`${root}ref:n`)).toBe(1);
    // Its word pairs too: only the one reference filed now keeps them.
    const [n] = await connection.smembers(`${root}ref:n`);
    expect(await connection.keys(`${root}pairs:*`)).toEqual([`${root}pairs:${n}`]);
    expect(await loadReferences(index, dir)).toMatchObject({ references: 1, added: 0, refiled: false });
  });

  it('keeps ids holding the characters its records separate fields with ("|", "@", "%") as they are written', async () => {
    // A seed file may be named "bulletin|2.txt" or "dgsn@rabat.txt": its stem is the reference's id.
    const odd = { id: 'dgsn@rabat|2 %7C', file: 'dgsn@rabat|2 %7C.txt', text: references[0]!.text };
    const { index } = await indexWithReference('odd-ids', odd);
    expect(await index.checkAndInsert('a|b@1', sketch(`متابعة\n${odd.text}`), false, '2025-12-01T10:00:00.000Z')).toMatchObject({ duplicateOf: odd.id, storyId: odd.id });
    const text = story(31);
    expect(await index.checkAndInsert('item|1@2%', sketch(text), false, '2025-12-01T12:00:00.000Z')).toMatchObject({ duplicateOf: null, storyId: 'item|1@2%' });
    expect(await index.checkAndInsert('item|2@3', sketch(`${text}\nوكالات`))).toMatchObject({ duplicateOf: 'item|1@2%', storyId: 'item|1@2%' });
    // An earlier publication takes the story over, and re-delivery answers the same, ids intact.
    const first = await index.checkAndInsert('earlier|x@1', sketch(`متابعة\n${text}`), false, '2025-12-01T09:00:00.000Z');
    expect(first).toMatchObject({ duplicateOf: null, storyId: 'item|1@2%', supersedes: { id: 'item|1@2%' } });
    expect(await index.checkAndInsert('earlier|x@1', sketch(`متابعة\n${text}`), false, '2025-12-01T09:00:00.000Z')).toMatchObject({ storyId: 'item|1@2%', known: true, supersedes: { id: 'item|1@2%' } });
    expect(await index.checkAndInsert('item|2@3', sketch(`${text}\nوكالات`))).toMatchObject({ duplicateOf: 'item|1@2%', known: true });
    expect(await index.checkAndInsert(odd.id, sketch(odd.text), true)).toMatchObject({ storyId: odd.id, known: true });
  });

  it('finds a copy of a copy that keeps too little of the original to copy it, and answers it again on re-delivery', async () => {
    const index = indexAt('chain');
    const original = story(21).split(' ');
    await index.checkAndInsert('original', sketch(original.join(' ')));
    const partial = original.slice(0, Math.round(original.length * 0.6));
    expect(await index.checkAndInsert('partial', sketch(partial.join(' ')))).toMatchObject({ duplicateOf: 'original', storyId: 'original' });
    // Seven tenths of the partial copy: 42% of the original, not a copy of it, but a copy of the partial one.
    const chain = sketch(`مقدمة جديدة للمقال ${partial.slice(Math.round(partial.length * 0.3)).join(' ')}`);
    const first = await index.checkAndInsert('chain', chain);
    expect(first).toMatchObject({ duplicateOf: 'partial', storyId: 'original', known: false });
    expect(await index.checkAndInsert('chain', chain)).toEqual({ ...first, known: true });
  });

  it('names, of two pickups a copy reproduces the same passage of, the one it reproduces more of', async () => {
    const index = indexAt('one-passage');
    const original = `${story(22)} ${story(23)}`.split(' ');
    await index.checkAndInsert('original', sketch(original.join(' ')));
    expect(await index.checkAndInsert('pickup', sketch(`الرباط - متابعة: أفادت مصادر إعلامية متطابقة أن\n${original.slice(0, Math.round(original.length * 0.8)).join(' ')}`))).toMatchObject({ duplicateOf: 'original' });
    const partial = original.slice(0, Math.round(original.length * 0.6));
    expect(await index.checkAndInsert('partial', sketch(partial.join(' ')))).toMatchObject({ duplicateOf: 'original' });
    // 70% of the partial, 53% of the pickup, behind the pickup's dateline and attribution: the partial's.
    const chain = sketch(`الرباط - متابعة: أفادت مصادر إعلامية متطابقة أن\n${partial.slice(0, Math.round(partial.length * 0.7)).join(' ')}`);
    expect(await index.checkAndInsert('chain', chain)).toMatchObject({ duplicateOf: 'partial', storyId: 'original' });
  });

  it('tells two seizures in one town apart by the other numbers in their slots, as marsad classify does, and reads items filed before slots', async () => {
    const oran = 'تمكنت مصالح أمن ولاية وهران من تفكيك شبكة إجرامية مختصة في ترويج المؤثرات العقلية، وحجز أزيد من 5000 قرص مهلوس، وتوقيف أربعة أشخاص تم تقديمهم أمام وكيل الجمهورية لدى محكمة وهران.';
    const later =
      'تمكنت مصالح أمن ولاية وهران، ممثلة في فرقة البحث والتدخل، من تفكيك شبكة إجرامية مختصة في ترويج المؤثرات العقلية، وحجز 12 ألف قرص مهلوس.\n' +
      'وأوضح بيان لخلية الاتصال بأمن الولاية أن العملية أسفرت عن توقيف خمسة أشخاص، تم تقديمهم أمام وكيل الجمهورية لدى محكمة وهران.';
    const index = indexAt('slots');
    await index.checkAndInsert('oran', sketch(oran));
    expect(await index.checkAndInsert('oran-later', sketch(later))).toMatchObject({ duplicateOf: null });
    expect(await index.checkAndInsert('pickup', sketch(`متابعة\n${oran.replace('5000', 'خمسة آلاف')}`))).toMatchObject({ duplicateOf: 'oran' });
    // Filed without slots (before stop 39), an item's facts are read as they were then: only those
    // whose words either side the later article keeps.
    const before = indexAt('no-slots');
    const { slots: _, ...withoutSlots } = fingerprintOf(oran);
    await before.checkAndInsert('oran', sketchOf(withoutSlots));
    expect(await before.checkAndInsert('oran-later', sketch(later))).toMatchObject({ duplicateOf: 'oran' });
  });

  it("does not take two items on the Director General's meetings, sharing his title written out, for copies of each other", async () => {
    const index = indexAt('title');
    const fbi = 'Hammouchi reçoit le directeur du FBI à Rabat\nLe directeur général de la sûreté nationale et de la surveillance du territoire, Abdellatif Hammouchi, a reçu à Rabat le directeur du FBI pour examiner le renforcement de la coopération sécuritaire entre les deux pays.';
    const belgian =
      'Hammouchi reçoit le directeur de la police fédérale belge\nLe directeur général de la Sûreté nationale et de la Surveillance du territoire, Abdellatif Hammouchi, a reçu mardi à Rabat le commissaire général de la police fédérale belge, avec qui il a examiné les moyens de renforcer la coopération sécuritaire bilatérale, notamment dans la lutte contre le trafic de drogue.';
    await index.checkAndInsert('fbi', sketch(fbi));
    expect(await index.checkAndInsert('belgian', sketch(belgian))).toMatchObject({ duplicateOf: null });
    expect(await index.checkAndInsert('fbi-pickup', sketch(`الرباط - متابعة\n${fbi}`))).toMatchObject({ duplicateOf: 'fbi' });
  });

  it("reads the facts of a short item that quotes a reference after its own words' samples", async () => {
    const reference = references[0]!;
    const { index, quoted } = await indexWithReference('short-quoting', reference);
    const tagger = loadTagger();
    const item = (text: string) => sketchOf(analyseArticle({ title: '', text }, tagger).fingerprint, { quoted });
    const quote = reference.text.split(/\s+/).slice(0, 18).join(' ');
    const report = (town: string, when: string, suspects: string) =>
      `أوقفت عناصر الشرطة القضائية بمدينة ${town}، ${when}، ${suspects} أشخاص للاشتباه في تورطهم في قضية تتعلق بالنصب والاحتيال عبر الإنترنت، وذلك في سياق جاء فيه: ${quote}`;
    const first = item(report('طنجة', 'مساء يوم الأحد', 'ثلاثة'));
    expect(first.own).toBeDefined();
    expect(first.samples.length / SHINGLE_SIZE).toBe(first.words);
    await index.checkAndInsert('first', first);
    expect(await index.checkAndInsert('other', item(report('أكادير', 'صباح يوم الخميس', 'خمسة')))).toMatchObject({ duplicateOf: null });
    expect(await index.checkAndInsert('pickup', item(`متابعة\n${report('طنجة', 'مساء يوم الأحد', 'ثلاثة')}`))).toMatchObject({ duplicateOf: 'first' });
  });

  it('does not take two articles quoting the same reference for copies of each other', async () => {
    const reference = references[0]!;
    const { index, quoted } = await indexWithReference('quoting', reference);
    const item = (text: string) => sketchOf(fingerprintOf(text), { quoted });
    const words = reference.text.split(/\s+/);
    const own = story(23).split(' ').slice(0, 40);
    // Two outlets, each with a paragraph of its own and under half of the communiqué, the later one
    // quoting all the earlier one quoted: each is judged against the reference alone.
    expect((await index.checkAndInsert('first', item(`${own.join(' ')}\n${words.slice(0, words.length * 0.3).join(' ')}`))).duplicateOf).toBeNull();
    const second = await index.checkAndInsert('second', item(`${words.slice(0, words.length * 0.4).join(' ')}\n${story(24)}`));
    expect(second.duplicateOf).toBeNull();
    expect(second.similarity).toBeLessThan(0.5);
    // Copying the earlier article's own paragraph too makes a copy of it.
    expect(await index.checkAndInsert('third', item(`عاجل: ${own.join(' ')}\n${words.slice(0, words.length * 0.3).join(' ')}`))).toMatchObject({ duplicateOf: 'first', storyId: 'first' });
    // An article made only of quotes has no text of its own to copy: a later, longer quote is the reference's or nobody's.
    expect((await index.checkAndInsert('quote-only', item(words.slice(0, words.length * 0.3).join(' ')))).duplicateOf).toBeNull();
    expect((await index.checkAndInsert('longer-quote', item(words.slice(0, words.length * 0.4).join(' ')))).duplicateOf).toBeNull();
  });

  it('does not take two outlets quoting the same opening of a reference behind one dateline or attribution for copies of each other, as marsad classify does', async () => {
    const reference = references[0]!;
    const { index, quoted } = await indexWithReference('dateline', reference);
    const inMemory = new MemoryCopyIndex();
    inMemory.add({ id: reference.id, storyId: reference.id, reference: true, ...fingerprintOf(reference.text) });
    const words = reference.text.split(/\s+/);
    const pipeline: (string | null)[] = [];
    const classify: (string | null)[] = [];
    for (const dateline of ['عاجل:', 'الرباط - متابعة\nأفادت المديرية العامة للأمن الوطني في بلاغ توصلت الجريدة بنسخة منه، أن']) {
      for (const [n, share] of [0.4, 0.3].entries()) {
        const text = `${dateline} ${words.slice(0, Math.round(words.length * share)).join(' ')}`;
        pipeline.push((await index.checkAndInsert(`${dateline}${n}`, sketchOf(fingerprintOf(text), { quoted }))).duplicateOf);
        classify.push(inMemory.checkAndInsert(`${dateline}${n}`, fingerprintOf(text)).copyOf?.id ?? null);
      }
    }
    expect(classify).toEqual([null, null, null, null]);
    expect(pipeline).toEqual(classify);
  });

  it('does not take an article quoting another paragraph of a reference in the same intro and closing for a copy of one quoting the first, as marsad classify does', async () => {
    const reference = references[0]!;
    const { index, quoted } = await indexWithReference('framed-quotes', reference);
    const inMemory = new MemoryCopyIndex();
    inMemory.add({ id: reference.id, storyId: reference.id, reference: true, ...fingerprintOf(reference.text) });
    const paragraphs = reference.text.split('\n').filter(Boolean);
    const intro = 'في إطار متابعتنا المستمرة للشأن الأمني الوطني والدولي، نضع بين أيدي قرائنا الكرام مقتطفا من الخبر التالي:';
    const closing = 'وسنوافيكم بكل المستجدات المتعلقة بهذا الخبر فور توصلنا بها، فتابعونا على موقعنا وصفحاتنا على مواقع التواصل الاجتماعي.';
    const texts = [6, 3, 6, 3].map((p) => `${intro}\n${paragraphs[p]}\n${closing}`);
    texts.push(`${intro}\n${paragraphs[6]!.split(' ').slice(0, 20).join(' ')}\n${closing}`);
    const pipeline: (string | null)[] = [];
    const classify: (string | null)[] = [];
    for (const [i, text] of texts.entries()) {
      pipeline.push((await index.checkAndInsert(`f${i}`, sketchOf(fingerprintOf(text), { quoted }))).duplicateOf);
      classify.push(inMemory.checkAndInsert(`f${i}`, fingerprintOf(text)).copyOf?.id ?? null);
    }
    // The second quotes another paragraph; the third is the first again, the fourth the second again,
    // the fifth a pickup of the first.
    expect(classify).toEqual([null, null, 'f0', 'f1', 'f0']);
    expect(pipeline).toEqual(classify);
  });

  it('takes a pickup of the opening of an item that opens with a quote for a copy of it, when it holds some of its own words', async () => {
    const reference = references[0]!;
    const { index, quoted } = await indexWithReference('quoting-pickup', reference);
    const item = (words: string[]) => sketchOf(fingerprintOf(words.join(' ')), { quoted });
    const words = reference.text.split(/\s+/);
    const own = [...story(31).split(' '), ...story(32).split(' ')].slice(0, 150);
    const quoting = [...words.slice(0, Math.round(words.length * 0.2)), ...own];
    expect((await index.checkAndInsert('quoting', item(quoting))).duplicateOf).toBeNull();
    // Its first 60%: the quote and about a third of its own words (coverage is estimated from 32 word
    // positions: kept clear of half, and of 20 words).
    expect(await index.checkAndInsert('pickup', item(quoting.slice(0, Math.round(quoting.length * 0.6))))).toMatchObject({ duplicateOf: 'quoting', storyId: 'quoting' });
    // A longer quote of the reference with a handful of the item's own words: what the quote explains.
    const longQuote = words.slice(0, Math.round(words.length * 0.35));
    const moreOwn = story(34).split(' ').slice(0, 50);
    expect((await index.checkAndInsert('quoting-more', item([...longQuote, ...moreOwn]))).duplicateOf).toBeNull();
    expect((await index.checkAndInsert('later', item([...longQuote, ...moreOwn.slice(0, 3), ...story(33).split(' ').slice(0, 30)]))).duplicateOf).toBeNull();
  });

  it("still finds a pickup of an item's intro and quote after three others quoted the same passage, as marsad classify does", async () => {
    const reference = references[1]!;
    const { index, quoted } = await indexWithReference('quoted-by-many', reference);
    const words = reference.text.split(/\s+/);
    const quote = words.slice(40, 120);
    // Three outlets quote the same passage, each with words of its own.
    const quoting = [35, 36, 37].map((n) => [...story(n).split(' ').slice(0, 40), ...quote]);
    // Then one with an intro of its own before the quote and a paragraph after it, and a pickup of its
    // intro and quote: 60% of its words, a third of those it wrote itself.
    const item = [...story(38).split(' ').slice(0, 32), ...quote, ...story(39).split(' ').slice(0, 58)];
    const texts = [...quoting, item, item.slice(0, Math.round(item.length * 0.6))].map((text) => text.join(' '));
    const inMemory = new MemoryCopyIndex();
    inMemory.add({ id: reference.id, storyId: reference.id, reference: true, ...fingerprintOf(reference.text) });
    const pipeline: (string | null)[] = [];
    const classify: (string | null)[] = [];
    for (const [i, text] of texts.entries()) {
      pipeline.push((await index.checkAndInsert(`a${i}`, sketchOf(fingerprintOf(text), { quoted }))).duplicateOf);
      classify.push(inMemory.checkAndInsert(`a${i}`, fingerprintOf(text)).copyOf?.id ?? null);
    }
    expect(classify).toEqual([null, null, null, null, 'a3']);
    expect(pipeline).toEqual(classify);
  });

  it('files an item that both quotes a reference and has news formulas, and finds its pickup', async () => {
    const reference = references[0]!;
    const { index, quoted } = await indexWithReference('quoting-formulas', reference);
    const item = (text: string) => sketchOf(fingerprintOf(text), { quoted });
    const quote = reference.text.split(/\s+/).slice(0, 40).join(' ');
    const text = `${quote}\n${story(35)}\nوقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة.`;
    const filed = item(text);
    expect(filed.own).toBeDefined();
    expect(filed.formula).toContain('1');
    expect((await index.checkAndInsert('quotes-and-formulas', filed)).duplicateOf).toBeNull();
    expect(await index.checkAndInsert('its-pickup', item(`متابعة\n${text}`))).toMatchObject({ duplicateOf: 'quotes-and-formulas' });
  });

  it('marks a shingle boilerplate once three originals hold it as their own text, eight when they took it from an earlier item, and files no more under it', async () => {
    /** Files the originals, each ending with `ending`, and answers how many postings were closed as boilerplate after each. */
    const closedAfterEach = async (prefix: string, ending: string, count: number) => {
      const index = indexAt(prefix);
      const closed: number[] = [];
      for (let n = 0; n < count; n++) {
        expect((await index.checkAndInsert(`site-${n}`, sketch(`${story(41 + n)}\n${ending}`))).duplicateOf).toBeNull();
        let marked = 0;
        for await (const keys of connection.scanStream({ match: `${redis.prefix.slice(0, -1)}-${prefix}}:index:v3:*:p:*`, count: 1000 })) {
          for (const key of keys as string[]) marked += Object.values(await connection.hgetall(key)).filter((list) => list === '*').length;
        }
        closed.push(marked);
      }
      return closed.map((marked) => marked > 0);
    };
    const words = story(40).split(' ');
    // A tagline every article of one site ends with, fewer words than a passage (MIN_COPIED_WORDS): each one's own text.
    expect(await closedAfterEach('tagline', words.slice(0, MIN_COPIED_WORDS - 4).join(' '), 3)).toEqual([false, false, true]);
    // A footer of 30 words: each later original reproduces a passage of the first, and counts it as quoted.
    expect(await closedAfterEach('footer', words.slice(0, 30).join(' '), 8)).toEqual([false, false, false, false, false, false, false, true]);
  });

  it("counts the news formulas of a passage originals share with an earlier item as each one's own text, the rest as quoted, as marsad classify does", async () => {
    const prefix = 'formula-counts';
    const index = indexAt(prefix);
    const closing = 'وقد تم إخضاع المشتبه فيه لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة';
    const tagline = story(40).split(' ').slice(0, 24).join(' ');
    const sketches = [44, 45, 46].map((n) => sketch(`${story(n)}\n${tagline}\n${closing}`));
    for (const [n, filed] of sketches.entries()) expect((await index.checkAndInsert(`arrest-${n}`, filed)).duplicateOf).toBeNull();
    /** Originals counted for each value, in each generation's :b (2 bits a counter) or :q (3 bits). */
    const counts = async (values: Uint32Array, key: 'b' | 'q') => {
      const [generation] = await connection.keys(`${redis.prefix.slice(0, -1)}-${prefix}}:index:v3:*:b`);
      const ops = [...values].flatMap((value) => ['GET', key === 'b' ? 'u2' : 'u3', `#${value}`]);
      return new Set((await connection.call('BITFIELD', generation!.replace(/:b$/, `:${key}`), ...ops)) as number[]);
    };
    const formulas = sketches[2]!.formulas!;
    expect(formulas.length).toBeGreaterThan(0);
    // The formula's values: three originals, boilerplate now; the tagline's: one original and two quoting it.
    expect(await counts(formulas, 'b')).toEqual(new Set([3]));
    expect(await counts(formulas, 'q')).toEqual(new Set([0]));
    const taglineValues = sketch(tagline).contains.filter((value) => !formulas.includes(value));
    expect(await counts(taglineValues, 'b')).toEqual(new Set([1]));
    expect(await counts(taglineValues, 'q')).toEqual(new Set([2]));
  });

  it('keeps finding copies of a reference after several items quoted the same passage of it', async () => {
    const reference = references[1]!;
    const { index, quoted } = await indexWithReference('quoted-passage', reference);
    const words = reference.text.split(/\s+/);
    const opening = (share: number) => sketchOf(fingerprintOf(words.slice(0, Math.round(words.length * share)).join(' ')), { quoted });
    // Coverage is estimated from 32 word positions: quotes kept clear of the threshold.
    for (const [n, share] of [0.3, 0.33, 0.36, 0.4].entries()) expect((await index.checkAndInsert(`quote-${n}`, opening(share))).duplicateOf).toBeNull();
    expect(await index.checkAndInsert('copy', opening(0.62))).toMatchObject({ duplicateOf: reference.id, storyId: reference.id });
  });

  it('names the item a copy was taken from, not an earlier item quoting a paragraph of it', async () => {
    const index = indexAt('source-over-quote');
    const words = `${story(60)} ${story(61)} ${story(62)}`.split(' ');
    const opening = (share: number) => words.slice(0, Math.round(words.length * share)).join(' ');
    await index.checkAndInsert('source', sketch(words.join(' ')));
    expect((await index.checkAndInsert('quote', sketch(`${opening(0.35)}\n${story(63).split(' ').slice(0, 15).join(' ')}`))).duplicateOf).toBeNull();
    expect(await index.checkAndInsert('copy', sketch(opening(0.7)))).toMatchObject({ duplicateOf: 'source', storyId: 'source' });
  });

  it("does not take one story's copies for boilerplate", async () => {
    const index = indexAt('pickups');
    const text = story(22);
    await index.checkAndInsert('original', sketch(text));
    for (const n of [1, 2, 3, 4]) expect((await index.checkAndInsert(`copy-${n}`, sketch(`${'عاجل '.repeat(n)}${text}`))).duplicateOf).toBe('original');
  });

  it('files a copy of a reference under the reference, even when it also holds all of an earlier item', async () => {
    const index = indexAt('reference-first');
    const reference = references[0]!;
    await index.checkAndInsert(reference.id, sketch(reference.text), true);
    const words = reference.text.split(/\s+/);
    const own = story(11);
    // The earlier item quotes the first third of the reference: an original.
    expect((await index.checkAndInsert('quote', sketch(`${own}\n${words.slice(0, words.length / 3).join(' ')}`))).duplicateOf).toBeNull();
    // The later one reproduces that item whole and most of the reference.
    const copy = await index.checkAndInsert('copy', sketch(`${own}\n${words.slice(0, (words.length * 3) / 4).join(' ')}`));
    expect(copy).toMatchObject({ duplicateOf: reference.id, storyId: reference.id });
  });

  it('finds a copy of a reference that keeps none of its smallest shingles', async () => {
    const reference = references[2]!;
    const { index } = await indexWithReference('every-shingle', reference);
    // One word changed in each of the reference's smallest shingles: an ordinary article would be
    // filed under exactly those, and a lookup would meet none of them.
    const { sequence, shingles } = fingerprintOf(reference.text);
    const smallest = new Set(shingles.slice(0, POSTING_SHINGLES));
    const words = tokenize(reference.text);
    sequence.forEach((shingle, i) => {
      if (smallest.has(shingle)) words[i] = 'تعديل';
    });
    const copy = await index.checkAndInsert('edited', sketch(words.join(' ')));
    expect(copy).toMatchObject({ duplicateOf: reference.id, storyId: reference.id });
  });

  it('measures how much of a reference a copy reproduces as marsad classify does, word by word', async () => {
    const reference = references[3]!;
    const { index } = await indexWithReference('exact', reference);
    const words = fingerprintOf(reference.text).sequence.length + SHINGLE_SIZE - 1;
    expect(sketchOf(fingerprintOf(reference.text), { reference: true }).samples.length).toBe(Math.min(words, MAX_REFERENCE_SAMPLES) * SHINGLE_SIZE);
    // Every third sentence reworded whole, the rest kept: the share reproduced is what the in-process index computes.
    const sentences = reference.text.split(/(?<=[.،])\s+/);
    const edited = sentences.map((sentence, i) => (i % 3 === 1 ? story(40 + i).split(' ').slice(0, sentence.split(/\s+/).length).join(' ') : sentence)).join(' ');
    const exact = coveredWords(fingerprintOf(reference.text).sequence, fingerprintOf(edited).shingles, { bridge: true }).share;
    const verdict = await index.checkAndInsert('edited-sentences', sketch(edited));
    expect(verdict.duplicateOf).toBe(exact >= 0.5 ? reference.id : null);
    // Shingles are compared by their top 24 bits: a word not reproduced reads as reproduced once in thousands.
    expect(verdict.similarity - exact).toBeGreaterThanOrEqual(0);
    expect(verdict.similarity - exact).toBeLessThan(0.01);
  });

  it('reads a copy reworded three words at a time as marsad classify does, near the threshold too', async () => {
    const reference = references[2]!;
    const { index } = await indexWithReference('reworded', reference);
    const filler = story(70).split(' ');
    let state = 4242;
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
    for (const changed of [0.12, 0.16, 0.2, 0.24]) {
      // Each word starts a run of three replaced words with this chance: about half the words kept at 0.2.
      let run = 0;
      const edited = reference.text.split(/\s+/).map((word, i) => {
        if (run > 0 || random() < changed) run = run > 0 ? run - 1 : 2;
        else return word;
        return filler[i % filler.length];
      });
      const text = edited.join(' ');
      const exact = coveredWords(fingerprintOf(reference.text).sequence, fingerprintOf(text).shingles, { bridge: true }).share;
      const verdict = await index.checkAndInsert(`reworded-${changed}`, sketch(text));
      // With 16-bit comparisons such copies read 0.03–0.06 above, and several under half were copies.
      expect(Math.abs(verdict.similarity - exact), `${changed}: ${verdict.similarity} vs ${exact}`).toBeLessThan(0.01);
      expect(verdict.duplicateOf).toBe(exact >= 0.5 ? reference.id : null);
    }
  });

  it('reads a copy with one word in three to eight reworded here and there as marsad classify does, through its word pairs', async () => {
    const reference = references[1]!;
    const { index, quoted } = await indexWithReference('pairs', reference);
    const original = fingerprintOf(reference.text);
    let state = 977;
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
    let pairsCounted = 0;
    for (const changed of [0.12, 0.16, 0.18, 0.2, 0.25, 0.3]) {
      const text = reference.text
        .split('\n')
        .filter(() => random() > 0.2)
        .map((paragraph) => paragraph.split(' ').map((word) => (random() < changed ? 'بدل' : word)).join(' '))
        .join('\n');
      const copy = fingerprintOf(text);
      const pairs = { of: shingleSequence(original.words!, 2), in: distinctSorted(shingleSequence(copy.words!, 2)) };
      const exact = coveredWords(original.sequence, copy.shingles, { bridge: true, pairs }).share;
      const withoutPairs = coveredWords(original.sequence, copy.shingles, { bridge: true }).share;
      if (exact - withoutPairs > 0.02) pairsCounted++;
      const verdict = await index.checkAndInsert(`scattered-${changed}`, sketchOf(copy, { quoted }));
      expect(Math.abs(verdict.similarity - exact), `${changed}: ${verdict.similarity} vs ${exact} (${withoutPairs} without pairs)`).toBeLessThan(0.01);
      expect(verdict.duplicateOf).toBe(exact >= 0.5 ? reference.id : null);
    }
    expect(pairsCounted).toBeGreaterThan(2);
  });

  it('tells an article quoting a sentence of a reference from a copy on a quick reading, its similarity close to the exact one', async () => {
    const reference = references[3]!;
    const { index } = await indexWithReference('quick', reference);
    const sentence = reference.text.split(/(?<=\.)\s+/).find((s) => s.split(/\s+/).length > 15)!;
    const quoting = `${story(61)}\n${sentence}\n${story(62)}`;
    const exact = coveredWords(fingerprintOf(reference.text).sequence, fingerprintOf(quoting).shingles, { bridge: true }).share;
    const verdict = await index.checkAndInsert('quoting-a-sentence', sketch(quoting));
    expect(verdict.duplicateOf).toBeNull();
    expect(exact).toBeGreaterThan(0.02);
    expect(Math.abs(verdict.similarity - exact)).toBeLessThan(0.05);
  });

  it('keeps an article quoting one paragraph as an original', async () => {
    const index = indexAt('quote');
    await index.checkAndInsert(references[0]!.id, sketch(references[0]!.text), true);
    const paragraph = references[0]!.text.split('\n')[3]!;
    const verdict = await index.checkAndInsert('quote', sketch(`${story(1)}\n${paragraph}\n${story(2)}`));
    expect(verdict).toMatchObject({ duplicateOf: null, storyId: 'quote' });
  });

  it('does not take two communiqués written in the same formulas for copies, and finds a pickup of one', async () => {
    const index = indexAt('formulas');
    const communique = (town: string, when: string, age: number, offence: string) =>
      `تمكنت عناصر الشرطة القضائية بولاية أمن ${town}، ${when}، من توقيف شخص يبلغ من العمر ${age} سنة، من ذوي السوابق القضائية، وذلك للاشتباه في تورطه في قضية تتعلق ${offence}. وقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، وذلك للكشف عن جميع ظروف وملابسات هذه القضية، وتحديد باقي الأفعال الإجرامية المنسوبة إليه.`;
    const fes = communique('فاس', 'مساء أمس الإثنين', 28, 'بالسرقة بالعنف المقرون باستعمال السلاح الأبيض');
    expect(sketch(fes).formula).toContain('1');
    expect(await index.checkAndInsert('fes', sketch(fes))).toMatchObject({ duplicateOf: null });
    const tangier = await index.checkAndInsert('tangier', sketch(communique('طنجة', 'صباح اليوم الخميس', 25, 'بالسرقة الموصوفة من داخل السيارات')));
    expect(tangier).toMatchObject({ duplicateOf: null, storyId: 'tangier' });
    // Most of the words are shared: the formulas.
    expect(tangier.similarity).toBeGreaterThan(0.5);
    const pickup = await index.checkAndInsert('pickup', sketch(`فاس 24 - متابعة\n${fes.replace('مساء أمس الإثنين', 'مساء الإثنين')}\nتابعونا على صفحتنا.`));
    expect(pickup).toMatchObject({ duplicateOf: 'fes', storyId: 'fes' });
  });

  it('points a copy of an earlier item at it, and answers a re-delivered item as before', async () => {
    const index = indexAt('items');
    expect(await index.checkAndInsert('first', sketch(story(3)))).toMatchObject({ duplicateOf: null, storyId: 'first', known: false });
    expect(await index.checkAndInsert('second', sketch(`عاجل | ${story(3)} | وكالات`))).toMatchObject({ duplicateOf: 'first', storyId: 'first' });
    expect(await index.checkAndInsert('first', sketch(story(3)))).toMatchObject({ duplicateOf: null, storyId: 'first', known: true });
  });

  it('deletes what an index filed by v2 keeps for ever when it loads the references', async () => {
    const index = indexAt('after-v2');
    const v2 = `${redis.prefix.slice(0, -1)}-after-v2}:index:v2:`;
    await connection.hset(`${v2}ref:i`, 'old-reference', 'old-reference');
    await connection.hset(`${v2}ref:p`, 'abcd', '1');
    await connection.hset(`${v2}ref:d`, 'old-reference', 'digest');
    await connection.sadd(`${v2}ref:n`, '1');
    await connection.set(`${v2}doc:1`, '1|old-reference|old-reference|90|');
    await connection.set(`${v2}seq`, '1');
    await connection.set(`${v2}bits-from`, '0');
    const dir = temporaryDir('marsad-seeds-');
    writeFileSync(join(dir, `${references[0]!.id}.txt`), references[0]!.text);
    expect(await loadReferences(index, dir)).toMatchObject({ references: 1, added: 1 });
    expect(await connection.keys(`${v2}*`)).toEqual([]);
    expect(await index.checkAndInsert('pickup', sketch(references[0]!.text))).toMatchObject({ duplicateOf: references[0]!.id });
  });

  it('forgets ordinary items after the window, never the references', async () => {
    const longAgo = () => Date.now() - 40 * DAY;
    const past = indexAt('expiry', longAgo);
    await past.checkAndInsert('old-item', sketch(story(4)));
    await past.checkAndInsert('old-reference', sketch(story(5)), true);
    const today = indexAt('expiry');
    expect((await today.checkAndInsert('new-a', sketch(story(4)))).duplicateOf).toBeNull();
    expect((await today.checkAndInsert('new-b', sketch(story(5)))).duplicateOf).toBe('old-reference');
  });
});

describe('two classifier workers on one shared index', () => {
  it('keep exactly one original per story when 200 copies of 20 new stories arrive interleaved', async () => {
    const logger = createLogger({ level: 'silent' });
    const analyser = { tagger: loadTagger(), index: indexAt('concurrency') };
    const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({ attempts: 2, backoffMs: 10 }) });
    const stored = new Map<string, StoreJob['item']>();
    const edits = [(t: string) => t, (t: string) => `متابعة | ${t}`, (t: string) => `${t} | المصدر: وكالات`, (t: string) => t.replaceAll('أ', 'ا'), (t: string) => `عاجل: ${t.replaceAll('ة ', 'ه ')}`];
    const items: RawItem[] = [];
    for (let copy = 0; copy < 10; copy++) {
      for (let s = 0; s < 20; s++) {
        items.push({ id: `s${s}-c${copy}`, sourceId: `outlet-${copy}`, url: `https://outlet-${copy}.example/${s}`, title: '', text: edits[copy % edits.length]!(story(100 + s)), publishedAt: null, fetchedAt: new Date().toISOString() });
      }
    }
    const workers = [0, 1].map(() =>
      createStageWorker({
        queue: 'classify',
        connection: connection.duplicate(),
        prefix: redis.prefix,
        concurrency: 8,
        logger,
        handle: (job, ctx) =>
          classifyItem(job, { analyse: (item) => analyseItem(item, analyser), dropNonArabic: false, sendToStore: async (jobs) => jobs.forEach((j) => stored.set(j.payload.item.id, j.payload.item)) }, ctx),
      }),
    );
    try {
      await queues.classify.addBulk(items.map((item) => ({ name: 'classify', data: { item }, opts: { jobId: itemJobId(item) } })));
      const deadline = Date.now() + 60_000;
      while (stored.size < items.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await Promise.all(workers.map((w) => w.close()));
      await closeQueues(queues);
    }
    expect(stored.size).toBe(200);
    const originals = [...stored.values()].filter((i) => i.duplicateOf === null);
    expect(originals).toHaveLength(20);
    for (let s = 0; s < 20; s++) {
      const group = [...stored.values()].filter((i) => i.id.startsWith(`s${s}-`));
      const original = group.filter((i) => i.duplicateOf === null);
      expect(original, `story ${s}`).toHaveLength(1);
      for (const copy of group.filter((i) => i.duplicateOf !== null)) {
        expect(copy.duplicateOf, copy.id).toBe(original[0]!.id);
        expect(copy.storyId, copy.id).toBe(original[0]!.id);
      }
    }
  });
});

describe('analyseItem', () => {
  it("reads a story as Moroccan when its source's country says so", async () => {
    const analyser = { tagger: loadTagger(), index: indexAt('country'), countries: new Map([['le360-fr', 'MA']]) };
    const item = (id: string, sourceId: string): RawItem => ({
      id, sourceId, url: `https://news.example.com/${id}`, title: 'Interpellation', text: 'Les éléments de la wilaya de sûreté ont interpellé un suspect après une course-poursuite.', publishedAt: null, fetchedAt: '2026-11-20T10:00:00.000Z',
    });
    expect((await analyseItem(item('from-le360', 'le360-fr'), analyser)).tags).toEqual(['dgsn']);
    expect((await analyseItem(item('from-elsewhere', 'wire'), analyser)).tags).toEqual([]);
  });
});

describe('analyseItem with what outlets repeat', () => {
  const rawItem = (id: string, url: string, text: string): RawItem => ({ id, sourceId: 'site', url, title: '', text, publishedAt: null, fetchedAt: '2026-11-20T10:00:00.000Z' });

  it("takes none of one outlet's short items under one long footer for a copy of another, as marsad classify does", async () => {
    const index = indexAt('outlet-footer');
    const { quoted } = await loadReferences(index, BUNDLED_SEEDS_DIR);
    const analyser = { tagger: loadTagger(), index, quoted, outlets: new OutletBoilerplate() };
    const copied: (string | null)[] = [];
    for (const [i, text] of itemsUnderOneFooter().entries()) copied.push((await analyseItem(rawItem(`o${i}`, `https://www.footer.ma/news/${i}`, text), analyser)).duplicateOf);
    expect(copied).toEqual([null, null, null, null, null, null]);
    // Another outlet taking one of them copies it all the same.
    const pickup = await analyseItem(rawItem('pickup', 'https://other.ma/1', `نقلا عن زملائنا: ${SHORT_ITEM_BODIES[4]} (وكالات)`), analyser);
    expect(pickup.duplicateOf).toBe('o4');
    // And each of that outlet's pickups of a reference copies the reference.
    const reference = references[1]!;
    for (let i = 0; i < 3; i++) {
      const item = rawItem(`r${i}`, `https://footer.ma/ref/${i}`, `${SHORT_ITEM_BODIES[i]}\n${reference.text}\n${itemsUnderOneFooter()[0]}`);
      expect((await analyseItem(item, analyser)).duplicateOf).toBe(reference.id);
    }
  });

  it('counts each word of an item shorter than its samples once: a pickup of its 20 words is a copy, as marsad classify finds', async () => {
    // Titled items of about 22 words above a footer: 32 samples fall twice on some words, which read
    // the pickup's 20 words as 19.5 and no copy.
    const titled = (id: string, url: string, title: string, text: string): RawItem => ({ ...rawItem(id, url, text), title });
    const items = [...itemsUnderOneFooter().map((text, i) => titled(`o${i}`, `https://www.footer.ma/news/${i}`, `خبر ${i}`, text)), titled('pickup', 'https://other.ma/1', 'نقلا عن زملائنا', `نقلا عن زملائنا: ${SHORT_ITEM_BODIES[4]} (وكالات)`)];
    const shared = { tagger: loadTagger(), index: indexAt('short-items'), outlets: new OutletBoilerplate() };
    const inMemory = new MemoryCopyIndex();
    const pipeline: (string | null)[] = [];
    const classify: (string | null)[] = [];
    for (const item of items) {
      pipeline.push((await analyseItem(item, shared)).duplicateOf);
      classify.push(inMemory.checkAndInsert(item.id, analyseArticle(item, shared.tagger).fingerprint, outletOf(item.url)).copyOf?.id ?? null);
    }
    expect(classify).toEqual([null, null, null, null, null, null, 'o4']);
    expect(pipeline).toEqual(classify);
  });

  it("takes an outlet's later copies of one of its items for copies, with an intro added or a paragraph dropped", async () => {
    const analyser = { tagger: loadTagger(), index: indexAt('outlet-copies'), outlets: new OutletBoilerplate() };
    const words = story(80).split(' ');
    const [intro, other] = [story(81).split(' ').slice(0, 30).join(' '), story(82).split(' ').slice(0, 30).join(' ')];
    const versions = [words.join(' '), `${intro}\n${words.join(' ')}`, `${other}\n${words.slice(0, 70).join(' ')}`, `${words.join(' ')}\n${other}`];
    const copied: (string | null)[] = [];
    for (const [i, text] of versions.entries()) copied.push((await analyseItem(rawItem(`v${i}`, `https://example.com/news/${i}`, text), analyser)).duplicateOf);
    expect(copied).toEqual([null, 'v0', 'v0', 'v0']);
  });

  it("keeps the outlet's partial copies of one of its items in that item's story", async () => {
    const analyser = { tagger: loadTagger(), index: indexAt('outlet-partial'), outlets: new OutletBoilerplate() };
    const parts = references[3]!.text.split('\n').filter((p) => p.split(/\s+/).length > 15).map((p, i) => `${p} ${story(90 + i).split(' ').slice(0, 8).join(' ')}`);
    const keep = (...kept: number[]) => kept.map((i) => parts[i]).join('\n');
    // The second and third leave out the last two parts: those are all the first has besides what the
    // outlet has repeated, and the fourth has none of them, the fifth one.
    const versions = [parts.join('\n'), keep(0, 1, 2, 3, 4, 5, 6), keep(3, 4, 5, 6, 7, 8, 9), keep(0, 1, 2, 3, 4, 5, 6, 7, 8), keep(2, 3, 4, 5, 6, 7, 8, 9, 10)];
    const copied: (string | null)[] = [];
    for (const [i, text] of versions.entries()) copied.push((await analyseItem(rawItem(`p${i}`, `https://one.ma/${i}`, text), analyser)).duplicateOf);
    expect(copied).toEqual([null, 'p0', 'p0', 'p0', 'p0']);
  });

  it("keeps a version of the outlet's item a copy of it when earlier versions each quoted other parts of it, as marsad classify does", async () => {
    const analyser = { tagger: loadTagger(), index: indexAt('outlet-quoting-versions'), outlets: new OutletBoilerplate() };
    const words = references.find((r) => r.id === '003_32020b171cea0e16')!.text.split(/\s+/);
    let at = 0;
    const parts = [33, 28, 28, 45, 17, 18].map((length) => words.slice(at, (at += length)).join(' '));
    const keep = (...kept: number[]) => kept.map((i) => parts[i]).join('\n');
    const versions = [keep(0, 1, 2, 3, 4, 5), keep(0, 2, 5), keep(1, 4, 5), `${words.slice(400, 405).join(' ')}\n${keep(0, 1, 2, 4, 5)}`];
    const copied: (string | null)[] = [];
    for (const [i, text] of versions.entries()) copied.push((await analyseItem(rawItem(`v${i}`, `https://one.ma/${i}`, text), analyser)).duplicateOf);
    expect(copied).toEqual([null, null, null, 'v0']);
  });

  it("keeps a version of the outlet's item a copy of it when an earlier copy kept the same ending, as marsad classify does", async () => {
    const analyser = { tagger: loadTagger(), index: indexAt('outlet-same-ending'), outlets: new OutletBoilerplate() };
    const words = references.find((r) => r.id === '003_32020b171cea0e16')!.text.split(/\s+/);
    let at = 0;
    const parts = [37, 17, 21, 20, 34, 17, 21, 38, 23, 29].map((length) => words.slice(at, (at += length)).join(' '));
    const keep = (from: number) => parts.slice(from).join('\n');
    const intro = (offset: number, length: number) => words.slice(offset, offset + length).join(' ');
    const versions = [keep(0), `${intro(300, 23)}\n${keep(6)}`, keep(7), `${intro(340, 28)}\n${keep(1)}`, `${intro(380, 17)}\n${keep(1)}`];
    const copied: (string | null)[] = [];
    for (const [i, text] of versions.entries()) copied.push((await analyseItem(rawItem(`v${i}`, `https://one.ma/${i}`, text), analyser)).duplicateOf);
    // (The third copies the second here: this index does not know the second quoted the first; see the README's known gaps.)
    expect(copied.slice(3)).toEqual(['v0', 'v0']);
  });

  it("does not take the outlet's later items for copies of a short one, mostly its footer", async () => {
    const analyser = { tagger: loadTagger(), index: indexAt('outlet-short-item'), outlets: new OutletBoilerplate() };
    const words = [70, 71, 72, 73].flatMap((n) => story(n).split(' '));
    const at = (offset: number, length: number) => `${words.slice(offset, offset + length).join(' ')}\n${OUTLET_FOOTER}`;
    // The second item is 9 words above the footer: every later item reproduced most of it.
    const items = [at(0, 80), at(100, 9), at(120, 80), at(220, 80)];
    const copied: (string | null)[] = [];
    for (const [i, text] of items.entries()) copied.push((await analyseItem(rawItem(`i${i}`, `https://www.one.ma/${i}`, text), analyser)).duplicateOf);
    expect(copied).toEqual([null, null, null, null]);
  });

  it('without it, every later item is a copy of the first', async () => {
    const analyser = { tagger: loadTagger(), index: indexAt('outlet-footer-unlearnt') };
    const copied: (string | null)[] = [];
    for (const [i, text] of itemsUnderOneFooter().entries()) copied.push((await analyseItem(rawItem(`o${i}`, `https://footer.ma/news/${i}`, text), analyser)).duplicateOf);
    expect(copied.slice(1).every((id) => id !== null)).toBe(true);
  });
});
