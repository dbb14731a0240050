import { RuleSchema } from '@marsad/config';
import type { ClassifiedItem } from '@marsad/queues';
import type { Store } from '@marsad/store';
import type { SourceRow } from './pages/sources.js';
import { storeFacets, type WebSources } from './web.js';

/** A small newsroom for the page and browser tests: an Arabic story with copies, a reference's pickups, a French item, a hostile one. */
export const REFERENCE_ID = '000_reference';
/** A reference article no item copies. */
export const UNPICKED_ID = '001_unpicked';
export const REFERENCE_TEXT = 'أفادت المديرية العامة للأمن الوطني بأن المغرب سيحتضن الدورة المقبلة للجمعية العامة للأنتربول.\nوأضاف البلاغ أن التحضيرات جارية.';

const base = (id: string, over: Partial<ClassifiedItem>): ClassifiedItem => ({
  id, sourceId: 'hespress', url: `https://www.hespress.com/${id}.html`, title: `خبر ${id}`, text: 'نص المقال.', publishedAt: '2026-11-20T08:00:00.000Z',
  fetchedAt: '2026-11-20T10:00:00.000Z', language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: id, tags: [], evidence: {}, ...over,
});

export const NEWSROOM_ITEMS: ClassifiedItem[] = [
  base('police-tanger', { title: 'الشرطة القضائية بطنجة توقف مشتبها به', text: 'أعلنت المديرية العامة للأمن الوطني أن عناصر الشرطة القضائية بمدينة طنجة أوقفت مشتبها به في قضية احتيال.', tags: ['dgsn'], publishedAt: '2026-11-20T08:00:00.000Z' }),
  base('police-tanger-copy', { sourceId: 'alyaoum24', url: 'https://alyaoum24.com/1.html', title: 'توقيف مشتبه به في طنجة', text: 'طنجة - متابعة\nأعلنت المديرية العامة للامن الوطني ان عناصر الشرطة القضائية بمدينة طنجة اوقفت شخصا في قضية احتيال.\nوأضاف المصدر أن البحث متواصل لتوقيف باقي المتورطين.', tags: ['dgsn'], duplicateOf: 'police-tanger', similarity: 0.93, storyId: 'police-tanger', publishedAt: '2026-11-20T09:30:00.000Z' }),
  base('ref-pickup-1', { sourceId: 'alyaoum24', url: 'https://alyaoum24.com/ref.html', title: 'المغرب يحتضن الجمعية العامة للأنتربول', text: REFERENCE_TEXT, tags: ['dgsn', 'interpol'], duplicateOf: REFERENCE_ID, similarity: 0.97, storyId: REFERENCE_ID, publishedAt: '2026-11-19T12:00:00.000Z' }),
  base('ref-pickup-2', { sourceId: 'hespress', url: 'https://www.hespress.com/ref.html', title: 'الأنتربول في المغرب', text: REFERENCE_TEXT, tags: ['interpol'], duplicateOf: REFERENCE_ID, similarity: 0.88, storyId: REFERENCE_ID, publishedAt: '2026-11-19T15:10:00.000Z' }),
  base('fr-dgsn', { sourceId: 'le360', url: 'https://fr.le360.ma/dgsn.html', title: 'La DGSN lance une campagne de recrutement', text: 'La Direction générale de la sûreté nationale recrute.', language: 'fra', arabic: false, tags: ['dgsn'], publishedAt: '2026-11-21T08:00:00.000Z' }),
  base('hostile', {
    sourceId: 'alyaoum24', url: 'javascript:window.__pwned=1', title: 'عنوان <script>window.__pwned=1</script>',
    text: 'نص <img src=x onerror="window.__pwned=1"> فيه وسوم', publishedAt: '2026-11-18T08:00:00.000Z',
  }),
];

export const SOURCE_NAMES = [
  { id: 'hespress', name: 'Hespress' },
  { id: 'alyaoum24', name: 'اليوم 24' },
  { id: 'le360', name: 'Le360' },
];

const health = (sourceId: string, over: Partial<SourceRow>): SourceRow => ({
  sourceId, name: SOURCE_NAMES.find((s) => s.id === sourceId)?.name ?? sourceId, adapter: 'rss', url: `https://${sourceId}.example/feed`, enabled: true,
  state: 'ok', lastAttemptAt: '2026-11-21T10:00:00.000Z', lastSuccessAt: '2026-11-21T10:00:00.000Z', consecutiveFailures: 0, lastError: null, lastErrorKind: null,
  lastWarning: null, lastWarningAt: null,
  nextAttemptAt: null, pollDueAt: '2026-11-21T10:30:00.000Z', itemsPerDay: 12.5, etag: null, lastModified: null, errors: {}, scheduledEvery: 1_800_000, nextPollAt: '2026-11-21T10:30:00.000Z', scheduleNote: null, ...over,
});

