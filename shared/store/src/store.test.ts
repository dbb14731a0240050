import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassifiedItem } from '@marsad/queues';
import { NameSpellings } from '@marsad/text';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase, removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillSearch, supersedeItem, upsertItems } from './items.js';
import { readMigrations } from './migrate.js';
import { StoreBusyError, StoreFolderError } from './pglite-client.js';
import { DatabaseUnavailableError } from './postgres-client.js';
import type { SqlExecutor } from './sql-client.js';
import { openStore, type Store } from './store.js';

afterAll(removeTemporaryDirs);

function item(id: string, overrides: Partial<ClassifiedItem> = {}): ClassifiedItem {
  return {
    id,
    sourceId: 'hespress',
    url: `https://www.hespress.com/${id}.html`,
    title: `عنوان ${id}`,
    text: 'نص المقال',
    publishedAt: '2024-11-07T11:32:00.000Z',
    fetchedAt: '2024-11-07T12:00:00.000Z',
    language: 'arb',
    arabic: true,
    duplicateOf: null,
    similarity: null,
    storyId: id,
    tags: [],
    evidence: {},
    ...overrides,
  };
}

/** A team's names for searches (the config's search.names), beside the bundled ones. */
const TEAM_NAMES = new NameSpellings([['Tingis', 'طنجة']]);

