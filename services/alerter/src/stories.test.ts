import { describe, expect, it } from 'vitest';
import { storiesOf, type ListedItem } from './stories.js';

const item = (id: string, over: Partial<ListedItem>): ListedItem => ({
  id, sourceId: 'hespress', url: `https://hespress.com/${id}`, title: id, text: 'نص', publishedAt: null, fetchedAt: '2025-12-01T12:00:00.000Z',
  language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: id, tags: [], evidence: {}, ...over,
});

describe('storiesOf', () => {
  it("shows as a story's original the article published first that took the story over from the one classified first", () => {
    const [story] = storiesOf([
      item('classified-first', { storyId: 'classified-first', duplicateOf: 'published-first', similarity: 0.9, publishedAt: '2025-12-01T12:00:00.000Z', sourceId: 'outlet' }),
      item('published-first', { storyId: 'classified-first', publishedAt: '2025-12-01T10:00:00.000Z', sourceId: 'agency' }),
    ]);
    expect(story!.first.id).toBe('published-first');
    expect(story!.pickups).toEqual([expect.objectContaining({ itemId: 'classified-first', sourceId: 'outlet', afterSeconds: 7200, similarity: 0.9 })]);
  });

  it("shows a reference article's first sighting first, every other copy as a pickup", () => {
    const [story] = storiesOf([
      item('later', { storyId: 'ref', duplicateOf: 'ref', publishedAt: '2025-12-01T11:00:00.000Z' }),
      item('sooner', { storyId: 'ref', duplicateOf: 'ref', publishedAt: '2025-12-01T10:00:00.000Z' }),
    ]);
    expect(story!.first.id).toBe('sooner');
    expect(story!.pickups.map((p) => p.itemId)).toEqual(['later']);
  });
});
