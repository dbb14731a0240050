import { DateTime, FixedOffsetZone } from 'luxon';

export interface NewsDateOptions {
  /** IANA zone of times written without one (a page shows its readers' local time). @defaultValue 'UTC' */
  timeZone?: string;
  /** The moment "3 hours ago" counts back from. @defaultValue now */
  now?: Date;
}

/** Later than any date a site writes: the "now" that leaves a day alone at its end (see modificationDate). */
const END_OF_TIME = new Date(Date.UTC(9999, 11, 31));

/**
 * A date of modification as a listing writes it (a sitemap's lastmod, an Atom entry's updated), read
 * the same at every poll, to tell whether it moved on: a day alone is its end even while that is to
 * come, where isoDate gives the moment it is read, which would move at every poll.
 */
export function modificationDate(value: unknown, timeZone?: string): string | undefined {
  return isoDate(value, { now: END_OF_TIME, ...(timeZone && { timeZone }) }) ?? undefined;
}

/**
 * Publication dates as news sites write them, read into ISO 8601 (UTC), or null when the text is no
 * date. Feeds mostly write RFC 822 or ISO 8601; listing and article pages write what their readers
 * read: "06/12/2026" (day first, as in every Arabic- and French-speaking country, never the US
 * month first that `Date.parse` assumes), "6 دجنبر 2026" (Morocco's month names), "6 كانون الأول 2026"
 * (the Levant's), "6 جوان 2026" (Algeria's and Tunisia's), "6 décembre 2026", "منذ 3 ساعات", "il y a
 * 2 heures". Hand-written: date libraries (chrono, Luxon's and date-fns' format parsers) know
 * neither these month names nor a source's format in advance; Luxon does the zone arithmetic.
 */
export function isoDate(value: unknown, options: NewsDateOptions = {}): string | null {
  if (typeof value !== 'string') return null;
  const text = normalise(value);
  if (!text || text.length > 200) return null;
  const reading: Reading = { zone: options.timeZone ?? 'UTC', now: options.now ?? new Date() };
  const parsed =
    fromIso(text, reading) ??
    fromRfc2822(value) ??
    fromRelative(text, reading.now) ??
    fromDayWord(text, reading) ??
    fromWords(text, reading) ??
    fromNumbers(text, reading);
  return parsed?.isValid ? parsed.toUTC().toISO() : null;
}

interface Reading {
  /** Of times written without one. */
  zone: string;
  now: Date;
}

/** Western digits, no bidi marks or Arabic diacritics and tatweel, one alef, Latin in lower case without accents. */
function normalise(value: string): string {
  // Decomposed, hamza and madda are marks on a bare alef, and accents marks on Latin letters: all go.
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064B-\u065F\u0670\u0640\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function fromIso(text: string, reading: Reading): DateTime | undefined {
  if (!ISO.test(text)) return undefined;
  if (text.length === 10) return at(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)), undefined, reading);
  return DateTime.fromISO(text.replace(' ', 'T').toUpperCase(), { zone: reading.zone });
}

function fromRfc2822(value: string): DateTime | undefined {
  const parsed = DateTime.fromRFC2822(value.trim().replace(/\s+/g, ' '));
  return parsed.isValid ? parsed : undefined;
}

const UNIT_MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 } as const;
type Unit = keyof typeof UNIT_MS;

/** Arabic units, singular, plural and dual (the dual says two by itself: منذ ساعتين). */
const ARABIC_UNITS: Record<string, [Unit, number]> = normalisedKeys({
  ثانيه: ['second', 1], ثوان: ['second', 1], ثواني: ['second', 1], ثانيتين: ['second', 2],
  دقيقه: ['minute', 1], دقائق: ['minute', 1], دقيقتين: ['minute', 2],
  ساعه: ['hour', 1], ساعات: ['hour', 1], ساعتين: ['hour', 2],
  يوم: ['day', 1], ايام: ['day', 1], يومين: ['day', 2],
  اسبوع: ['week', 1], اسابيع: ['week', 1], اسبوعين: ['week', 2],
});
const LATIN_UNITS: Record<string, Unit> = {
  second: 'second', seconde: 'second', sec: 'second', minute: 'minute', min: 'minute', mn: 'minute',
  hour: 'hour', heure: 'hour', h: 'hour', day: 'day', jour: 'day', week: 'week', semaine: 'week',
};