export const SOURCE_ROWS: SourceRow[] = [
  health('hespress', { lastWarning: '2 of 9 article pages not read: 2 failed ([timeout] <i>slow</i>)', lastWarningAt: '2026-11-21T09:45:00.000Z' }),
  health('alyaoum24', { state: 'failing', consecutiveFailures: 6, lastError: 'HTTP 503 from https://alyaoum24.example/feed <b>', lastErrorKind: 'http', nextAttemptAt: '2026-11-21T16:00:00.000Z', errors: { http: 9, timeout: 2 } }),
  // Its interval edited in the file since the fetchers started.
  health('le360', { state: 'backing-off', consecutiveFailures: 1, lastError: 'malformed XML: unclosed tag', lastErrorKind: 'parse', scheduleNote: 'polled every 30 min, the file says 10 min (restart the fetchers to apply it)' }),
  // Its poll of 10:30 never came (the fetcher was down, or the source's next poll lost).
  health('barlamane', { state: 'overdue', adapter: 'sitemap', itemsPerDay: 8 }),
];

/** The pages' data from a real store holding NEWSROOM_ITEMS. */
/** The delivery log of a few alerts: one sent, one being retried (its reason from a receiver), a digest's. */
async function logDeliveries(store: Store): Promise<void> {
  const claim = (key: string, storyId: string, channelId: string, itemId: string) =>
    store.claimDelivery({ key, ruleId: key.split('|')[0]!, storyId, channelId, itemId, claimant: 'test' });
  await claim('dgsn|police-tanger|comms-mail', 'police-tanger', 'comms-mail', 'police-tanger');
  await store.markDelivered('dgsn|police-tanger|comms-mail');
  await claim('dgsn|police-tanger|comms-tg', 'police-tanger', 'comms-tg', 'police-tanger');
  await store.markDeliveryFailed('dgsn|police-tanger|comms-tg', 'telegram comms-tg answered HTTP 429: Too Many Requests: retry after 42 <b>', false);
  await claim('daily|digest:2026-11-21|comms-mail', 'digest:2026-11-21', 'comms-mail', '');
  await store.markDelivered('daily|digest:2026-11-21|comms-mail');
}

export async function newsroomSources(store: Store): Promise<WebSources> {
  for (const item of NEWSROOM_ITEMS) await store.upsertItem(item);
  await logDeliveries(store);
  return {
    listItems: (filter) => store.listItems(filter),
    // Pages of one item: a download of two goes through the paging.
    eachItemPage: (filter) => store.eachItemPage(filter, 1),
    facets: () => storeFacets(store),
    sourceNames: SOURCE_NAMES,
    sourceHealth: async () => SOURCE_ROWS,
    failedFetches: async (sourceId) => (sourceId === 'alyaoum24' ? [{ jobId: 'repeat:alyaoum24:1', reason: 'HTTP 503 from https://alyaoum24.example/feed', attempts: 3, failedAt: '2026-11-21T10:00:00.000Z' }] : []),
    references: new Map([[REFERENCE_ID, REFERENCE_TEXT], [UNPICKED_ID, 'بلاغ لم ينقله أحد بعد.']]),
    referencePickups: (ids) => store.referencePickups(ids),
    timeZone: 'Africa/Casablanca',
    fetchQueue: 'fetch',
    deliveries: (limit) => store.listDeliveries(limit),
    channelHolds: async () => [{ channelId: 'comms-tg', seconds: 41.2 }, { channelId: 'comms-mail', seconds: 0 }],
    // The alerters started before the pickups rule was added, and still apply one taken out since.
    alertRules: async () => ({
      rules: [
        { rule: RuleSchema.parse({ id: 'dgsn', tags: ['dgsn'], channels: ['comms-mail', 'comms-tg'] }), nextDigestAt: null, lastDigestAt: null, note: null },
        { rule: RuleSchema.parse({ id: 'daily', tags: ['dgsn', 'interpol'], channels: ['comms-mail'], mode: 'digest', at: '08:00', tz: 'Africa/Casablanca' }), nextDigestAt: '2026-11-22T08:00:00.000Z', lastDigestAt: '2026-11-21T08:00:00.000Z', note: null },
        { rule: RuleSchema.parse({ id: 'pickups', references: true, each: 'item', channels: ['comms-tg'] }), nextDigestAt: null, lastDigestAt: null, note: 'not applied: added since the alerters started (restart the alerters to apply the file)' },
      ],
      takenOut: ['old-rule'],
    }),
  };
}
