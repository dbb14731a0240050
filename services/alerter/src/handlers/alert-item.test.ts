import { createLogger } from '@marsad/logger';
import type { AlertJob } from '@marsad/queues';
import { describe, expect, it } from 'vitest';
import { alertItem, type AlertRule } from './alert-item.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j', attempt: 1 };
const job: AlertJob = {
  item: {
    id: 'i1', sourceId: 's', url: 'https://a.ma/1', title: 't', publishedAt: null, fetchedAt: '2024-11-10T00:00:00.000Z',
    language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: 'i1', tags: ['dgsn'], evidence: {},
  },
};
const byTag = (id: string, tag: string): AlertRule => ({ id, matches: (item) => item.tags.includes(tag) });

describe('alertItem', () => {
  it('reports the rules an item matches', async () => {
    const result = await alertItem(job, { rules: [byTag('dgsn-rule', 'dgsn'), byTag('interpol-rule', 'interpol')] }, ctx);
    expect(result).toEqual({ itemId: 'i1', sourceId: 's', matched: ['dgsn-rule'] });
  });

  it('matches nothing when no rule is configured', async () => {
    expect((await alertItem(job, { rules: [] }, ctx)).matched).toEqual([]);
  });
});
