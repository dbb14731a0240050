import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { NEWSROOM_ITEMS } from '../test-newsroom.js';
import { newsroomPage, type NewsroomView } from './newsroom.js';

const view = (items: NewsroomView['items']): NewsroomView => ({
  filters: { q: '', tag: '', source: '', language: '', from: '', to: '', page: 1 },
  items,
  more: false,
  choices: { tags: [], languages: [], sources: [] },
  sourceName: (id) => id,
  referenceTitle: () => undefined,
  timeZone: 'Africa/Casablanca',
});

describe('newsroomPage', () => {
  it('says of an item whose source completed its text since it was first stored when it was', () => {
    const [first, second] = NEWSROOM_ITEMS;
    const page = view([{ ...first!, revisedAt: '2026-11-20T10:15:00.000Z' }, { ...second!, revisedAt: null }]);
    const $ = cheerio.load(newsroomPage(page).html);
    const revised = $(`article[data-id="${first!.id}"] .meta .revised`);
    // The newsroom's zone's time as the runtime's time-zone data has it: Node 20's (2025c) puts Morocco
    // an hour ahead since its return to UTC+0, Node 22's and 24's do not.
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: page.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date('2026-11-20T10:15:00.000Z'));
    expect(revised.text()).toMatch(new RegExp(`^نصه محدَّث .*${local}`));
    expect(revised.find('time').attr('datetime')).toBe('2026-11-20T10:15:00.000Z');
    expect($(`article[data-id="${second!.id}"] .meta .revised`)).toHaveLength(0);
  });
});
