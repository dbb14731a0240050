import { describe, expect, it } from 'vitest';
import { alertMessage, slack, teams, type AlertContext } from './message.js';
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

  it('keep a Slack link whole when the address holds | or >', () => {
    const message = alertMessage('k', 'dgsn', item('https://example.ma/a?x=1|2>3'), [], arabic);
    expect(headlineOf(slack(message, arabic))).toBe('*<https://example.ma/a?x=1%7C2%3E3|توقيف مشتبه فيه بطنجة>*');
  });
});
