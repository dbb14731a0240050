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
    const $ = cheerio.load(newsroomPage(view([{ ...first!, revisedAt: '2026-11-20T10:15:00.000Z' }, { ...second!, revisedAt: null }])).html);
    const revised = $(`article[data-id="${first!.id}"] .meta .revised`);
    expect(revised.text()).toMatch(/^نصه محدَّث .*11:15/);
    expect(revised.find('time').attr('datetime')).toBe('2026-11-20T10:15:00.000Z');
    expect($(`article[data-id="${second!.id}"] .meta .revised`)).toHaveLength(0);
  });
});
