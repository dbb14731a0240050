/**
 * The words alerts, digests and Atom feeds are written in around the items, which keep their own
 * language: Arabic for the communications teams Marsad is for (`alerts.language`), French, or English.
 */
export interface Wording {
  /** The language tag of the parts written here; Arabic ones run right to left. */
  lang: 'ar' | 'en' | 'fr';
  noTag: string;
  /** Said of a revision: an item stored before, whose source has since completed its text. */
  revised: string;
  /** A reference article copied, by its title and id; `percent` the share reproduced. */
  copyOfReference(title: string, id: string, percent: string | undefined): string;
  copyOfItem(id: string, percent: string | undefined): string;
  /** Before the reasons a rule matched, its colon included (French puts a space before it). */
  why: string;
  /** Between two reasons. */
  semicolon: string;
  signature(rule: string): string;
  /** Before the link to the story's page: the article and every copy found. */
  storyPage: string;
  /** The link to a copy beside what it copies. */
  comparePage: string;
  /** A chat card's button to the article itself. */
  openArticle: string;
  tagReason(tag: string, words: readonly string[]): string;
  sourceReason(sourceId: string): string;
  arabicReason(arabic: boolean): string;
  queryReason(query: string, words: readonly string[]): string;
  /** A rule on copies of reference articles: which one this item copies, and how much of it. */
  referenceReason(id: string, percent: string | undefined): string;
  storiesSince(since: string, rule: string): string;
  alsoPublishedBy: string;
  newPickups: string;
  story(id: string): string;
  nothingNew: string;
  /** The last line of a digest cut to one chat message. */
  digestCut: string;
  digestSubject(rule: string, stories: number, day: string): string;
  /** "(+60 min, 88%)": how long after the first sighting, and how faithfully. */
  pickup(minutes: number, percent: string | undefined): string;
}

const quoted = (words: readonly string[], comma: string) => words.map((w) => `«${w}»`).join(comma);
/** +60, or -5 for a copy seen before the story's first sighting. */
const signed = (minutes: number) => `${minutes >= 0 ? '+' : ''}${minutes}`;

export const ENGLISH: Wording = {
  lang: 'en',
  noTag: 'no tag',
  revised: 'text completed since first seen',
  copyOfReference: (title, id, percent) => `copy of «${title}» (reference ${id}${percent ? `, ${percent}` : ''})`,
  copyOfItem: (id, percent) => `copy of item ${id}${percent ? ` (${percent})` : ''}`,
  why: 'Why:',
  semicolon: '; ',
  signature: (rule) => `-- Marsad, rule "${rule}"`,
  storyPage: 'The story and its copies',
  comparePage: 'What the copy changed',
  openArticle: 'Open the article',
  tagReason: (tag, words) => (words.length ? `tag ${tag}: ${quoted(words, ', ')}` : `tag ${tag}`),
  sourceReason: (sourceId) => `source ${sourceId}`,
  arabicReason: (arabic) => (arabic ? 'in Arabic' : 'not in Arabic'),
  queryReason: (query, words) => `query ${query}: ${quoted(words, ', ')}`,
  referenceReason: (id, percent) => `copies reference ${id}${percent ? ` (${percent})` : ''}`,
  storiesSince: (since, rule) => `Stories since ${since} (rule "${rule}")`,
  alsoPublishedBy: 'also published by',
  newPickups: 'New pickups of earlier stories:',
  story: (id) => `story ${id}`,
  nothingNew: 'Nothing new.',
  digestCut: '… (the rest in the e-mail digest and on the dashboard)',
  digestSubject: (rule, stories, day) => `[Marsad ${rule}] ${stories} new stor${stories === 1 ? 'y' : 'ies'}, ${day}`,
  pickup: (minutes, percent) => `(${signed(minutes)} min${percent ? `, ${percent}` : ''})`,
};

const arabicPlural = new Intl.PluralRules('ar');
/** "قصة جديدة واحدة", "قصتان جديدتان", "3 قصص جديدة", "11 قصة جديدة": Arabic counts by its plural rules. */
function newStories(n: number): string {
  switch (arabicPlural.select(n)) {
    case 'zero':
      return 'لا قصص جديدة';
    case 'one':
      return 'قصة جديدة واحدة';
    case 'two':
      return 'قصتان جديدتان';
    case 'few':
      return `${n} قصص جديدة`;
    default:
      return `${n} قصة جديدة`;
  }
}

