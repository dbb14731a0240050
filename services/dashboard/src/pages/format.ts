import { passage, type Passage } from '@marsad/text';
import { markedExcerpt } from '@marsad/service-alerter';
import { html, SafeHtml } from './html.js';

/** How the pages show languages, directions and times. */

/**
 * The BCP 47 tag a browser knows for an ISO 639-3 code, as franc and the store give it: ICU's canonical
 * form, which writes a language with a two-letter code by it (ukr is uk, cmn zh); Darija as Arabic,
 * whose fonts and shaping it takes; a code ICU cannot read as it is.
 */
function bcp47(language: string): string {
  if (language === 'ary') return 'ar';
  try {
    return Intl.getCanonicalLocales(language)[0] ?? language;
  } catch {
    return language;
  }
}
/** Language names in the pages' Arabic, from ICU; none where ICU has none (it would give the code back). */
const LANGUAGE_NAMES = new Intl.DisplayNames('ar', { type: 'language', fallback: 'none' });
/** What ICU does not name, or names for another purpose ("und" is its root locale). */
const OWN_LANGUAGE_NAMES: Record<string, string> = { und: 'غير محددة', ary: 'الدارجة' };

/** A language's name as the newsroom shows it ("الفرنسية" for fra), else its code. */
export function languageName(language: string): string {
  const own = OWN_LANGUAGE_NAMES[language];
  if (own) return own;
  try {
    return LANGUAGE_NAMES.of(bcp47(language)) ?? language;
  } catch {
    return language; // not a language tag at all
  }
}

/** Languages written right to left (ISO 639-3). */
const RIGHT_TO_LEFT = new Set(['arb', 'ary', 'arz', 'apc', 'pes', 'prs', 'urd', 'heb', 'yid', 'pus', 'pbu', 'ckb', 'snd', 'uig', 'div']);

export interface TextDirection {
  lang: string;
  dir: 'rtl' | 'ltr' | 'auto';
}

/** The `lang` and `dir` attributes of a text in `language`; an undetermined language lets the browser decide. */
export function directionOf(language: string): TextDirection {
  if (language === 'und') return { lang: 'und', dir: 'auto' };
  return { lang: bcp47(language), dir: RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr' };
}

/** "٢٢ نوفمبر ٢٠٢٦، ١٠:٣٠" in Latin digits, in the configured time zone. */
export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('ar-MA-u-nu-latn', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

const inUnit = (unit: 'second' | 'minute' | 'hour' | 'day') => new Intl.NumberFormat('ar-MA-u-nu-latn', { style: 'unit', unit, unitDisplay: 'long' });
const SECONDS = inUnit('second');
const MINUTES = inUnit('minute');
const HOURS = inUnit('hour');
const DAYS = inUnit('day');
const AND = new Intl.ListFormat('ar', { type: 'conjunction' });

/**
 * "3 ساعات و10 دقائق" after a story's first sighting, in the pages' Arabic, whose dual and plurals
 * ICU knows (ساعتان، دقيقة).
 */
export function formatDelay(seconds: number): string {
  if (seconds < 60) return SECONDS.format(seconds);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return MINUTES.format(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? AND.format([HOURS.format(hours), MINUTES.format(minutes % 60)]) : HOURS.format(hours);
  return DAYS.format(Math.round(hours / 24));
}

/** The instant a calendar day (YYYY-MM-DD) starts in `timeZone`. */
export function startOfDay(day: string, timeZone: string): Date {
  const utcMidnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(utcMidnight - offsetMs(new Date(utcMidnight), timeZone));
}

/** How far `timeZone` is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return local - at.getTime();
}

/** The first `length` characters of a text, cut at a word. */
export function excerpt(text: string, length = 280): string {
  return passage(text, [], length).text;
}

/** A passage (shared/text's `passage`) with its marks in `tag`, everything else escaped (the alerts' markedExcerpt). */
export const markedHtml = (passage: Passage, tag: 'mark' | 'del' | 'ins' = 'mark'): SafeHtml => new SafeHtml(markedExcerpt(passage, tag));

/** A time for operators' pages, in UTC as the logs write it: "2026-11-21 10:00 UTC", or a dash for none. */
export const utcTime = (iso: string | null): SafeHtml | string => (iso ? html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>` : '—');
