import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './analyse.js';
import { COPY_TEXT_THRESHOLD, COPY_THRESHOLD, MemoryCopyIndex, MIN_COPIED_WORDS } from './copy-index.js';
import { coveredWords, SHINGLE_SIZE } from './fingerprint.js';
import { formulaShingles, NEWS_FORMULAS } from './formulas.js';
import { COVERAGE_SAMPLES, SAMPLE_BITS, sketchOf } from './sketch.js';
import { tokenizeWithOffsets } from './tokens.js';

// Two communiqués on two arrests in two towns, written in the same formulas.
const FES =
  'تمكنت عناصر الشرطة القضائية بولاية أمن فاس، مساء أمس الإثنين، من توقيف شخص يبلغ من العمر 28 سنة، من ذوي السوابق القضائية، وذلك للاشتباه في تورطه في قضية تتعلق بالسرقة بالعنف المقرون باستعمال السلاح الأبيض. وقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، وذلك للكشف عن جميع ظروف وملابسات هذه القضية، وتحديد باقي الأفعال الإجرامية المنسوبة إليه.';
const TANGIER =
  'تمكنت عناصر الشرطة القضائية بولاية أمن طنجة، صباح اليوم الخميس، من توقيف شخص يبلغ من العمر 25 سنة، من ذوي السوابق القضائية، وذلك للاشتباه في تورطه في قضية تتعلق بالسرقة الموصوفة من داخل السيارات. وقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، وذلك للكشف عن جميع ظروف وملابسات هذه القضية، وتحديد باقي الأفعال الإجرامية المنسوبة إليه.';

