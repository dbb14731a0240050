import { describe, expect, it } from 'vitest';
import { isoDate, modificationDate } from './news-date.js';

const now = new Date('2026-12-06T12:00:00Z');

describe('isoDate', () => {
  it.each([
    // What feeds write.
    ['Sun, 06 Dec 2026 10:30:00 +0100', '2026-12-06T09:30:00.000Z'],
    ['Sun, 6 Dec 2026 10:30:00 GMT', '2026-12-06T10:30:00.000Z'],
    ['Mon, 06 Dec 2026 10:30:00 GMT', '2026-12-06T10:30:00.000Z'], // the wrong weekday
    ['Sun, 06 Dec 2026 10:30:00 +01:00', '2026-12-06T09:30:00.000Z'],
    ['2026-12-06T10:30:00Z', '2026-12-06T10:30:00.000Z'],
    ['2026-12-06T10:30:00.123456+01:00', '2026-12-06T09:30:00.123Z'],
    ['2026-12-06T10:30:00+0100', '2026-12-06T09:30:00.000Z'],
    ['2026-12-06 10:30:00', '2026-12-06T10:30:00.000Z'],
    ['2026-12-05', '2026-12-05T23:59:59.000Z'], // a day without a time: its end (see the test below)
    ['Sun Dec 06 2026 10:30:00 GMT+0100 (Central European Standard Time)', '2026-12-06T09:30:00.000Z'],
    // What pages write: day first, never the US month first.
    ['05/12/2026', '2026-12-05T23:59:59.000Z'],
    ['06/12/2026 - 10:30', '2026-12-06T10:30:00.000Z'],
    ['6.12.26 10:30', '2026-12-06T10:30:00.000Z'],
    ['30-11-2026', '2026-11-30T23:59:59.000Z'],
    ['2026/12/06 10:30', '2026-12-06T10:30:00.000Z'],
    // Month names of the Maghreb, Egypt and the Gulf, Algeria and Tunisia, the Levant; Arabic-Indic digits.
    ['الأحد 6 دجنبر 2026 - 10:30', '2026-12-06T10:30:00.000Z'],
    ['٦ دجنبر ٢٠٢٦ - ١٠:٣٠', '2026-12-06T10:30:00.000Z'],
    ['الخميس، 4 يونيو 2026 10:30 مساءً', '2026-06-04T22:30:00.000Z'],
    ['5 جويلية 2026', '2026-07-05T23:59:59.000Z'],
    ['السبت 05 كانون الأول 2026', '2026-12-05T23:59:59.000Z'],
    ['5 ديسمبر/كانون الأول 2026', '2026-12-05T23:59:59.000Z'],
    ['15 آب 2026', '2026-08-15T23:59:59.000Z'],
    ['السبت 25 جمادى الآخرة 1448 هـ الموافق 5 ديسمبر 2026 م', '2026-12-05T23:59:59.000Z'],
    // French, English, Spanish.
    ['6 décembre 2026 à 10h30', '2026-12-06T10:30:00.000Z'],
    ['mar. 1 déc. 2026', '2026-12-01T23:59:59.000Z'], // mar. is Tuesday here, not March
    ['1er août 2026', '2026-08-01T23:59:59.000Z'],
    ['December 6th, 2026 3:45 PM', '2026-12-06T15:45:00.000Z'],
    ['5 de diciembre de 2026', '2026-12-05T23:59:59.000Z'],
    // Counted back from the fetch.
    ['منذ 3 ساعات', '2026-12-06T09:00:00.000Z'],
    ['منذ ساعتين', '2026-12-06T10:00:00.000Z'],
    ['قبل 5 دقائق', '2026-12-06T11:55:00.000Z'],
    ['منذ يوم', '2026-12-05T12:00:00.000Z'],
    ['il y a 2 jours', '2026-12-04T12:00:00.000Z'],
    ['an hour ago', '2026-12-06T11:00:00.000Z'],
    // Today and yesterday, as listings write their newest items.
    ['اليوم على الساعة 10:30', '2026-12-06T10:30:00.000Z'],
    ['أمس - 22:10', '2026-12-05T22:10:00.000Z'],
    ['Aujourd’hui à 10h30', '2026-12-06T10:30:00.000Z'],
    ['yesterday, 9:15 pm', '2026-12-05T21:15:00.000Z'],
    ['hier', '2026-12-05T23:59:59.000Z'],
  ])('reads %j', (written, expected) => {
    expect(isoDate(written, { now })).toBe(expected);
  });

  it.each(['', '2', '12:30', 'hello 2026', '30/02/2026', 'منشور قبل قليل', 'منذ قليل', '6 ديسمبر', 'today is the day', 'أخبار اليوم'])('reads no date in %j', (written) => {
    expect(isoDate(written, { now })).toBeNull();
  });

  it('reads no date from what is not text (a broken feed may give an element)', () => {
    expect(isoDate({ _: '2026-12-06' })).toBeNull();
    expect(isoDate(undefined)).toBeNull();
  });

  it('dates a day written without a time at its end, or now when that is sooner: no later than it was published', () => {
    // At midnight, a listing's "6 December" would read as earlier than every article of the day with a
    // time, and take the place of the story's original.
    expect(isoDate('06/12/2026', { now })).toBe(now.toISOString());
    expect(isoDate('6 ديسمبر 2026', { now: new Date('2026-12-07T08:00:00Z') })).toBe('2026-12-06T23:59:59.000Z');
    expect(isoDate('اليوم', { now })).toBe(now.toISOString());
    expect(isoDate('2026-12-06', { now: new Date('2026-12-07T08:00:00Z'), timeZone: 'Asia/Beirut' })).toBe('2026-12-06T21:59:59.000Z');
  });

  it("reads a time written without a zone in the source's zone, and one with a zone as written", () => {
    expect(isoDate('06/12/2026 10:30', { timeZone: 'Asia/Beirut' })).toBe('2026-12-06T08:30:00.000Z');
    expect(isoDate('2026-07-01 10:30:00', { timeZone: 'Asia/Beirut' })).toBe('2026-07-01T07:30:00.000Z'); // summer time
    expect(isoDate('2026-12-06T10:30:00Z', { timeZone: 'Asia/Beirut' })).toBe('2026-12-06T10:30:00.000Z');
    expect(isoDate('Sun, 06 Dec 2026 10:30:00 +0000', { timeZone: 'Asia/Beirut' })).toBe('2026-12-06T10:30:00.000Z');
    // At 20:00 UTC on the 6th it is already the 7th in Tokyo.
    expect(isoDate('اليوم 08:00', { timeZone: 'Asia/Tokyo', now: new Date('2026-12-06T20:00:00Z') })).toBe('2026-12-06T23:00:00.000Z');
  });
});

describe('modificationDate', () => {
  it("reads a day alone at its end even while that is to come, the same at every poll; a time as written", () => {
    const today = new Date().toISOString().slice(0, 10);
    expect(modificationDate(today)).toBe(`${today}T23:59:59.000Z`);
    expect(modificationDate('2026-12-06', 'Asia/Beirut')).toBe('2026-12-06T21:59:59.000Z');
    expect(modificationDate('2026-12-06T10:30:00+01:00')).toBe('2026-12-06T09:30:00.000Z');
    expect(modificationDate('')).toBeUndefined();
  });
});