/** "منذ 3 ساعات", "قبل ساعتين", "il y a 2 heures", "5 minutes ago": counted back from `now`. */
function fromRelative(text: string, now: Date): DateTime | undefined {
  const arabic = /^(?:منذ|قبل) (?:(\d+) )?(\S+)$/.exec(text);
  if (arabic) {
    const unit = ARABIC_UNITS[arabic[2]!];
    if (!unit) return undefined;
    const count = arabic[1] ? Number(arabic[1]) : unit[1];
    return DateTime.fromMillis(now.getTime() - count * UNIT_MS[unit[0]]);
  }
  const latin = /^(?:il y a (\d+|une?) (\S+?)s?|(\d+|an?|one) (\S+?)s? ago)$/.exec(text);
  if (!latin) return undefined;
  const unit = LATIN_UNITS[latin[2] ?? latin[4]!];
  if (!unit) return undefined;
  const written = latin[1] ?? latin[3]!;
  const count = /^\d+$/.test(written) ? Number(written) : 1;
  return DateTime.fromMillis(now.getTime() - count * UNIT_MS[unit]);
}

/** Days named by a word, as listings write their newest items: how many days back each is. */
const DAY_WORDS: Record<string, number> = normalisedKeys({ اليوم: 0, today: 0, "aujourd'hui": 0, hoy: 0, أمس: 1, البارحة: 1, yesterday: 1, hier: 1, ayer: 1 });

/** Words between a day word and its time: "اليوم على الساعة 10:30", "aujourd'hui à 10h30". */
const AROUND_A_TIME = new Set(['à', 'at', 'las', 'على', 'الساعة', 'في'].map(normalise));

