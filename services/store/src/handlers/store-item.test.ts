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

const deps = () => ({ upsertItem: store.upsertItem, reviseItem: store.reviseItem, recordDropped: store.recordDropped, supersedeItem: store.supersedeItem, sendToAlert: async () => {} });

describe('storeItem', () => {
  it('stores a new item and queues its alert without the article text', async () => {
    const alerts: Outgoing<'alert'>[] = [];
    const result = await storeItem({ item: ITEM }, { ...deps(), sendToAlert: async (jobs) => void alerts.push(...jobs) }, ctx);
    expect(result).toEqual({ itemId: 'abc', sourceId: 'hespress', inserted: true });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.jobId).toBe('item-abc');
    expect(alerts[0]!.payload.item).not.toHaveProperty('text');
    expect(alerts[0]!.payload.item.tags).toEqual(['dgsn']);
  });

  it('makes no second row for a re-delivered job, and re-sends the alert under the same job id', async () => {
    const alerts: Outgoing<'alert'>[] = [];
    const result = await storeItem({ item: ITEM }, { ...deps(), sendToAlert: async (jobs) => void alerts.push(...jobs) }, ctx);
    expect(result.inserted).toBe(false);
    expect(await store.countItems()).toBe(1);
    expect(alerts.map((a) => a.jobId)).toEqual(['item-abc']);
  });

  it("stores a revision over the item's row and queues its alert as a job of its own", async () => {
    const alerts: Outgoing<'alert'>[] = [];
    const revision = { ...ITEM, revision: '5eed5eed', text: 'نص طويل'.repeat(10), tags: ['dgsn', 'interpol'] };
    const result = await storeItem({ item: revision }, { ...deps(), sendToAlert: async (jobs) => void alerts.push(...jobs) }, ctx);
    expect(result).toEqual({ itemId: 'abc', sourceId: 'hespress', inserted: false, revised: true });
    expect(await store.countItems()).toBe(1);
    expect((await store.listItems())[0]).toMatchObject({ text: revision.text, tags: ['dgsn', 'interpol'] });
    expect(alerts.map((a) => a.jobId)).toEqual(['item-abc-r5eed5eed']);
    expect(alerts[0]!.payload.item.tags).toEqual(['dgsn', 'interpol']);
  });

  it('remembers a dropped item as seen, storing no row and sending no alert', async () => {
    const alerts: Outgoing<'alert'>[] = [];
    const french = { ...ITEM, id: 'fr', language: 'fra', arabic: false };
    const result = await storeItem({ item: french, dropped: true }, { ...deps(), sendToAlert: async (jobs) => void alerts.push(...jobs) }, ctx);
    expect(result).toEqual({ itemId: 'fr', sourceId: 'hespress', inserted: false });
    expect(alerts).toEqual([]);
    expect(await store.knownItemIds(['fr'])).toEqual(new Set());
    expect(await store.knownItemIds(['fr'], { dropped: true })).toEqual(new Set(['fr']));
  });

  it('lets a database failure propagate so the job is retried', async () => {
    const broken = { ...deps(), upsertItem: () => Promise.reject(new Error('connection terminated')) };
    await expect(storeItem({ item: ITEM }, broken, ctx)).rejects.toThrow('connection terminated');
  });

  describe('an item that replaces its story\'s original (published earlier, classified later)', () => {
    const first = { ...ITEM, id: 'first', url: 'https://a.ma/first', publishedAt: '2025-12-01T12:00:00.000Z', storyId: 'first' };
    const earlier = { ...ITEM, id: 'earlier', url: 'https://b.ma/earlier', publishedAt: '2025-12-01T10:00:00.000Z', storyId: 'first', supersedes: { id: 'first', similarity: 0.9 } };

    it('stores itself at once when the item it replaces is not stored yet, which is its copy when stored', async () => {
      const behind = { ...first, id: 'behind', url: 'https://a.ma/behind', storyId: 'behind' };
      const replacing = { ...earlier, id: 'replacing', url: 'https://b.ma/replacing', storyId: 'behind', supersedes: { id: 'behind', similarity: 0.8 } };
      expect((await storeItem({ item: replacing }, deps(), { ...ctx, attempt: 1, lastAttempt: false })).inserted).toBe(true);
      await storeItem({ item: behind }, deps(), ctx);
      const byId = new Map((await store.listItems({ storyId: 'behind' })).map((i) => [i.id, i]));
      expect(byId.get('replacing')).toMatchObject({ duplicateOf: null });
      expect(byId.get('behind')).toMatchObject({ duplicateOf: 'replacing', similarity: 0.8 });
    });

    it('makes the item it replaces its copy, and counts itself new', async () => {
      await storeItem({ item: first }, deps(), ctx);
      const result = await storeItem({ item: earlier }, deps(), { ...ctx, lastAttempt: false });
      expect(result.inserted).toBe(true);
      const byId = new Map((await store.listItems({ storyId: 'first' })).map((i) => [i.id, i]));
      expect(byId.get('earlier')).toMatchObject({ duplicateOf: null, storyId: 'first' });
      expect(byId.get('first')).toMatchObject({ duplicateOf: 'earlier', similarity: 0.9, storyId: 'first' });
    });

    it('does it once: a re-delivered job changes nothing, and an item already a copy of another stays so', async () => {
      expect((await storeItem({ item: earlier }, deps(), ctx)).inserted).toBe(false);
      expect((await store.listItems({ duplicatesOf: 'earlier' })).map((i) => i.id)).toEqual(['first']);
      await storeItem({ item: { ...earlier, id: 'later-claim', url: 'https://c.ma/x' } }, deps(), ctx);
      expect((await store.listItems({ storyId: 'first' })).find((i) => i.id === 'first')?.duplicateOf).toBe('earlier');
    });
  });
});