/** The same behaviour is required of both back-ends, so one suite runs on each. */
describe.each([
  ['PostgreSQL', 'postgres'],
  ['PGlite', 'pglite'],
] as const)('store on %s', (_label, kind) => {
  let database: TestDatabase | undefined;
  let store: Store;

  beforeAll(async () => {
    if (kind === 'postgres') {
      database = await createTestDatabase();
      store = await openStore({ databaseUrl: database.url, names: TEAM_NAMES });
    } else {
      store = await openStore({ dataDir: 'memory://', names: TEAM_NAMES });
    }
    expect(store.kind).toBe(kind);
  });

  afterAll(async () => {
    await store.close();
    await database?.drop();
  });

  it('applies migrations once, however often it is opened', async () => {
    const versions = await store.sql.query<{ version: string }>('SELECT version FROM schema_migrations');
    expect(versions.map((v) => v.version)).toEqual(readMigrations().map((m) => m.version));
    expect(versions.map((v) => v.version)).toContain('003_alert_deliveries');
    if (database) {
      const again = await openStore({ databaseUrl: database.url });
      expect((await again.sql.query('SELECT version FROM schema_migrations')).length).toBe(versions.length);
      await again.close();
    }
  });

  it('hands each alert delivery to one claimant at a time, and never again once sent', async () => {
    const claim = (claimant: string) => store.claimDelivery({ key: 'r|s|c', ruleId: 'r', storyId: 's', channelId: 'c', itemId: 'i1', claimant });
    expect(await claim('job-1')).toBe('send');
    expect(await claim('job-2')).toBe('busy'); // a copy of the story handled at the same moment
    expect(await claim('job-1')).toBe('send'); // the first job's own retry
    await store.markDeliveryFailed('r|s|c', 'ECONNREFUSED', false);
    expect(await claim('job-2')).toBe('send'); // a failed attempt releases its claim
    await store.markDelivered('r|s|c');
    expect(await claim('job-3')).toBe('sent');
    expect(await store.listDeliveries()).toEqual([
      expect.objectContaining({ key: 'r|s|c', status: 'sent', attempts: 3, lastError: null, itemId: 'i1' }),
    ]);
  });

  it('inserts an item once: a second upsert of the same id adds no row', async () => {
    expect(await store.upsertItem(item('a1'))).toEqual({ inserted: true });
    expect(await store.upsertItem(item('a1', { title: 'changed' }))).toEqual({ inserted: false });
    const rows = await store.listItems({ sourceId: 'hespress' });
    expect(rows.filter((r) => r.id === 'a1')).toHaveLength(1);
    expect(rows.find((r) => r.id === 'a1')?.title).toBe('عنوان a1');
  });

  it('keeps one row when many deliveries of an item race', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => store.upsertItem(item('race'))));
    expect(results.filter((r) => r.inserted)).toHaveLength(1);
    expect((await store.listItems()).filter((r) => r.id === 'race')).toHaveLength(1);
  });

  it('fails only the item the database rejects when it shares a batch with others', async () => {
    const bad = item('bad', { text: 'NUL \u0000 byte' });
    const results = await Promise.allSettled([store.upsertItem(item('ok1')), store.upsertItem(bad), store.upsertItem(item('ok2'))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.knownItemIds(['ok1', 'bad', 'ok2'])).toEqual(new Set(['ok1', 'ok2']));
  });

  it('round-trips every field', async () => {
    const original = item('full', {
      sourceId: 'le360-fr', language: 'fra', arabic: false, duplicateOf: '000_7f10525f81fda1b7',
      similarity: 0.87, storyId: '000_7f10525f81fda1b7', tags: ['interpol', 'dgsn'], publishedAt: null,
      evidence: { interpol: [{ alias: 'انتربول', offset: 12, matched: 'للأنتربول' }], dgsn: [{ alias: 'حموشي', offset: 40, matched: 'حموشي' }] },
    });
    await store.upsertItem(original);
    const [stored] = await store.listItems({ sourceId: 'le360-fr' });
    const { storedAt, revisedAt, ...rest } = stored!;
    expect(rest).toEqual(original);
    expect(revisedAt).toBeNull();
    expect(Date.parse(storedAt)).not.toBeNaN();
  });

  it("makes a story's original a copy of the article that replaces it, once, and when it is stored later, then", async () => {
    await store.upsertItem(item('was-first'));
    expect(await store.supersedeItem('was-first', 'published-first', 0.75)).toBe('done');
    expect(await store.supersedeItem('was-first', 'published-first', 0.75)).toBe('done');
    expect(await store.supersedeItem('was-first', 'another', 0.5)).toBe('done');
    const stored = async (id: string) => (await store.listItems({ sourceId: 'hespress' })).find((i) => i.id === id);
    expect(await stored('was-first')).toMatchObject({ duplicateOf: 'published-first', similarity: 0.75 });
    // Its store job behind the replacing one's: the row takes the replacement when it comes, once.
    expect(await store.supersedeItem('stored-later', 'published-first', 0.7)).toBe('pending');
    expect(await stored('stored-later')).toBeUndefined();
    expect(await store.upsertItem(item('stored-later'))).toEqual({ inserted: true });
    expect(await stored('stored-later')).toMatchObject({ duplicateOf: 'published-first', similarity: 0.7 });
    expect(await store.sql.query('SELECT * FROM item_supersessions')).toEqual([]);
  });

  it('tells which ids it already holds', async () => {
    await store.upsertItem(item('known'));
    expect(await store.knownItemIds(['known', 'unknown'])).toEqual(new Set(['known']));
    expect(await store.knownItemIds([])).toEqual(new Set());
  });

  it("stores a revision over its item's row, once, and only a longer text; its story's items follow it into another", async () => {
    const brief = item('brief', { sourceId: 'revised', title: 'عاجل', text: 'الأنتربول ينتخب المغرب' });
    await store.upsertItem(brief);
    await store.upsertItem(item('copies-brief', { sourceId: 'revised', duplicateOf: 'brief', storyId: 'brief' }));
    expect(await store.storedTextLengths(['brief', 'unseen'])).toEqual(new Map([['brief', brief.text.length]]));
    const full = {
      ...brief, revision: 'a1b2c3d4', title: 'الأنتربول ينتخب المغرب نائبا لرئيسه', text: `${brief.text}. ${'نص المقال كاملا '.repeat(30)}`,
      fetchedAt: '2024-11-07T13:00:00.000Z', duplicateOf: 'ref-x', similarity: 0.8, storyId: 'ref-x', tags: ['interpol'],
    };
    expect(await store.reviseItem(full)).toEqual({ inserted: false, revised: true });
    expect(await store.reviseItem(full)).toEqual({ inserted: false, revised: false });
    expect(await store.reviseItem({ ...full, text: 'أقصر', title: 'عنوان آخر', tags: [] })).toEqual({ inserted: false, revised: false });
    const stored = new Map((await store.listItems({ sourceId: 'revised' })).map(({ storedAt: _storedAt, ...rest }) => [rest.id, rest]));
    const { revision: _revision, ...asRevised } = full;
    // Where and when it was first fetched stay: its place among the newest does not move.
    const { revisedAt, ...revisedRow } = stored.get('brief')!;
    expect(revisedRow).toEqual({ ...asRevised, fetchedAt: brief.fetchedAt });
    expect(Date.parse(revisedAt!)).not.toBeNaN();
    expect(stored.get('copies-brief')!.revisedAt).toBeNull();
    expect(stored.get('copies-brief')).toMatchObject({ duplicateOf: 'brief', storyId: 'ref-x' });
    expect((await store.listItems({ search: 'كاملا' })).map((i) => i.id)).toEqual(['brief']);
    expect(await store.storedTextLengths(['brief'])).toEqual(new Map([['brief', full.text.length]]));
    // A revision whose item is not stored (gone since) is stored as one.
    expect(await store.reviseItem(item('gone', { sourceId: 'revised', revision: '0badc0de' }))).toEqual({ inserted: true, revised: false });
  });

  it('leaves a row and its copies as they are when a revision is overtaken by a longer one stored first', async () => {
    const brief = item('overtaken', { sourceId: 'overtaken', text: 'عاجل: الأنتربول ينتخب المغرب' });
    await store.upsertItem(brief);
    await store.upsertItem(item('copies-overtaken', { sourceId: 'overtaken', duplicateOf: 'overtaken', storyId: 'overtaken' }));
    const longest = { ...brief, revision: 'ffff0002', text: `${brief.text}. ${'نص المقال كاملا '.repeat(40)}` };
    expect(await store.reviseItem(longest)).toEqual({ inserted: false, revised: true });
    // An earlier, shorter revision delivered late, classified as a copy of another story.
    const earlier = { ...brief, revision: 'ffff0001', text: `${brief.text}. ${'نص المقال '.repeat(30)}`, duplicateOf: 'ref-y', storyId: 'ref-y' };
    expect(await store.reviseItem(earlier)).toEqual({ inserted: false, revised: false });
    const stored = new Map((await store.listItems({ sourceId: 'overtaken' })).map((i) => [i.id, i]));
    expect(stored.get('overtaken')).toMatchObject({ storyId: 'overtaken', text: longest.text });
    expect(stored.get('copies-overtaken')).toMatchObject({ storyId: 'overtaken' });
  });

  it('remembers a dropped item as seen, once, without making it an item', async () => {
    await store.upsertItem(item('kept-ar'));
    await store.recordDropped({ id: 'dropped-fr', sourceId: 'dropped-only', language: 'fra' });
    await store.recordDropped({ id: 'dropped-fr', sourceId: 'dropped-only', language: 'fra' });
    expect(await store.knownItemIds(['dropped-fr', 'kept-ar', 'unseen'], { dropped: true })).toEqual(new Set(['dropped-fr', 'kept-ar']));
    expect(await store.knownItemIds(['dropped-fr'])).toEqual(new Set());
    expect(await store.listItems({ sourceId: 'dropped-only' })).toEqual([]);
  });

  it('filters by tag, date, reference and source, newest first', async () => {
    await store.upsertItem(item('f1', { sourceId: 'filter', tags: ['dgsn'], publishedAt: '2024-11-01T00:00:00.000Z' }));
    await store.upsertItem(item('f2', { sourceId: 'filter', tags: ['interpol', 'dgsn'], publishedAt: '2024-11-05T00:00:00.000Z', duplicateOf: 'ref1' }));
    await store.upsertItem(item('f3', { sourceId: 'filter', tags: [], publishedAt: null, fetchedAt: '2024-11-09T00:00:00.000Z' }));
    const ids = async (filter: Parameters<Store['listItems']>[0]) => (await store.listItems({ sourceId: 'filter', ...filter })).map((r) => r.id);
    expect(await ids({})).toEqual(['f3', 'f2', 'f1']);
    expect(await ids({ tag: 'dgsn' })).toEqual(['f2', 'f1']);
    expect(await ids({ tag: 'interpol' })).toEqual(['f2']);
    expect(await ids({ since: '2024-11-04T00:00:00Z' })).toEqual(['f3', 'f2']);
    expect(await ids({ duplicatesOf: 'ref1' })).toEqual(['f2']);
    expect(await ids({ limit: 1 })).toEqual(['f3']);
    expect(await ids({ until: '2024-11-05T00:00:00Z' })).toEqual(['f1']);
    expect(await ids({ limit: 2, offset: 1 })).toEqual(['f2', 'f1']);
  });

  it("counts each reference article's pickups, outlets, and first and last pickup", async () => {
    await store.upsertItem(item('r1-a', { sourceId: 'refs-a', duplicateOf: 'ref-counted', publishedAt: '2024-12-01T08:00:00.000Z' }));
    await store.upsertItem(item('r1-b', { sourceId: 'refs-b', duplicateOf: 'ref-counted', publishedAt: null, fetchedAt: '2024-12-01T10:30:00.000Z' }));
    await store.upsertItem(item('r1-c', { sourceId: 'refs-a', duplicateOf: 'ref-counted', publishedAt: '2024-12-02T09:00:00.000Z' }));
    await store.upsertItem(item('r1-copy-of-item', { sourceId: 'refs-a', duplicateOf: 'r1-a', publishedAt: '2024-12-03T09:00:00.000Z' }));
    const counted = await store.referencePickups(['ref-counted', 'ref-never-picked-up']);
    expect([...counted]).toEqual([['ref-counted', { pickups: 3, outlets: 2, first: '2024-12-01T08:00:00.000Z', last: '2024-12-02T09:00:00.000Z' }]]);
  });

  it('lists every item a page at a time, newest first, ties by id, each once, up to a limit when given, or one page after another', async () => {
    const times = ['2024-10-03T00:00:00.000Z', '2024-10-01T00:00:00.123Z', '2024-10-02T00:00:00.000Z'];
    // Seven items on three instants: pages of two end inside runs of equal times.
    for (let i = 0; i < 7; i++) await store.upsertItem(item(`p${i}`, { sourceId: 'pages', publishedAt: times[i % 3]! }));
    const pages = async (limit?: number) => {
      const out: string[][] = [];
      for await (const page of store.eachItemPage({ sourceId: 'pages', limit }, 2)) out.push(page.map((i) => i.id));
      return out;
    };
    const all = (await store.listItems({ sourceId: 'pages' })).map((i) => i.id);
    expect(all).toEqual(['p0', 'p3', 'p6', 'p2', 'p5', 'p1', 'p4']);
    expect(await pages()).toEqual([['p0', 'p3'], ['p6', 'p2'], ['p5', 'p1'], ['p4']]);
    expect((await pages(5)).flat()).toEqual(all.slice(0, 5));
    // One page at a time, as the JSON API gives them: each says where the next starts, the last that none does.
    const first = await store.itemPage({ sourceId: 'pages', limit: 4 });
    expect(first.items.map((i) => i.id)).toEqual(all.slice(0, 4));
    expect(first.next).toEqual({ at: '2024-10-02T00:00:00.000000Z', id: 'p2' });
    const second = await store.itemPage({ sourceId: 'pages', limit: 4 }, first.next!);
    expect(second.items.map((i) => i.id)).toEqual(all.slice(4));
    expect(second.next).toBeNull();
    // An item stored between two pages, newer than the page reached, does not push the others out.
    const seen: string[] = [];
    for await (const page of store.eachItemPage({ sourceId: 'pages' }, 3)) {
      if (seen.length === 0) await store.upsertItem(item('p-late', { sourceId: 'pages', publishedAt: '2024-10-04T00:00:00.000Z' }));
      seen.push(...page.map((i) => i.id));
    }
    expect(seen).toEqual(all);
  });

  it('finds words whatever their hamza, diacritics, ta marbuta, clitics or case', async () => {
    const searched = (id: string, title: string, text: string) => item(id, { sourceId: 'search', title, text });
    await store.upsertItem(searched('s1', 'المديرية العامة للأمن الوطني تفكك شبكة', 'أعلنت الشرطةُ القضائية بمدينة طنجة عن توقيف مشتبه به.'));
    await store.upsertItem(searched('s2', 'Interpol arrests a fugitive', 'Le mandat d’arrêt de l’Interpol a été exécuté à Casablanca.'));
    await store.upsertItem(searched('s3', 'وزير الداخلية يستقبل نظيره', 'لقاء حول التعاون الأمني والهجرة.'));
    const found = async (search: string) => (await store.listItems({ sourceId: 'search', search })).map((r) => r.id).sort();
    expect(await found('الامن الوطني')).toEqual(['s1']); // hamza folded, ل proclitic on للأمن
    expect(await found('"الأمن الوطني"')).toEqual(['s1']); // as a phrase
    expect(await found('"الوطني الأمن"')).toEqual([]); // a phrase keeps its order
    expect(await found('شرطة')).toEqual(['s1']); // diacritic, article and ta marbuta
    expect(await found('INTERPOL')).toEqual(['s2']);
    expect(await found('طنجة OR casablanca')).toEqual(['s1', 's2']);
    expect(await found('NOT طنجة')).toEqual(['s2', 's3']);
    expect(await found('توقيف NEAR/3 مشتبه')).toEqual(['s1']);
    expect(await found('أمن')).toEqual(['s1']); // s3's الأمني is another word
    expect(await found('طنجة أو الهجرة')).toEqual(['s1', 's3']); // OR as Arabic writes it
    expect(await found('-طنجة -interpol')).toEqual(['s3']); // NOT as search boxes write it
    expect(await found('أمن*')).toEqual(['s1', 's3']); // every word that starts with it: الأمني too
    expect(await found('"التعاون الأمن*"')).toEqual(['s3']); // a start in a phrase
    // A name finds its spellings in the other scripts.
    expect(await found('Tanger')).toEqual(['s1']);
    expect(await found('"الدار البيضاء"')).toEqual(['s2']);
    expect(await found('الإنتربول OR DGSN')).toEqual(['s1', 's2']);
    expect(await found('Sûreté nationale')).toEqual(['s1']); // a name's words written apart
    expect(await found('Tingis')).toEqual(['s1']); // a name of the team's (the store's `names`)
    expect(await found('Tanger NEAR/3 توقيف')).toEqual(['s1']); // on a NEAR's side too
    expect(await found('Tanger NEAR/1 توقيف')).toEqual([]);
    // A NEAR counts from the end of a phrase, as the alert rules' Query does.
    expect(await found('"الشرطة القضائية" NEAR/2 طنجة')).toEqual(['s1']);
    expect(await found('"الشرطة القضائية" NEAR/1 طنجة')).toEqual([]);
  });

  it('gives rows stored before search existed their search document', async () => {
    await store.upsertItem(item('old', { sourceId: 'backfill', title: 'حادثة سير خطيرة', text: 'وقعت الحادثة صباح اليوم.' }));
    await store.sql.query("UPDATE items SET search = NULL WHERE id = 'old'");
    expect(await store.listItems({ sourceId: 'backfill', search: 'حادثة' })).toEqual([]);
    expect(await backfillSearch(store.sql)).toBe(1);
    expect((await store.listItems({ sourceId: 'backfill', search: 'حادثه' })).map((r) => r.id)).toEqual(['old']);
  });
});