export const ARABIC: Wording = {
  lang: 'ar',
  noTag: 'بلا وسم',
  revised: 'نصه محدَّث بعد نشره',
  copyOfReference: (title, id, percent) => `نسخة من «${title}» (المقال المرجعي ${id}${percent ? `، ${percent}` : ''})`,
  copyOfItem: (id, percent) => `نسخة من الخبر ${id}${percent ? ` (${percent})` : ''}`,
  why: 'السبب:',
  semicolon: '؛ ',
  signature: (rule) => `-- مرصد، القاعدة «${rule}»`,
  storyPage: 'القصة وكل نسخها',
  comparePage: 'ما غيّرته النسخة',
  openArticle: 'فتح المقال',
  tagReason: (tag, words) => (words.length ? `الوسم ${tag}: ${quoted(words, '، ')}` : `الوسم ${tag}`),
  sourceReason: (sourceId) => `المصدر ${sourceId}`,
  arabicReason: (arabic) => (arabic ? 'بالعربية' : 'بغير العربية'),
  queryReason: (query, words) => `البحث ${query}: ${quoted(words, '، ')}`,
  referenceReason: (id, percent) => `ينقل المقال المرجعي ${id}${percent ? ` (${percent})` : ''}`,
  storiesSince: (since, rule) => `القصص منذ ${since} (القاعدة «${rule}»)`,
  alsoPublishedBy: 'نشرها أيضا',
  newPickups: 'نسخ جديدة لقصص سابقة:',
  story: (id) => `القصة ${id}`,
  nothingNew: 'لا جديد.',
  digestCut: '… (البقية في ملخص البريد الإلكتروني وعلى لوحة المتابعة)',
  digestSubject: (rule, stories, day) => `[Marsad ${rule}] ${newStories(stories)}، ${day}`,
  pickup: (minutes, percent) => `(${signed(minutes)} د${percent ? `، ${percent}` : ''})`,
};

export const FRENCH: Wording = {
  lang: 'fr',
  noTag: 'sans étiquette',
  revised: 'texte complété depuis sa première lecture',
  copyOfReference: (title, id, percent) => `copie de « ${title} » (article de référence ${id}${percent ? `, ${percent}` : ''})`,
  copyOfItem: (id, percent) => `copie de l'article ${id}${percent ? ` (${percent})` : ''}`,
  why: 'Pourquoi :',
  semicolon: ' ; ',
  signature: (rule) => `-- Marsad, règle « ${rule} »`,
  storyPage: "L'histoire et toutes ses copies",
  comparePage: 'Ce que la copie a changé',
  openArticle: "Lire l'article",
  tagReason: (tag, words) => (words.length ? `étiquette ${tag} : ${quoted(words, ', ')}` : `étiquette ${tag}`),
  sourceReason: (sourceId) => `source ${sourceId}`,
  arabicReason: (arabic) => (arabic ? 'en arabe' : 'pas en arabe'),
  queryReason: (query, words) => `recherche ${query} : ${quoted(words, ', ')}`,
  referenceReason: (id, percent) => `reprend l'article de référence ${id}${percent ? ` (${percent})` : ''}`,
  storiesSince: (since, rule) => `Histoires depuis le ${since} (règle « ${rule} »)`,
  alsoPublishedBy: 'repris par',
  newPickups: 'Nouvelles reprises d’histoires précédentes :',
  story: (id) => `histoire ${id}`,
  nothingNew: 'Rien de nouveau.',
  digestCut: '… (la suite dans le résumé par e-mail et sur le tableau de bord)',
  digestSubject: (rule, stories, day) => `[Marsad ${rule}] ${stories} nouvelle${stories > 1 ? 's' : ''} histoire${stories > 1 ? 's' : ''}, ${day}`,
  pickup: (minutes, percent) => `(${signed(minutes)} min${percent ? `, ${percent}` : ''})`,
};

export const WORDINGS: Record<Wording['lang'], Wording> = { ar: ARABIC, en: ENGLISH, fr: FRENCH };
