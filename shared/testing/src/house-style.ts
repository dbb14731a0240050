/**
 * Weather bulletins in one house style: a lead whose set phrases every bulletin shares, the details
 * of one, a closing they all share. Nine of them make the set phrases boilerplate to a copy index.
 */
export function weatherBulletin(from: number, to: number, day: string, region: string, hazard = 'تساقطات ثلجية', details?: string): string[] {
  return [
    `أصدرت المديرية العامة للأرصاد الجوية نشرة إنذارية من مستوى اليقظة البرتقالي تتوقع فيها ${hazard} يتراوح سمكها بين ${from} و${to} سنتيمترا، يوم ${day}، بعدد من أقاليم ${region}.`,
    ...(details ? [details] : []),
    'ودعت المديرية مستعملي الطرق إلى توخي الحيطة والحذر واتباع تعليمات السلطات المحلية، وتفادي التنقل غير الضروري خلال فترة سريان هذه النشرة الإنذارية.',
  ];
}

/** Nine bulletins for nine regions, each with its own depths and day. */
export function earlierBulletins(): string[] {
  const regions = ['الريف', 'الشرق', 'سوس', 'الحوز', 'تازة', 'إفران', 'ميدلت', 'أزيلال', 'خنيفرة'];
  const days = ['الإثنين', 'الثلاثاء', 'الأحد', 'الخميس', 'الجمعة', 'السبت', 'الإثنين', 'الثلاثاء', 'الأحد'];
  return regions.map((region, i) => weatherBulletin(5 + i * 5, 30 + i * 5, days[i]!, region).join('\n'));
}

/** A bulletin's own hazard and details: most of its words besides the set phrases. */
export const ATLAS_HAZARD = 'تساقطات ثلجية كثيفة مصحوبة بموجة برد قارس ستشمل المناطق الجبلية التي يفوق علوها 1200 متر';
export const ATLAS_DETAILS =
  'وتهم هذه التساقطات أقاليم إفران وبولمان وصفرو وميدلت وخنيفرة، مع هبات رياح قوية قد تصل سرعتها إلى 75 كيلومترا في الساعة، ونزول درجات الحرارة إلى ما دون الصفر ليلا. ' +
  'كما يرتقب أن تعرف السهول المجاورة زخات مطرية رعدية قوية.';

/**
 * A pickup of the Atlas bulletin (ATLAS_HAZARD, ATLAS_DETAILS, 20–40 cm, Wednesday) that keeps its set
 * phrases and figures and rewords its own words: about 60% of all its words, a third of its own.
 */
export function rewordedAtlasPickup(): string {
  const [lead, closing] = weatherBulletin(20, 40, 'الأربعاء', 'الأطلس المتوسط', 'ثلوجا كثيفة ترافقها موجة برد شديدة في المرتفعات التي يتجاوز علوها 1200 متر');
  const details =
    'وتشمل هذه الثلوج أقاليم إفران وبولمان وصفرو وميدلت وخنيفرة، إلى جانب رياح عاتية قد تبلغ سرعتها 75 كيلومترا في الساعة، وانخفاض الحرارة تحت الصفر خلال الليل. ' +
    'كما ينتظر أن تشهد السهول القريبة أمطارا رعدية غزيرة.';
  return [lead, details, closing].join('\n');
}
