import { ShingleSet, shingleSequence, SHINGLE_SIZE } from './fingerprint.js';
import { tokenizeWithOffsets } from './tokens.js';

/**
 * Set phrases of Arabic news that are nobody's own text: the formulas in which police and prosecution
 * communiqués (the bulk of what a DGSN communications team watches) report every arrest, and the
 * attributions every outlet writes. Two communiqués on two arrests share half their words this way
 * ("…من توقيف شخص يبلغ من العمر 28 سنة، وذلك للاشتباه في تورطه في… تحت تدبير الحراسة النظرية رهن إشارة
 * البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة، وذلك للكشف عن جميع ظروف وملابسات هذه القضية")
 * and are no copy of each other: a copy must also take a fair share of the words beyond the formulas
 * (COPY_TEXT_THRESHOLD). Outlet boilerplate is recognised once enough articles share it
 * (BOILERPLATE_ARTICLES); the first communiqués of a day would be too few to show these. Each phrase
 * has at least SHINGLE_SIZE words; variants for a suspect's number and gender are written out
 * (matching is on folded spelling, not on grammar).
 */
export const NEWS_FORMULAS: readonly string[] = [
  // The arrest.
  'تمكنت عناصر الشرطة القضائية',
  'تمكنت عناصر الشرطة القضائية التابعة',
  'من توقيف شخص يبلغ من العمر',
  'من توقيف شخصين يبلغان من العمر',
  'شخصا يبلغ من العمر',
  'من توقيف سيدة تبلغ من العمر',
  'من توقيف امرأة تبلغ من العمر',
  'أشخاص تتراوح أعمارهم ما بين',
  'أشخاص تتراوح أعمارهم بين',
  'تتراوح أعمارهم ما بين',
  'عناصر الشرطة القضائية بولاية أمن',
  'عناصر الشرطة القضائية بمنطقة أمن',
  'من ذوي السوابق القضائية',
  'وذلك للاشتباه في تورطه في',
  'وذلك للاشتباه في تورطهما في',
  'وذلك للاشتباه في تورطهم في',
  'وذلك للاشتباه في تورطها في',
  'للاشتباه في تورطه في قضية تتعلق',
  'للاشتباه في تورطهما في قضية تتعلق',
  'للاشتباه في تورطهم في قضية تتعلق',
  'للاشتباه في تورطها في قضية تتعلق',
  'للاشتباه في ارتباطه بشبكة إجرامية تنشط في',
  'بناء على معلومات دقيقة وفرتها مصالح المديرية العامة لمراقبة التراب الوطني',
  'بتنسيق وثيق مع مصالح المديرية العامة لمراقبة التراب الوطني',
  'في إطار الجهود المتواصلة التي تبذلها مصالح',
  'عناصر الشرطة القضائية بمفوضية الشرطة بمدينة',
  'بتنسيق مع مصالح المديرية العامة لمراقبة التراب الوطني',
  'ومن ذوي السوابق القضائية',
  'حيث تم توقيف المشتبه فيه',
  'حيث تم توقيف المشتبه فيهما',
  'حيث تم توقيف المشتبه فيهم',
  'وهي الأفعال التي تورط فيها',
  'تمكنت عناصر الشرطة بمنطقة أمن',
  'تمكنت عناصر شرطة الحدود بمطار',
  'تمكنت عناصر شرطة الحدود بميناء',
  'أحبطت عناصر الأمن الوطني بميناء',
  'بتنسيق مع مصالح الجمارك',
  'عملية للتهريب الدولي للمخدرات',
  'كيلوغراما من مخدر الشيرا',
  'كانت مخبأة بعناية داخل',
  'وقد مكنت عمليات المراقبة والتفتيش المنجزة من توقيف',
  'وقد جرى توقيف المشتبه فيه في حالة تلبس بحيازة',
  'في حالة تلبس بحيازة',
  'مواطن مغربي يبلغ من العمر',
  // The offences, in the words of the penal code the communiqués quote.
  'السرقة بالعنف باستعمال السلاح الأبيض',
  'بالسرقة بالعنف باستعمال السلاح الأبيض',
  'الضرب والجرح باستعمال السلاح الأبيض',
  'بالضرب والجرح باستعمال السلاح الأبيض',
  'حيازة وترويج المخدرات والمؤثرات العقلية',
  'بحيازة وترويج المخدرات والمؤثرات العقلية',
  'حيازة وترويج الأقراص المهلوسة',
  'بحيازة وترويج الأقراص المهلوسة',
  'السكر العلني البين وإهانة موظفين عموميين أثناء مزاولتهم لمهامهم',
  'بالسكر العلني البين وإهانة موظفين عموميين أثناء مزاولتهم لمهامهم',
  'وإهانة موظفين عموميين أثناء مزاولتهم لمهامهم',
  'والعنف في حق موظفين عموميين أثناء مزاولتهم لمهامهم',
  'تنظيم الهجرة غير المشروعة والاتجار بالبشر',
  'بتنظيم الهجرة غير المشروعة والاتجار بالبشر',
  'تزوير وثائق رسمية واستعمالها',
  'بتزوير وثائق رسمية واستعمالها',
  'إلحاق خسائر مادية بممتلكات الغير',
  'تعريض حياة مستعملي الطريق للخطر',
  'في قضية تتعلق بالنصب والاحتيال',
  'مواطن أجنبي يبلغ من العمر',
  // Wanted persons, at home and abroad (the DGSN's arrests on Interpol notices).
  'يشكل موضوع مذكرة بحث على الصعيد الوطني',
  'يشكل موضوع مذكرة بحث على الصعيد الوطني من أجل',
  'يشكل موضوع نشرة حمراء صادرة عن المنظمة الدولية للشرطة الجنائية',
  'يشكل موضوع أمر دولي بإلقاء القبض',
  'بناء على طلب من السلطات القضائية',
  'وقد أسفرت عملية التنقيط بقاعدة بيانات المنظمة الدولية للشرطة الجنائية',
  'عن كون المعني بالأمر يشكل موضوع',
  'رهن إشارة المسطرة المتعلقة بتسليم المجرمين',
  'وذلك في انتظار ترحيله إلى بلده',
  'في انتظار تسليمه إلى السلطات',
  'بينما تم إشعار السلطات',
  'عن طريق المكتب المركزي الوطني أنتربول الرباط',
  'بعملية التوقيف عن طريق المكتب المركزي الوطني',
  // A video seen online, which the police answered (the DGSN's communiqués on viral videos).
  'تفاعلت مصالح المديرية العامة للأمن الوطني بسرعة وجدية مع',
  'تفاعلت مصالح الأمن الوطني بسرعة وجدية مع',
  'مع شريط فيديو منشور على مواقع التواصل الاجتماعي',
  'مع مقطع فيديو منشور على مواقع التواصل الاجتماعي',
  'فتحت مصالح ولاية أمن',
  'بحثا قضائيا تحت إشراف النيابة العامة المختصة',
  // The inquiry's findings.
  'وقد مكنت الأبحاث والتحريات المنجزة',
  'وقد مكنت الأبحاث والتحريات المنجزة في هذه القضية من تحديد هوية المشتبه فيه',
  'وقد أظهرت الأبحاث والتحريات المنجزة أن',
  'أن المعني بالأمر يبلغ من العمر',
  'بينما تتواصل الأبحاث والتحريات',
  'بينما تتواصل الأبحاث والتحريات لتوقيف باقي المتورطين المحتملين في هذه القضية',
  'لتوقيف باقي المتورطين المحتملين',
  // The search and the seizure.
  'وقد أسفرت عملية التفتيش المنجزة عن حجز',
  'وقد أسفرت عمليات التفتيش المنجزة عن حجز',
  'أسفرت عملية التفتيش المنجزة بمنزل المشتبه فيه عن حجز',
  'أسفرت عملية التفتيش المنجزة بمنزله عن حجز',
  'يشتبه في كونه من متحصلات هذا النشاط الإجرامي',
  'يشتبه في كونها من متحصلات هذا النشاط الإجرامي',
  'يشتبه في كونها من متحصلات هذه الأنشطة الإجرامية',
  // Custody, prosecution and what the inquiry is for.
  'وقد تم إخضاع المشتبه فيه',
  'وقد تم إخضاع المشتبه فيهما',
  'وقد تم إخضاع المشتبه فيهم',
  'وقد تم الاحتفاظ بالمشتبه فيه',
  'وقد تم الاحتفاظ بالمشتبه فيهما',
  'وقد تم الاحتفاظ بالمشتبه فيهم',
  'وقد تم إيداع المشتبه فيه تحت تدبير الحراسة النظرية',
  'وقد تم إيداع المشتبه فيهما تحت تدبير الحراسة النظرية',
  'وقد تم إيداع المشتبه فيهم تحت تدبير الحراسة النظرية',
  'قبل أن يتم إخضاعه لتدبير الحراسة النظرية',
  'قبل أن يتم الاحتفاظ به تحت تدبير الحراسة النظرية',
  'وقد جرى إخضاع المشتبه فيه',
  'وقد جرى إخضاع المشتبه فيهما',
  'وقد جرى إخضاع المشتبه فيهم',
  'تحت تدبير الحراسة النظرية',
  'لتدبير الحراسة النظرية رهن إشارة البحث القضائي',
  'تحت تدبير الحراسة النظرية رهن إشارة البحث القضائي',
  'رهن إشارة البحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة',
  'رهن إشارة البحث القضائي الذي تشرف عليه النيابة العامة المختصة',
  'للبحث القضائي الذي يجري تحت إشراف النيابة العامة المختصة',
  'للبحث القضائي الذي تشرف عليه النيابة العامة المختصة',
  'بتعليمات من النيابة العامة المختصة',
  'وذلك للكشف عن جميع ظروف وملابسات هذه القضية',
  'وذلك للكشف عن كافة ظروف وملابسات هذه القضية',
  'وذلك للكشف عن ظروف وملابسات هذه القضية',
  'وذلك للكشف عن جميع ظروف وملابسات هذه القضية وتحديد',
  'وتحديد باقي الأفعال الإجرامية المنسوبة إليه',
  'وتحديد باقي الأفعال الإجرامية المنسوبة إليهما',
  'وتحديد باقي الأفعال الإجرامية المنسوبة إليهم',
  'وتوقيف باقي المتورطين المحتملين',
  'وتوقيف جميع المتورطين المحتملين',
  'وكذا تحديد جميع الامتدادات المحتملة لهذا النشاط الإجرامي',
  'الامتدادات المحتملة لهذا النشاط الإجرامي',
  'وذلك للكشف عن الامتدادات المحتملة',
  // The same, as Egyptian and Gulf police statements word it.
  'وبمواجهته اعترف بارتكاب الواقعة',
  'وبمواجهتهم اعترفوا بارتكاب الواقعة',
  'تم تحرير المحضر اللازم',
  'وتحرر المحضر اللازم وتولت النيابة العامة التحقيق',
  'وتولت النيابة العامة التحقيق',
  'وجرى إيقافه واتخاذ الإجراءات النظامية بحقه',
  'وجرى إيقافهم واتخاذ الإجراءات النظامية بحقهم',
  'وإحالته إلى النيابة العامة',
  'وإحالتهم إلى النيابة العامة',
  // The Director General's title, which every item on him writes out in full.
  'المدير العام للأمن الوطني ولمراقبة التراب الوطني',
  'المدير العام للأمن الوطني ومراقبة التراب الوطني',
  'directeur général de la sûreté nationale et de la surveillance du territoire',
  'Director General of National Security and Territorial Surveillance',
  // His meetings, as the agency's wire reports each visitor he receives: two visits, one formula.
  'سبل تعزيز التعاون الأمني الثنائي',
  'تعزيز التعاون الأمني الثنائي بين البلدين',
  'آفاق تعزيز التعاون الأمني',
  'بمقر المديرية العامة للأمن الوطني بالرباط',
  'Abdellatif Hammouchi, a reçu',
  'استقبل المدير العام للأمن الوطني',
  'ولمراقبة التراب الوطني عبد اللطيف حموشي',
  'وتباحث معه سبل تعزيز التعاون',
  'avec qui il a examiné les moyens de renforcer',
  'les moyens de renforcer la coopération sécuritaire',
  'renforcer la coopération sécuritaire bilatérale',
  'au siège de la DGSN à Rabat',
  'ways of strengthening bilateral security cooperation',
  'to strengthen bilateral security cooperation',
  // The French wire's words for an arrest, as the Arabic ones above.
  "ont procédé à l'interpellation de",
  "a procédé à l'interpellation de",
  "soupçonné d'implication dans une affaire de",
  "soupçonnés d'implication dans une affaire de",
  "soupçonnée d'implication dans une affaire de",
  "placé en garde à vue à la disposition de l'enquête",
  "placés en garde à vue à la disposition de l'enquête",
  "placée en garde à vue à la disposition de l'enquête",
  'menée sous la supervision du parquet compétent',
  'afin de déterminer les ramifications',
  'selon un communiqué de la Direction générale de la sûreté nationale',
  "sur la base d'informations précises fournies par la Direction générale de la surveillance du territoire",
  // Attribution.
  'حسب بلاغ للمديرية العامة للأمن الوطني',
  'حسب ما أفاد به بلاغ للمديرية العامة للأمن الوطني',
  'أفاد بلاغ للمديرية العامة للأمن الوطني',
  'وكالة المغرب العربي للأنباء',
  'وأضاف المصدر ذاته أن',
  'وأضاف المصدر نفسه أن',
  'وأوضح المصدر ذاته أن',
  'وأشار المصدر ذاته إلى أن',
  'وأشار المصدر نفسه إلى أن',
  'وتجدر الإشارة إلى أن',
];

let formulas: ShingleSet | undefined;

/**
 * 1 for each word of a text (its shingles in order) that a news formula holds: every formula has at
 * least SHINGLE_SIZE words, so each of its words is inside one of its shingles. Undefined when none.
 */
export function formulaWords(sequence: Uint32Array): Uint8Array | undefined {
  const known = formulaShingles();
  let words: Uint8Array | undefined;
  for (let p = 0; p < sequence.length; p++) {
    if (known.has(sequence[p]!)) (words ??= new Uint8Array(sequence.length + SHINGLE_SIZE - 1)).fill(1, p, p + SHINGLE_SIZE);
  }
  return words;
}

/** The shingles of NEWS_FORMULAS (built on first use). */
export function formulaShingles(): ShingleSet {
  return (formulas ??= new ShingleSet(NEWS_FORMULAS.flatMap((phrase) => formulaShinglesOf(phrase))));
}

function formulaShinglesOf(phrase: string): number[] {
  const { hashes } = tokenizeWithOffsets(phrase);
  if (hashes.length < SHINGLE_SIZE) throw new Error(`news formula "${phrase}" has fewer than ${SHINGLE_SIZE} words`);
  return [...shingleSequence(hashes)];
}