describe('news formulas', () => {
  it('each has enough words to make a shingle', () => {
    for (const phrase of NEWS_FORMULAS) expect(tokenizeWithOffsets(phrase).words.length, phrase).toBeGreaterThanOrEqual(SHINGLE_SIZE);
    expect(formulaShingles().size).toBeGreaterThan(NEWS_FORMULAS.length);
  });

  it('mark their words in a fingerprint, also where one runs into the next', () => {
    // "…بالمشتبه فيه" ends one formula and "تحت تدبير…" starts another.
    expect([...fingerprintOf('وقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية').formula!]).toEqual(Array(9).fill(1));
    const fes = fingerprintOf(FES).formula!;
    expect(fes.filter(Boolean).length).toBeGreaterThan(fes.length / 2);
    expect(fes.filter((flag) => !flag).length).toBeGreaterThan(10);
    expect(fingerprintOf('أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية المتضررين من الجفاف').formula).toBeUndefined();
  });

  it('are most of what two communiqués on two arrests share, and not what a copy must take', () => {
    const fes = fingerprintOf(FES);
    const shared = coveredWords(fes.sequence, fingerprintOf(TANGIER).shingles, { formula: fes.formula });
    expect(shared.share).toBeGreaterThan(COPY_THRESHOLD);
    expect(shared.textShare).toBeLessThan(COPY_TEXT_THRESHOLD);
    expect(coveredWords(fes.sequence, fingerprintOf(TANGIER).shingles).textShare).toBeUndefined();
  });

  it("leave a communiqué's pickup a copy, and the other arrest an original", () => {
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('fes', fingerprintOf(FES)).copyOf).toBeNull();
    const tangier = index.checkAndInsert('tangier', fingerprintOf(TANGIER));
    expect(tangier.copyOf).toBeNull();
    expect(tangier.similarity).toBeGreaterThan(COPY_THRESHOLD);
    const pickup = `فاس 24 - متابعة\n${FES.replace('مساء أمس الإثنين', 'مساء الإثنين')}\nتابعونا على صفحتنا.`;
    expect(index.checkAndInsert('pickup', fingerprintOf(pickup)).copyOf).toMatchObject({ id: 'fes' });
  });

  it('leave two short communiqués on several suspects each, under a regional command, originals', () => {
    const communique = (town: string, when: string, suspects: string, ages: string, offence: string) =>
      `تمكنت عناصر الشرطة القضائية بولاية أمن ${town}، ${when}، من توقيف ${suspects} أشخاص تتراوح أعمارهم بين ${ages} سنة، من ذوي السوابق القضائية، وذلك للاشتباه في تورطهم في قضية تتعلق ${offence}. وقد تم الاحتفاظ بالمشتبه فيهم تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، وذلك للكشف عن جميع ظروف وملابسات هذه القضية، وتحديد باقي الأفعال الإجرامية المنسوبة إليهم.`;
    const tetouan = communique('تطوان', 'مساء يوم الأربعاء', 'ثلاثة', '22 و35', 'بترويج المخدرات والمؤثرات العقلية');
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('tetouan', fingerprintOf(tetouan)).copyOf).toBeNull();
    expect(index.checkAndInsert('agadir', fingerprintOf(communique('أكادير', 'صباح يوم الجمعة', 'أربعة', '19 و27', 'بالسرقة الموصوفة'))).copyOf).toBeNull();
    expect(index.checkAndInsert('pickup', fingerprintOf(`متابعة\n${tetouan}`)).copyOf).toMatchObject({ id: 'tetouan' });
  });

  it('leave two communiqués on videos seen online, and two on a seizure at home, originals, their pickups copies', () => {
    const video = (act: string, town: string, when: string, age: string) =>
      `تفاعلت مصالح المديرية العامة للأمن الوطني بسرعة وجدية مع شريط فيديو منشور على مواقع التواصل الاجتماعي، يظهر فيه شخص ${act} بمدينة ${town}، حيث تم توقيف المشتبه فيه ${when}. وقد أظهرت الأبحاث والتحريات المنجزة أن المعني بالأمر يبلغ من العمر ${age} سنة، ومن ذوي السوابق القضائية. وقد تم إيداع المشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، بينما تتواصل الأبحاث والتحريات لتوقيف باقي المتورطين المحتملين في هذه القضية.`;
    const seizure = (town: string, when: string, age: string, trade: string, seized: string) =>
      `تمكنت عناصر الشرطة القضائية بمفوضية الشرطة بمدينة ${town}، بتنسيق مع مصالح المديرية العامة لمراقبة التراب الوطني، ${when}، من توقيف شخص يبلغ من العمر ${age} سنة، يشتبه في ارتباطه بشبكة إجرامية تنشط في ${trade}. وقد مكنت الأبحاث والتحريات المنجزة في هذه القضية من تحديد هوية المشتبه فيه وتوقيفه، حيث أسفرت عملية التفتيش المنجزة بمنزله عن حجز ${seized}. وقد تم إخضاع المشتبه فيه للبحث القضائي الذي تشرف عليه النيابة العامة المختصة، وذلك للكشف عن جميع الامتدادات المحتملة لهذا النشاط الإجرامي.`;
    const index = new MemoryCopyIndex();
    const first = [video('يعرض سلامة المواطنين للخطر', 'بني ملال', 'مساء أمس الأحد', '31'), seizure('العرائش', 'صباح اليوم الثلاثاء', '44', 'تهريب المهاجرين', 'هواتف محمولة ووثائق مزورة')];
    const second = [video('يعتدي على سائق سيارة أجرة', 'خريبكة', 'زوال أمس الجمعة', '27'), seizure('بني ملال', 'مساء أمس الأحد', '31', 'الاتجار في المخدرات', 'كمية من مخدر الشيرا')];
    first.forEach((text, i) => expect(index.checkAndInsert(`first-${i}`, fingerprintOf(text)).copyOf).toBeNull());
    second.forEach((text, i) => expect(index.checkAndInsert(`second-${i}`, fingerprintOf(text)).copyOf, `second ${i}`).toBeNull());
    first.forEach((text, i) => expect(index.checkAndInsert(`pickup-${i}`, fingerprintOf(`متابعة\n${text}`)).copyOf).toMatchObject({ id: `first-${i}` }));
  });

  it('leave two communiqués on wanted persons, one held on a red notice, originals, their pickups copies', () => {
    const redNotice = (airport: string, when: string, nationality: string, authorities: string, age: string, offence: string) =>
      `تمكنت عناصر شرطة الحدود بمطار ${airport}، ${when}، من توقيف مواطن ${nationality} يبلغ من العمر ${age} سنة، يشكل موضوع نشرة حمراء صادرة عن المنظمة الدولية للشرطة الجنائية (الأنتربول) بناء على طلب من السلطات القضائية ${authorities}، وذلك للاشتباه في تورطه في ${offence}. وقد أسفرت عملية التنقيط بقاعدة بيانات المنظمة الدولية للشرطة الجنائية عن كون المعني بالأمر يشكل موضوع أمر دولي بإلقاء القبض. وقد تم الاحتفاظ بالمشتبه فيه تحت تدبير الحراسة النظرية رهن إشارة المسطرة المتعلقة بتسليم المجرمين، بينما تم إشعار السلطات ${authorities} بعملية التوقيف عن طريق المكتب المركزي الوطني أنتربول الرباط.`;
    const wanted = (district: string, town: string, age: string, offence: string, seized: string) =>
      `تمكنت عناصر الشرطة بمنطقة أمن ${district} بمدينة ${town}، صباح اليوم، من توقيف شخص يبلغ من العمر ${age} سنة، يشكل موضوع مذكرة بحث على الصعيد الوطني من أجل ${offence}. وقد جرى توقيف المشتبه فيه في حالة تلبس بحيازة ${seized}، قبل أن يتم الاحتفاظ به تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة.`;
    const index = new MemoryCopyIndex();
    const first = [redNotice('محمد الخامس الدولي بالدار البيضاء', 'صباح اليوم الإثنين', 'فرنسي', 'الفرنسية', '38', 'الاتجار الدولي في المخدرات'), wanted('الحي الحسني', 'الدار البيضاء', '38', 'السرقة بالعنف', 'كمية من الأقراص المهلوسة')];
    const second = [redNotice('مراكش المنارة الدولي', 'مساء أمس الخميس', 'بلجيكي', 'البلجيكية', '52', 'النصب والاحتيال وتبييض الأموال'), wanted('بنسودة', 'فاس', '52', 'النصب والاحتيال', 'سلاح أبيض وكمية من مخدر الشيرا')];
    first.forEach((text, i) => expect(index.checkAndInsert(`first-${i}`, fingerprintOf(text)).copyOf).toBeNull());
    second.forEach((text, i) => expect(index.checkAndInsert(`second-${i}`, fingerprintOf(text)).copyOf, `second ${i}`).toBeNull());
    first.forEach((text, i) => expect(index.checkAndInsert(`pickup-${i}`, fingerprintOf(`متابعة\n${text}`)).copyOf).toMatchObject({ id: `first-${i}` }));
  });

  it("leave a pickup of a short communiqué a copy once every communiqué's phrases are boilerplate, and the next arrest an original", () => {
    const towns = ['فاس', 'مكناس', 'طنجة', 'تطوان', 'أكادير', 'مراكش', 'وجدة', 'الناظور', 'سلا', 'تمارة', 'خريبكة', 'آسفي'];
    const parts = ['مساء', 'صباح', 'زوال'];
    const days = ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];
    const offences = ['بحيازة وترويج المخدرات والمؤثرات العقلية', 'بالسرقة بالعنف باستعمال السلاح الأبيض', 'بالنصب والاحتيال'];
    const communique = (i: number) =>
      `تمكنت عناصر الشرطة القضائية بولاية أمن ${towns[i % towns.length]}، ${parts[i % parts.length]} يوم ${days[i % days.length]}، من توقيف شخص يبلغ من العمر ${20 + i} سنة، للاشتباه في تورطه في قضية تتعلق ${offences[i % offences.length]}. وقد تم إخضاع المشتبه فيه لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة.`;
    const index = new MemoryCopyIndex();
    for (let i = 0; i < towns.length; i++) expect(index.checkAndInsert(`communique-${i}`, fingerprintOf(communique(i))).copyOf, `communique ${i}`).toBeNull();
    // Its formulas and offence are now every communiqué's: a few words of its own are left (town, time, age).
    const last = communique(towns.length - 1);
    const pickup = `آسفي - متابعة\n${last.replaceAll('،', ',')}\nتابعوا آخر الأخبار على موقعنا`;
    const verdict = index.checkAndInsert('pickup', fingerprintOf(pickup));
    expect(verdict.copyOf).toMatchObject({ id: `communique-${towns.length - 1}` });
    expect(verdict.copyOf!.words).toBeLessThan(MIN_COPIED_WORDS);
    // Another arrest in the first one's town, for the same offence, written in the same phrases: its age differs.
    expect(index.checkAndInsert('next', fingerprintOf(communique(towns.length))).copyOf).toBeNull();
  });

  it("leave two wire reports of the Director General's meetings with two visitors originals, in French as in Arabic, their pickups copies", () => {
    const meeting = (visitor: string, topic: string) =>
      `Le directeur général de la Sûreté nationale et de la surveillance du territoire, Abdellatif Hammouchi, a reçu lundi à Rabat ${visitor}, avec qui il a examiné les moyens de renforcer la coopération sécuritaire bilatérale, notamment ${topic}.`;
    const dutch = meeting('le chef de la police nationale néerlandaise', 'en matière de lutte contre le trafic international de cocaïne');
    const italian = meeting('le directeur central de la police criminelle italienne', 'dans la lutte contre les réseaux de la migration clandestine');
    const arabic = (visitor: string, topic: string) =>
      `استقبل المدير العام للأمن الوطني ولمراقبة التراب الوطني عبد اللطيف حموشي، اليوم الإثنين بمقر المديرية العامة للأمن الوطني بالرباط، ${visitor}، وتباحث معه سبل تعزيز التعاون الأمني الثنائي بين البلدين، خاصة ${topic}.`;
    const index = new MemoryCopyIndex();
    expect(index.checkAndInsert('nl', fingerprintOf(dutch)).copyOf).toBeNull();
    expect(index.checkAndInsert('it', fingerprintOf(italian)).copyOf).toBeNull();
    expect(index.checkAndInsert('nl-pickup', fingerprintOf(`Rabat - ${dutch} La rencontre s'est tenue au siège de la DGSN.`)).copyOf).toMatchObject({ id: 'nl' });
    const portuguese = arabic('المدير الوطني للشرطة البرتغالية', 'في مجال مكافحة تهريب المخدرات عبر المحيط الأطلسي');
    expect(index.checkAndInsert('ar-pt', fingerprintOf(portuguese)).copyOf).toBeNull();
    expect(index.checkAndInsert('ar-sn', fingerprintOf(arabic('المدير العام للشرطة الوطنية السنغالية', 'في ما يتعلق بتكوين الأطر الأمنية وتبادل الخبرات'))).copyOf).toBeNull();
    expect(index.checkAndInsert('ar-pickup', fingerprintOf(`الرباط - ${portuguese}`)).copyOf).toMatchObject({ id: 'ar-pt' });
  });

  it('leave a communiqué whose only words of its own are its town findable by the few shingles that hold them', () => {
    const towns = ['فاس', 'مكناس', 'طنجة', 'تطوان', 'أكادير', 'مراكش', 'وجدة', 'الناظور', 'سلا', 'تمارة', 'خريبكة', 'آسفي', 'سطات', 'برشيد', 'تازة', 'الحسيمة'];
    const offences = ['بحيازة وترويج المخدرات والمؤثرات العقلية', 'بالسرقة بالعنف باستعمال السلاح الأبيض', 'بالنصب والاحتيال', 'بتزوير وثائق رسمية واستعمالها', 'بالضرب والجرح باستعمال السلاح الأبيض'];
    // Times, ages and offences in cycles of 2, 3, 4 and 5: no two of these share all four.
    const communique = (i: number, town = towns[i]!) =>
      `تمكنت عناصر الشرطة القضائية بولاية أمن ${town}، ${['مساء', 'صباح'][i % 2]} يوم ${['الأحد', 'الإثنين', 'الثلاثاء'][i % 3]}، من توقيف شخص يبلغ من العمر ${30 + (i % 4)} سنة، للاشتباه في تورطه في قضية تتعلق ${offences[i % 5]}. وقد تم إخضاع المشتبه فيه لتدبير الحراسة النظرية رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة.`;
    const index = new MemoryCopyIndex();
    for (let i = 0; i < towns.length - 1; i++) index.checkAndInsert(`communique-${i}`, fingerprintOf(communique(i)));
    // Every other word of it is in three earlier communiqués at least: boilerplate.
    const last = communique(0, towns.at(-1));
    expect(index.checkAndInsert('last', fingerprintOf(last)).copyOf).toBeNull();
    expect(index.checkAndInsert('pickup', fingerprintOf(`متابعة\n${last}\nتابعوا آخر الأخبار على موقعنا`)).copyOf).toMatchObject({ id: 'last' });
  });

  it("are flagged among a shared index's samples", () => {
    const fes = fingerprintOf(FES);
    const { formula, samples } = sketchOf(fes);
    expect(formula).toMatch(new RegExp(`^[01]{${COVERAGE_SAMPLES}}$`));
    const formula16 = formulaShingles();
    for (let k = 0; k < COVERAGE_SAMPLES; k++) {
      const covering = [...samples.subarray(k * SHINGLE_SIZE, (k + 1) * SHINGLE_SIZE)];
      // A sample a formula holds has one of the formula's shingles among those covering it.
      const fromFormula = [...fes.sequence].some((shingle) => formula16.has(shingle) && covering.includes(shingle >>> (32 - SAMPLE_BITS)));
      if (formula![k] === '1') expect(fromFormula, `sample ${k}`).toBe(true);
    }
    expect(formula!.includes('0')).toBe(true);
    expect(sketchOf(fingerprintOf('أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية المتضررين من الجفاف')).formula).toBeUndefined();
  });
});
