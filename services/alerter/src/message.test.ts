import { describe, expect, it } from 'vitest';
import { alertMessage, AlertMessageSchema, html, packLines, plainText, slack, teams, teamsText, telegram, telegramParts, TELEGRAM_MAX_PARTS, type AlertContext } from './message.js';
import type { AlertableItem } from './rules.js';
import { ARABIC } from './wording.js';

const item = (url: string): AlertableItem => ({
  id: 'i1',
  title: 'توقيف مشتبه فيه بطنجة',
  url,
  sourceId: 'hespress',
  publishedAt: '2026-11-20T09:30:00.000Z',
  fetchedAt: '2026-11-20T09:31:00.000Z',
  language: 'arb',
  arabic: true,
  tags: ['dgsn'],
  duplicateOf: null,
  similarity: null,
  storyId: 'i1',
  evidence: {},
});
const arabic: AlertContext = { sourceName: () => 'هسبريس', referenceTitle: () => undefined, timeZone: 'Africa/Casablanca', words: ARABIC };

interface Card { attachments: { content: { actions: { title: string; url: string }[] } }[] }
interface Blocks { blocks: { text?: { text: string } }[] }
const actionsOf = (body: unknown) => (body as Card).attachments[0]!.content.actions;
const headlineOf = (body: unknown) => (body as Blocks).blocks[0]!.text!.text;

describe('chat cards', () => {
  it("word the Teams button to the article in the alerts' language", () => {
    const message = alertMessage('k', 'dgsn', item('https://www.hespress.com/a-1.html'), ['الوسم dgsn'], arabic);
    expect(actionsOf(teams(message, arabic))).toEqual([{ type: 'Action.OpenUrl', title: 'فتح المقال', url: 'https://www.hespress.com/a-1.html' }]);
  });

  it("give a feed's javascript: link neither a Teams button nor a Slack link", () => {
    const message = alertMessage('k', 'dgsn', item('javascript:alert(1)'), [], arabic);
    expect(actionsOf(teams(message, arabic))).toEqual([]);
    expect(headlineOf(slack(message, arabic))).toBe('*توقيف مشتبه فيه بطنجة*');
  });

  it("make no Teams link of a feed's Markdown, and a paragraph of each line", () => {
    const message = alertMessage('k', 'dgsn', { ...item('https://www.hespress.com/a-1.html'), title: 'عاجل [اضغط هنا](https://phishing.example/login)' }, [], arabic);
    const card = teams(message, arabic) as { attachments: { content: { body: { text: string }[] } }[] };
    expect(card.attachments[0]!.content.body[0]!.text).toBe('عاجل [اضغط هنا] (https://phishing.example/login)');
    expect(teamsText('سطر أول\nسطر ثان\n\n\nسطر ثالث')).toBe('سطر أول\n\nسطر ثان\n\nسطر ثالث');
  });

  it('keep a Slack link whole when the address holds | or >', () => {
    const message = alertMessage('k', 'dgsn', item('https://example.ma/a?x=1|2>3'), [], arabic);
    expect(headlineOf(slack(message, arabic))).toBe('*<https://example.ma/a?x=1%7C2%3E3|توقيف مشتبه فيه بطنجة>*');
  });
});

