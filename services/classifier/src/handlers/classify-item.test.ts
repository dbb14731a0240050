import { createLogger } from '@marsad/logger';
import type { Outgoing, RawItem } from '@marsad/queues';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '@marsad/text';
import { classifyItem } from './classify-item.js';

const ctx = { log: createLogger({ level: 'silent' }), jobId: 'j', attempt: 1 };
/** The handler's own logic is routing; the analysis itself is tested with the shared index. */
const analyseItem = (item: RawItem) => ({ ...detectLanguage(`${item.title}\n${item.text}`), duplicateOf: null, similarity: null, storyId: item.id, tags: [], evidence: {} });

function raw(id: string, title: string, text: string): RawItem {
  return { id, sourceId: 's', url: `https://a.ma/${id}`, title, text, publishedAt: null, fetchedAt: '2024-11-10T00:00:00.000Z' };
}

const ARABIC = raw('ar', 'حموشي يستقبل وفدا أمنيا', 'استقبل المدير العام للأمن الوطني اليوم بالرباط وفدا أمنيا إسبانيا رفيع المستوى');
const FRENCH = raw('fr', 'La DGSN recrute', "La Direction générale de la Sûreté nationale a annoncé l'ouverture d'un concours");

async function run(item: RawItem, dropNonArabic: boolean) {
  const sent: Outgoing<'store'>[] = [];
  const result = await classifyItem({ item, runId: 'r' }, { analyse: analyseItem, dropNonArabic, sendToStore: async (jobs) => void sent.push(...jobs) }, ctx);
  return { result, sent };
}

describe('classifyItem', () => {
  it('sends an Arabic item to the store with its language', async () => {
    const { result, sent } = await run(ARABIC, true);
    expect(result).toMatchObject({ itemId: 'ar', language: 'arb', arabic: true, dropped: false, storyId: 'ar' });
    expect(sent).toEqual([{ jobId: 'item-ar', payload: { runId: 'r', item: expect.objectContaining({ id: 'ar', language: 'arb', arabic: true, title: ARABIC.title }) } }]);
  });

  it('stores a non-Arabic item marked arabic: false by default', async () => {
    const { result, sent } = await run(FRENCH, false);
    expect(result).toMatchObject({ language: 'fra', arabic: false, dropped: false });
    expect(sent[0]?.payload.item).toMatchObject({ id: 'fr', language: 'fra', arabic: false });
  });

  it('drops a non-Arabic item when the config says so, sending it to be remembered as seen, not stored', async () => {
    const { result, sent } = await run(FRENCH, true);
    expect(result).toMatchObject({ arabic: false, dropped: true });
    expect(sent.map((job) => [job.payload.item.id, job.payload.dropped])).toEqual([['fr', true]]);
  });

  it('never drops a revision: its item is stored already, and its row is revised', async () => {
    const { result, sent } = await run({ ...FRENCH, revision: 'f00dcafe' }, true);
    expect(result).toMatchObject({ arabic: false, dropped: false });
    expect(sent).toEqual([{ jobId: 'item-fr-rf00dcafe', payload: { runId: 'r', item: expect.objectContaining({ id: 'fr', revision: 'f00dcafe', arabic: false }) } }]);
  });

  it('lets an analysis failure propagate so the job is retried', async () => {
    const failing = { analyse: () => Promise.reject(new Error('index unavailable')), dropNonArabic: false, sendToStore: async () => {} };
    await expect(classifyItem({ item: ARABIC }, failing, ctx)).rejects.toThrow('index unavailable');
  });
});
