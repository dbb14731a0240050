import { createLogger } from '@marsad/logger';
import type { ClassifiedItem, Outgoing } from '@marsad/queues';
import { openStore, type Store } from '@marsad/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeItem } from './store-item.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j', attempt: 1 };
let store: Store;

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
});
afterAll(() => store.close());

const ITEM: ClassifiedItem = {
  id: 'abc', sourceId: 'hespress', url: 'https://hespress.com/abc.html', title: 'عنوان', text: 'نص طويل',
  publishedAt: null, fetchedAt: '2024-11-10T00:00:00.000Z', language: 'arb', arabic: true,
  duplicateOf: null, similarity: null, storyId: 'abc', tags: ['dgsn'], evidence: {},
};

describe('storeItem', () => {
  it('stores a new item and queues its alert without the article text', async () => {
    const alerts: Outgoing<'alert'>[] = [];
    const result = await storeItem({ item: ITEM }, { upsertItem: store.upsertItem, sendToAlert: async (jobs) => void alerts.push(...jobs) }, ctx);
    expect(result).toEqual({ itemId: 'abc', sourceId: 'hespress', inserted: true });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.jobId).toBe('item-abc');
    expect(alerts[0]!.payload.item).not.toHaveProperty('text');
    expect(alerts[0]!.payload.item.tags).toEqual(['dgsn']);
  });

  it('makes no second row for a re-delivered job, and re-sends the alert under the same job id', async () => {
    const alerts: Outgoing<'alert'>[] = [];
    const result = await storeItem({ item: ITEM }, { upsertItem: store.upsertItem, sendToAlert: async (jobs) => void alerts.push(...jobs) }, ctx);
    expect(result.inserted).toBe(false);
    expect(await store.countItems()).toBe(1);
    expect(alerts.map((a) => a.jobId)).toEqual(['item-abc']);
  });

  it('lets a database failure propagate so the job is retried', async () => {
    const broken = { upsertItem: () => Promise.reject(new Error('connection terminated')), sendToAlert: async () => {} };
    await expect(storeItem({ item: ITEM }, broken, ctx)).rejects.toThrow('connection terminated');
  });
});