describe('embedded store', () => {
  it('keeps its data in the data folder across restarts', async () => {
    const dir = temporaryDir('marsad-pglite-');
    const first = await openStore({ dataDir: dir });
    await first.upsertItem(item('persisted'));
    await first.close();
    const second = await openStore({ dataDir: dir });
    expect((await second.listItems()).map((r) => r.id)).toEqual(['persisted']);
    await second.close();
  });

  it('refuses a data folder that another live process has open', async () => {
    const dir = temporaryDir('marsad-pglite-');
    const other = spawn('sleep', ['30']);
    try {
      mkdirSync(join(dir, 'pglite'), { recursive: true });
      writeFileSync(join(dir, 'pglite', 'marsad.lock'), String(other.pid));
      const opening = openStore({ dataDir: dir });
      await expect(opening).rejects.toThrow(StoreBusyError);
      await expect(opening).rejects.toThrow(/in another process \(pid \d+\).*DATABASE_URL/);
    } finally {
      other.kill();
    }
  });

  it('says which folder it cannot use, and why, when a file stands in its path', async () => {
    const file = join(temporaryDir('marsad-pglite-'), 'not-a-folder');
    writeFileSync(file, 'x');
    const opening = openStore({ dataDir: file });
    await expect(opening).rejects.toThrow(StoreFolderError);
    await expect(opening).rejects.toThrow(`the embedded store's folder ${join(file, 'pglite')} cannot be used: a file stands in its path (ENOTDIR). Set MARSAD_DATA_DIR`);
  });

  it('takes over a lock left by a process that is gone', async () => {
    const dir = temporaryDir('marsad-pglite-');
    mkdirSync(join(dir, 'pglite'), { recursive: true });
    writeFileSync(join(dir, 'pglite', 'marsad.lock'), '999999999');
    const store = await openStore({ dataDir: dir });
    expect(await store.countItems()).toBe(0);
    await store.close();
  });

  it("keeps a small buffer cache, the embedded store's memory being the process's (a new folder, then the same reopened)", async () => {
    const dir = temporaryDir('marsad-pglite-');
    for (let open = 0; open < 2; open++) {
      const store = await openStore({ dataDir: dir });
      expect(await store.sql.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
      await store.close();
    }
  });
});

describe('a PostgreSQL that cannot be used', () => {
  const withPath = (url: string, path: string, user?: string) => {
    const parsed = new URL(url);
    parsed.pathname = path;
    if (user) [parsed.username, parsed.password] = [user, 'secret'];
    return parsed.toString();
  };

  it('says nothing answers at the URL, and how to get a store', async () => {
    const opening = openStore({ databaseUrl: 'postgres://marsad:secret@127.0.0.1:1/marsad' });
    await expect(opening).rejects.toThrow(DatabaseUnavailableError);
    await expect(opening).rejects.toThrow(/^PostgreSQL is not answering at postgres:\/\/marsad:\*\*\*@127\.0\.0\.1:1\/marsad \(ECONNREFUSED\)\..*unset DATABASE_URL to use the embedded store/);
  });

  it("says what the server refused: a database or a role it does not have, the password masked", async () => {
    await expect(openStore({ databaseUrl: withPath(TEST_DATABASE_URL, '/marsad_no_such_database') })).rejects.toThrow(/refused the connection: database "marsad_no_such_database" does not exist\. Fix DATABASE_URL/);
    const noRole = openStore({ databaseUrl: withPath(TEST_DATABASE_URL, '/test', 'marsad_no_such_role') });
    await expect(noRole).rejects.toThrow(/^PostgreSQL at postgres:\/\/marsad_no_such_role:\*\*\*@.* refused the connection: .*marsad_no_such_role/);
  });
});

describe('store on PostgreSQL, with other connections writing', () => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await openStore({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it("never leaves an original's row committed while it is being superseded its story's original", async () => {
    // The former original's row is inserted by another connection and committed during the call.
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    const otherStoreJob = store.sql.transaction(async (tx) => {
      await upsertItems(tx, [item('classified-first')]);
      inserted();
      await committing;
    });
    await insertedYet;
    const committedDuringTheCall: SqlExecutor = {
      query: async (text, params) => {
        const rows = await store.sql.query(text, params);
        commit();
        await otherStoreJob;
        return rows as never;
      },
      exec: (text) => store.sql.exec(text),
    };
    // Not there when it looked, and its store job applied what was recorded before this was: looked
    // at again once recorded, rather than left the original.
    expect(await supersedeItem(committedDuringTheCall, 'classified-first', 'published-first', 0.9)).toBe('pending');
    const [stored] = await store.listItems({ sourceId: 'hespress' });
    expect(stored).toMatchObject({ id: 'classified-first', duplicateOf: 'published-first', similarity: 0.9 });
    expect(await supersedeItem(store.sql, 'classified-first', 'published-first', 0.9)).toBe('done');
  });
});
