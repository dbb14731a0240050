import { describe, expect, it } from 'vitest';
import type { Story } from '@marsad/service-alerter';
import { pickupsCsv } from './story.js';

describe('pickupsCsv', () => {
  it('defuses cells a feed could have written as spreadsheet formulas, and quotes commas and quotes', () => {
    const pickup = (itemId: string, title: string) => ({ itemId, sourceId: 'x', url: `https://x.ma/${itemId}`, title, seenAt: '2026-11-20T10:00:00.000Z', afterSeconds: 600, similarity: 0.9 });
    const story = {
      storyId: 's', first: { id: 's' }, firstSeenAt: '2026-11-20T09:50:00.000Z',
      pickups: [pickup('a', '=HYPERLINK("https://evil.example","click")'), pickup('b', '@SUM(1+1)'), pickup('c', 'عنوان، مع "اقتباس", وفاصلة')],
    } as unknown as Story;
    const lines = pickupsCsv({ story, sourceName: (id) => id, timeZone: 'UTC' }).slice(1).trim().split('\n');
    expect(lines.slice(1)).toEqual([
      `x,2026-11-20 10:00,10,90,"'=HYPERLINK(""https://evil.example"",""click"")",https://x.ma/a`,
      `x,2026-11-20 10:00,10,90,'@SUM(1+1),https://x.ma/b`,
      `x,2026-11-20 10:00,10,90,"عنوان، مع ""اقتباس"", وفاصلة",https://x.ma/c`,
    ]);
  });
});