describe('telegram messages', () => {
  /** The text Telegram counts: its HTML read. */
  const read = (html: string) => html.replace(/<\/?b>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it("link the title, and escape the feed's text for Telegram's HTML", () => {
    // In UTC: Morocco's offset since September 2026 depends on the time-zone data of the Node.js at hand.
    const inUtc = { ...arabic, timeZone: 'UTC', publicUrl: 'https://marsad.example.ma' };
    const message = alertMessage('k', 'dgsn', { ...item('https://www.hespress.com/a-1.html?x=1&y="2"'), title: 'توقيف <b>مشتبه</b> & شريكه' }, ['الوسم dgsn: «الأمن الوطني»'], inUtc);
    expect(telegram(message, inUtc).split('\n')).toEqual([
      '<b><a href="https://www.hespress.com/a-1.html?x=1&amp;y=&quot;2&quot;">توقيف &lt;b&gt;مشتبه&lt;/b&gt; &amp; شريكه</a></b>',
      'هسبريس · 2026-11-20 09:30 (UTC) · dgsn',
      'السبب: الوسم dgsn: «الأمن الوطني»',
      '<a href="https://marsad.example.ma/stories/i1">القصة وكل نسخها</a>',
    ]);
  });

  it('say of a revision that its text was completed since it was first seen, and the webhook body says revised', () => {
    const inUtc = { ...arabic, timeZone: 'UTC' };
    const revision = alertMessage('k', 'dgsn', { ...item('https://www.hespress.com/a-1.html'), revision: '0123abcd' }, [], inUtc);
    expect(revision.item.revised).toBe(true);
    expect(telegram(revision, inUtc).split('\n')[1]).toBe('هسبريس · 2026-11-20 09:30 (UTC) · dgsn · نصه محدَّث بعد نشره');
    expect(alertMessage('k', 'dgsn', item('https://www.hespress.com/a-1.html'), [], inUtc).item.revised).toBe(false);
  });

  it('link a copy to the page showing it beside what it copies, and an original to its story alone', () => {
    const withPages = { ...arabic, publicUrl: 'https://marsad.example.ma' };
    const copy = alertMessage('k', 'dgsn', { ...item('https://www.hespress.com/a-1.html'), id: 'c/1', duplicateOf: 'i1', similarity: 0.9 }, [], withPages);
    expect(copy.compareUrl).toBe('https://marsad.example.ma/stories/i1/compare/c%2F1');
    expect(telegram(copy, withPages).split('\n').at(-1)).toBe('<a href="https://marsad.example.ma/stories/i1">القصة وكل نسخها</a> · <a href="https://marsad.example.ma/stories/i1/compare/c%2F1">ما غيّرته النسخة</a>');
    expect(actionsOf(teams(copy, withPages)).map((a) => a.title)).toEqual(['فتح المقال', 'القصة وكل نسخها', 'ما غيّرته النسخة']);
    const original = alertMessage('k', 'dgsn', item('https://www.hespress.com/a-1.html'), [], withPages);
    expect(original.compareUrl).toBeNull();
    expect(telegram(original, withPages)).not.toContain('/compare/');
    expect(alertMessage('k', 'dgsn', { ...item('https://www.hespress.com/a-1.html'), duplicateOf: 'i0' }, [], arabic).compareUrl).toBeNull(); // no public address
  });

  it("give a feed's javascript: link no link", () => {
    const message = alertMessage('k', 'dgsn', item('javascript:alert(1)'), [], arabic);
    expect(telegram(message, arabic).split('\n')[0]).toBe('<b>توقيف مشتبه فيه بطنجة</b>');
  });

  it("split a long digest at lines' ends into numbered messages within Telegram's limit, losing no line", () => {
    const lines = Array.from({ length: 120 }, (_, n) => `* خبر رقم ${n} <عاجل> & ${'تفاصيل '.repeat(n % 7)}`);
    const parts = telegramParts('ملخص dgsn', lines.join('\n'), '… البقية', 1000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.length).toBeLessThanOrEqual(TELEGRAM_MAX_PARTS);
    for (const part of parts) expect(read(part).length).toBeLessThanOrEqual(1000);
    expect(parts.map((part) => part.split('\n')[0])).toEqual(parts.map((_, i) => `<b>ملخص dgsn (${i + 1}/${parts.length})</b>`));
    expect(parts.flatMap((part) => read(part).split('\n').slice(1))).toEqual(lines);
    expect(telegramParts('ملخص', 'قصير <1>', '…')).toEqual(['<b>ملخص</b>\nقصير &lt;1&gt;']);
  });

  it('say where the rest is when a digest would take more messages than a chat should get at once', () => {
    const lines = Array.from({ length: 2000 }, (_, n) => `* خبر رقم ${n}`);
    const parts = telegramParts('ملخص', lines.join('\n'), '… البقية', 500);
    expect(parts).toHaveLength(TELEGRAM_MAX_PARTS);
    expect(parts.at(-1)!.endsWith('\n… البقية')).toBe(true);
    expect(read(parts.at(-1)!).length).toBeLessThanOrEqual(500);
  });
});

describe('packLines', () => {
  it("breaks only a line longer than a piece, and starts no piece with a blank line", () => {
    expect(packLines('abc\n\ndef', 4, 5, '…')).toEqual(['abc', 'def']);
    expect(packLines('abcdefghij\nk', 4, 5, '…')).toEqual(['abcd', 'efgh', 'ij\nk']);
    expect(packLines('😀😀😀', 3, 5, '…')).toEqual(['😀', '😀', '😀']);
    expect(packLines('', 10, 1, '…')).toEqual(['']);
  });

  it('ends the last piece it keeps with the line saying where the rest is', () => {
    expect(packLines('aa\nbb\ncc\ndd\nee', 5, 2, '…')).toEqual(['aa\nbb', 'cc\n…']);
  });
});

describe("an alert's excerpt", () => {
  const excerpt = { text: '…أوقفت عناصر الأمن <b>بطنجة</b> شخصا & شريكه…', marks: [[13, 18], [22, 27]] as [number, number][] };
  const message = alertMessage('k', 'tangier', item('https://www.hespress.com/a-1.html'), ['البحث Tanger: «بطنجة»'], arabic, excerpt);

  it('is in the webhook body with its marks, and in every channel, marked in bold where HTML is read', () => {
    expect(AlertMessageSchema.parse(JSON.parse(JSON.stringify(message))).item.excerpt).toEqual(excerpt);
    expect(html(message, arabic)).toContain('<p dir="rtl" lang="ar">…أوقفت عناصر <b>الأمن</b> &lt;b&gt;<b>بطنجة</b>&lt;/b&gt; شخصا &amp; شريكه…</p>');
    expect(telegram(message, arabic).split('\n')[2]).toBe('<i>…أوقفت عناصر <b>الأمن</b> &lt;b&gt;<b>بطنجة</b>&lt;/b&gt; شخصا &amp; شريكه…</i>');
    expect(plainText(message, arabic).split('\n')).toContain(excerpt.text);
    expect((slack(message, arabic) as { blocks: unknown[] }).blocks[2]).toEqual({ type: 'section', text: { type: 'plain_text', text: excerpt.text } });
    expect((teams(message, arabic) as { attachments: { content: { body: { text: string }[] } }[] }).attachments[0]!.content.body[2]!.text).toBe(excerpt.text);
  });

  it('is left out of every channel for an item without text', () => {
    const bare = alertMessage('k', 'dgsn', item('https://www.hespress.com/a-1.html'), [], arabic);
    expect(bare.item.excerpt).toEqual({ text: '', marks: [] });
    expect(telegram(bare, arabic)).not.toContain('<i>');
    expect((slack(bare, arabic) as { blocks: unknown[] }).blocks).toHaveLength(3);
  });
});