/** "اليوم 10:30"، "أمس"، "Aujourd'hui à 10h30", "yesterday, 9:15 pm": that day in the source's zone, at the time given or midnight. */
function fromDayWord(text: string, reading: Reading): DateTime | undefined {
  const { time, rest } = takeTime(text.replace(/[’‘`]/g, "'"));
  const words = rest.split(/[\s,،\-|]+/).filter((word) => word && !AROUND_A_TIME.has(word));
  if (words.length !== 1 || DAY_WORDS[words[0]!] === undefined) return undefined;
  const day = DateTime.fromJSDate(reading.now, { zone: reading.zone }).minus({ days: DAY_WORDS[words[0]!] });
  return at(day.year, day.month, day.day, time, reading);
}

/** Month names, normalised as `normalise` writes them: Arabic of the Maghreb, Egypt and the Gulf, Algeria and Tunisia; French, English, Spanish. */
const MONTHS: Record<string, number> = normalisedKeys(Object.fromEntries(
  [
    ['يناير', 'جانفي', 'janvier', 'janv', 'january', 'jan', 'enero', 'ene'],
    ['فبراير', 'فيفري', 'février', 'févr', 'fév', 'february', 'feb', 'febrero'],
    ['مارس', 'mars', 'march', 'mar', 'marzo'],
    ['أبريل', 'إبريل', 'أفريل', 'avril', 'avr', 'april', 'apr', 'abril', 'abr'],
    ['ماي', 'مايو', 'mai', 'may', 'mayo'],
    ['يونيو', 'يونيه', 'جوان', 'juin', 'june', 'jun', 'junio'],
    ['يوليوز', 'يوليو', 'يوليه', 'جويلية', 'juillet', 'juil', 'july', 'jul', 'julio'],
    ['غشت', 'أغسطس', 'أوت', 'août', 'august', 'aug', 'agosto', 'ago'],
    ['شتنبر', 'سبتمبر', 'septembre', 'sept', 'september', 'sep', 'septiembre', 'setiembre'],
    ['أكتوبر', 'octobre', 'oct', 'october', 'octubre'],
    ['نونبر', 'نوفمبر', 'novembre', 'nov', 'november', 'noviembre'],
    ['دجنبر', 'ديسمبر', 'décembre', 'déc', 'dec', 'december', 'diciembre', 'dic'],
  ].flatMap((names, i) => names.map((name) => [name, i + 1])),
));
/** The Levant's and Iraq's names, some of two words. */
const LEVANT_MONTHS: Record<string, number> = normalisedKeys({
  'كانون الثاني': 1, شباط: 2, آذار: 3, نيسان: 4, أيار: 5, حزيران: 6, تموز: 7, آب: 8, أيلول: 9, 'تشرين الأول': 10, 'تشرين الثاني': 11, 'كانون الأول': 12,
});

/** The words as the text is written once normalised (دقائق has a hamza that normalising takes away). */
function normalisedKeys<T>(words: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(words).map(([word, value]) => [normalise(word), value]));
}

const TIME = /(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:\s*(am|pm|a\.m\.|p\.m\.|صباحا|مساء|مساءا|ص|م)(?![\p{L}]))?(?:\s*(?:(z|gmt|utc)\s*)?([+-]\d{1,2}(?::?\d{2})?)?)?/u;

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  /** An offset the text gives (GMT, +01:00), else undefined: the source's zone. */
  zone?: FixedOffsetZone;
}

/** The time of day in the text (undefined when it gives none), and the text without it. */
function takeTime(text: string): { time: TimeOfDay | undefined; rest: string } {
  const match = TIME.exec(text);
  if (!match) return { time: undefined, rest: text };
  const [whole, h, m, s, meridiem, designator, offset] = match;
  let hour = Number(h);
  if (meridiem && /^(pm|p\.m\.|مساء|مساءا|م)$/.test(meridiem) && hour < 12) hour += 12;
  if (meridiem && /^(am|a\.m\.|صباحا|ص)$/.test(meridiem) && hour === 12) hour = 0;
  const zone = offset ? offsetZone(offset) : designator ? FixedOffsetZone.utcInstance : undefined;
  const rest = text.slice(0, match.index) + ' ' + text.slice(match.index + whole.length);
  return { time: { hour, minute: Number(m), second: Number(s ?? 0), ...(zone && { zone }) }, rest };
}

function offsetZone(offset: string): FixedOffsetZone {
  const [, sign, hours, minutes] = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(offset)!;
  return FixedOffsetZone.instance((sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0)));
}

/**
 * That day at that time; a day written without a time at its end (or now, if that is sooner): it was
 * published no later than that. At midnight it would read as earlier than every article of the day
 * with a time, and take the place of the story's original from the one published first.
 */
function at(year: number, month: number, day: number, time: TimeOfDay | undefined, reading: Reading): DateTime {
  if (!time) {
    const date = DateTime.fromObject({ year, month, day }, { zone: reading.zone });
    return date.isValid ? DateTime.min(date.endOf('day').startOf('second'), DateTime.fromJSDate(reading.now)) : date;
  }
  return DateTime.fromObject({ year, month, day, hour: time.hour, minute: time.minute, second: time.second }, { zone: time.zone ?? reading.zone });
}

/** Words between a day, its month and its year: "6 de diciembre de 2026", "the 6th of December". */
const LINKING_WORDS = new Set(['de', 'del', 'of']);

/**
 * A month by its name, with a day and a year beside it: "6 دجنبر 2026"، "الأحد 6 كانون الأول 2026 -
 * 10:30"، "mar. 6 déc. 2026", and English's "December 6, 2026". The day before the month is tried
 * first, everywhere: French writes Tuesday "mar.", which is also March.
 */
function fromWords(text: string, reading: Reading): DateTime | undefined {
  const { time, rest } = takeTime(text);
  const words = rest.split(/[\s,،.\-/|()]+/).filter((word) => word && !LINKING_WORDS.has(word));
  for (const dayFirst of [true, false]) {
    for (let i = 0; i < words.length; i++) {
      const two = `${words[i]} ${words[i + 1] ?? ''}`;
      const month = LEVANT_MONTHS[two] ?? MONTHS[words[i]!] ?? LEVANT_MONTHS[words[i]!];
      if (month === undefined) continue;
      const after = LEVANT_MONTHS[two] ? i + 2 : i + 1;
      const day = dayNumber(dayFirst ? words[i - 1] : words[after]);
      if (day === undefined) continue;
      // The year follows, perhaps after the other calendar's name of the month (ديسمبر/كانون الأول).
      const yearAt = dayFirst ? after : after + 1;
      const year = [0, 1, 2].map((k) => yearNumber(words[yearAt + k])).find((y) => y !== undefined);
      if (year !== undefined) return at(year, month, day, time, reading);
    }
  }
  return undefined;
}

/** All digits: "06/12/2026"، "6.12.26 10:30" (day first), "2026/12/06" (year first). */
function fromNumbers(text: string, reading: Reading): DateTime | undefined {
  const { time, rest } = takeTime(text);
  const dayFirst = /(?:^|[^\d])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d])/.exec(rest);
  if (dayFirst) return at(fullYear(Number(dayFirst[3])), Number(dayFirst[2]), Number(dayFirst[1]), time, reading);
  const yearFirst = /(?:^|[^\d])(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?![\d])/.exec(rest);
  if (yearFirst) return at(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]), time, reading);
  return undefined;
}

function dayNumber(word: string | undefined): number | undefined {
  if (!word || !/^\d{1,2}(?:er|st|nd|rd|th)?$/.test(word)) return undefined;
  const day = parseInt(word, 10);
  return day >= 1 && day <= 31 ? day : undefined;
}

function yearNumber(word: string | undefined): number | undefined {
  // 2026م: the Gregorian year marked as such beside a Hijri date.
  return word && /^(19|20)\d{2}م?$/.test(word) ? parseInt(word, 10) : undefined;
}

function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}
