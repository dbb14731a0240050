import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PipelineSchema } from '@marsad/config';
import { closeQueues, createRedis, openQueues, type ClassifiedItem } from '@marsad/queues';
import { openStore } from '@marsad/store';
import { createTestDatabase, createTestRedis, itemsUnderOneFooter, killStartedProcesses, runNode, serveFixtures, startNode, waitForOutput, collect, rssFeed, removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

afterAll(removeTemporaryDirs);

const BIN = fileURLToPath(new URL('../bin/marsad.js', import.meta.url));
/** Nothing listens on port 1: proves a command needs no Redis or database. */
/** How long `marsad start` may take to say it started while the rest of the suite loads the machine. */
const STARTING_ON_A_BUSY_MACHINE_MS = 90_000;
const NO_SERVICES = { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

describe('marsad --help', () => {
  it('lists every command with what it does', async () => {
    const result = await runNode(BIN, ['--help'], { env: NO_SERVICES });
    const commands = result.stdout.slice(result.stdout.indexOf('Commands:')).split('\n').slice(1).filter((line) => /^ {2}\S/.test(line));
    expect(commands.map((line) => line.trim().split(/\s+/)[0])).toEqual(expect.arrayContaining(['start', 'run', 'items', 'classify', 'sources', 'fixtures', 'new-adapter', 'demo']));
    for (const line of commands) expect(line.trim()).toMatch(/\S\s{2,}\S/);
  });
});

describe('marsad options', () => {
  it.each([
    [['items', '--limit', '0'], '--limit "0" is not a positive whole number'],
    [['items', '--limit', 'x'], '--limit "x" is not a positive whole number'],
    [['alerts', '--limit', '2.5'], '--limit "2.5" is not a positive whole number'],
    [['run', '--once', '--timeout', '-5'], '--timeout "-5" is not a positive number'],
    [['items', '--since', '06/12/2026'], '--since "06/12/2026" is not a date (use ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00Z; UTC unless it gives an offset)'],
    [['items', '--until', 'yesterday'], '--until "yesterday" is not a date (use ISO 8601, e.g. 2026-11-01 or 2026-11-01T08:00:00Z; UTC unless it gives an offset)'],
    [['items', '--tag', 'DGSN'], '--tag: unknown tag "DGSN" (tags: interpol, dgsn)'],
    [['items', '--language', 'ar'], '--language "ar": an ISO 639-3 code, as items hold it: arb for Arabic, ary for Darija, fra for French'],
    [['items', '--language', 'Arabic'], '--language "Arabic": an ISO 639-3 code, as items hold it: arb for Arabic, ary for Darija, fra for French'],
  ])('refuses %j with one line naming the option, before any Redis or database', async (args, message) => {
    const result = await runNode(BIN, args, { env: NO_SERVICES });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`marsad: ${message}`);
  });
});

describe('marsad classify', () => {
  it('answers one JSON line per input line, in input order, with no Redis or database', async () => {
    const input = [
      { id: 'a', title: 'حموشي يستقبل وفدا أمنيا إسبانيا', text: 'استقبل المدير العام للأمن الوطني وفدا أمنيا إسبانيا بالرباط' },
      { id: 2, title: 'Interpellation', text: 'Les éléments de la wilaya de sûreté ont interpellé un suspect après une course-poursuite', url: 'https://fr.le360.ma/x' },
      { id: 'c', title: 'پلیس', text: 'پلیس ایران اعلام کرد که این فرد دستگیر شده است' },
      { id: 'd', title: 'Interpellation', text: 'Les éléments de la wilaya de sûreté ont interpellé un suspect après une course-poursuite' },
    ];
    const result = await runNode(BIN, ['classify'], { env: NO_SERVICES, input: `${input.map((l) => JSON.stringify(l)).join('\n')}\n\n` });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.id, l.language, l.arabic])).toEqual([
      ['a', 'arb', true],
      [2, 'fra', false],
      ['c', 'pes', false],
      ['d', 'fra', false],
    ]);
    // The French lines name no country: on a Moroccan site (.ma) a wilaya de sûreté is Morocco's; with
    // no address it could be Algeria's (its sûreté de wilaya), so that one is not tagged.
    expect(lines.map((l) => l.tags)).toEqual([['dgsn'], ['dgsn'], [], []]);
    // The last line repeats the second, one sentence under the same title: a copy of it, however short.
    expect(lines.map((l) => l.duplicateOf)).toEqual([null, null, null, 2]);
  });

  it('points copies at the reference article or at an earlier line', async () => {
    const seed = readFileSync(fileURLToPath(new URL('../../../seeds/002_76943d91d9f1eaeb.txt', import.meta.url)), 'utf8');
    const story = 'أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية المتضررين من الجفاف يشمل توزيع الأعلاف المدعمة وتأجيل سداد القروض ومواكبة تقنية ميدانية في الجهات الأكثر تضررا خلال الأشهر المقبلة';
    const input = [
      { id: 'pickup', title: 'حموشي في غلاسكو', text: `الرباط - متابعة\n${seed.replaceAll('أ', 'ا')}\nتابعونا` },
      { id: 'first', title: 'دعم مربي الماشية', text: story },
      { id: 'again', title: 'الفلاحة: دعم استثنائي', text: `${story} (وكالات)` },
    ];
    const result = await runNode(BIN, ['classify'], { env: NO_SERVICES, input: input.map((l) => JSON.stringify(l)).join('\n') });
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.duplicateOf)).toEqual(['002_76943d91d9f1eaeb', null, 'first']);
    expect(lines[0]!.similarity).toBeGreaterThan(0.9);
    expect(lines[0]!.tags).toEqual(['interpol', 'dgsn']);
  });

  it("learns what one outlet repeats under every item: none of its short items under one long footer is a copy", async () => {
    const input = itemsUnderOneFooter().map((text, i) => JSON.stringify({ id: `o${i}`, title: '', text, url: `https://www.footer.ma/news/${i}` }));
    const result = await runNode(BIN, ['classify'], { env: NO_SERVICES, input: input.join('\n') });
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.duplicateOf)).toEqual([null, null, null, null, null, null]);
  });

  it('echoes ids as written and reads lines as editors save them (BOM, CRLF, null or missing title)', async () => {
    const story = 'أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية المتضررين من الجفاف يشمل توزيع الأعلاف المدعمة وتأجيل سداد القروض ومواكبة تقنية ميدانية في الجهات الأكثر تضررا خلال الأشهر المقبلة';
    const input = [
      `\ufeff${JSON.stringify({ id: 7, title: null, text: story })}`,
      JSON.stringify({ id: 8, text: `${story} (وكالات)` }),
      JSON.stringify({ id: '9', title: 'دعم مربي الماشية', text: null }),
    ].join('\r\n');
    const result = await runNode(BIN, ['classify'], { env: NO_SERVICES, input });
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.id, l.duplicateOf, l.storyId, l.arabic])).toEqual([
      [7, null, 7, true],
      [8, 7, 7, true],
      ['9', null, '9', true],
    ]);
  });

  it('reads the reference articles from --seeds', async () => {
    const dir = temporaryDir('marsad-seeds-');
    const text = 'أعلنت وزارة الفلاحة عن برنامج استثنائي لدعم مربي الماشية المتضررين من الجفاف يشمل توزيع الأعلاف المدعمة وتأجيل سداد القروض ومواكبة تقنية ميدانية في الجهات الأكثر تضررا';
    writeFileSync(join(dir, 'communique-7.txt'), text);
    const result = await runNode(BIN, ['classify', '--seeds', dir], { env: NO_SERVICES, input: JSON.stringify({ id: 'x', title: '', text }) });
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'x', duplicateOf: 'communique-7', similarity: 1 });
  });

  it('reads them from MARSAD_SEEDS_DIR without --seeds, as the services do, and says so when it cannot', async () => {
    const dir = temporaryDir('marsad-seeds-');
    const text = 'أعلنت وزارة التجهيز عن إغلاق مؤقت للطريق الجهوية بين إفران وأزرو بسبب الثلوج الكثيفة ودعت السائقين إلى سلوك الطريق الوطنية رقم 13 إلى حين انتهاء عمليات إزاحة الثلوج';
    writeFileSync(join(dir, 'communique-8.txt'), text);
    const found = await runNode(BIN, ['classify'], { env: { ...NO_SERVICES, MARSAD_SEEDS_DIR: dir }, input: JSON.stringify({ id: 'x', title: '', text }) });
    expect(JSON.parse(found.stdout)).toMatchObject({ id: 'x', duplicateOf: 'communique-8' });
    const missing = await runNode(BIN, ['classify'], { env: { ...NO_SERVICES, MARSAD_SEEDS_DIR: join(dir, 'moved') }, input: '{"id":"x","text":""}' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read the reference articles in ${join(dir, 'moved')}`);
  });

  it('says so on stderr when --seeds holds no reference article, and still answers every line', async () => {
    const dir = temporaryDir('marsad-seeds-');
    const result = await runNode(BIN, ['classify', '--seeds', dir], { env: NO_SERVICES, input: JSON.stringify({ id: 'x', title: '', text: 'نص' }) });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`marsad: no reference articles (.txt files) in ${dir}`);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'x', duplicateOf: null });
  });

  it('names on stderr each reference article no copy of which can be found, and each file it does not read, and uses the others', async () => {
    const dir = temporaryDir('marsad-seeds-');
    const text = 'أعلنت وزارة الصحة عن إطلاق حملة وطنية للتلقيح ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع جهات المملكة ابتداء من الأسبوع المقبل بتنسيق مع السلطات المحلية';
    writeFileSync(join(dir, 'CAMPAIGN.TXT'), text);
    writeFileSync(join(dir, 'headline.txt'), 'حملة وطنية للتلقيح ضد الحصبة');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'report.txt'), Buffer.from(text, 'utf16le'));
    writeFileSync(join(dir, 'communique.docx'), 'PK');
    const result = await runNode(BIN, ['classify', '--seeds', dir], { env: NO_SERVICES, input: JSON.stringify({ id: 'x', title: '', text }) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ id: 'x', duplicateOf: 'CAMPAIGN' });
    expect(result.stderr.trim().split('\n')).toEqual([
      `marsad: no copy of the reference article ${join(dir, 'empty.txt')} can ever be found: it holds no words`,
      `marsad: no copy of the reference article ${join(dir, 'headline.txt')} can ever be found: it holds 5 words, and a copy must reproduce at least 20 of a reference's`,
      expect.stringMatching(new RegExp(`^marsad: no copy of the reference article ${join(dir, 'report.txt')} can ever be found: it is not text`)),
      `marsad: ${join(dir, 'communique.docx')} is not read as a reference article: only .txt files of plain text are (save it as text, UTF-8)`,
    ]);
  });

  it('files a line that repeats an earlier id, or a reference\'s, as an article of its own', async () => {
    const dir = temporaryDir('marsad-seeds-');
    const reference = 'أعلنت وزارة الصحة عن إطلاق حملة وطنية للتلقيح ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع جهات المملكة ابتداء من الأسبوع المقبل بتنسيق مع السلطات المحلية';
    const weather = 'توقعت المديرية العامة للأرصاد الجوية أمطارا رعدية قوية بعدد من أقاليم المملكة مع هبوب رياح عاصفية وانخفاض ملحوظ في درجات الحرارة خلال نهاية الأسبوع الجاري';
    const roads = 'أعلنت وزارة التجهيز عن إغلاق مؤقت للطريق الجهوية بين إفران وأزرو بسبب الثلوج الكثيفة ودعت السائقين إلى سلوك الطريق الوطنية رقم 13 إلى حين انتهاء عمليات إزاحة الثلوج';
    writeFileSync(join(dir, 'campaign.txt'), reference);
    const input = [
      { id: 'a', title: '', text: weather },
      { id: 'a', title: '', text: roads },
      { id: 'b', title: '', text: `متابعة\n${roads}` },
      { id: 'campaign', title: '', text: weather.replace('رعدية', 'غزيرة').replace('نهاية الأسبوع', 'الأيام المقبلة') },
    ];
    const result = await runNode(BIN, ['classify', '--seeds', dir], { env: NO_SERVICES, input: input.map((l) => JSON.stringify(l)).join('\n') });
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; duplicateOf: string | null; storyId: string });
    expect(lines.map(({ id, duplicateOf, storyId }) => ({ id, duplicateOf, storyId }))).toEqual([
      { id: 'a', duplicateOf: null, storyId: 'a' },
      { id: 'a', duplicateOf: null, storyId: 'a' },
      { id: 'b', duplicateOf: 'a', storyId: 'a' },
      { id: 'campaign', duplicateOf: 'a', storyId: 'a' },
    ]);
  });

  it('answers an invalid line with an error line, keeping the order', async () => {
    const input = [
      'not json',
      JSON.stringify({ title: 'no id' }),
      JSON.stringify({ id: { nested: 1 }, text: 'x' }),
      JSON.stringify({ id: 'ok', title: 'خبر', text: 'نص الخبر كاملا هنا' }),
    ].join('\n');
    const result = await runNode(BIN, ['classify'], { env: NO_SERVICES, input });
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toEqual({ id: null, error: 'not valid JSON' });
    expect(lines[1]).toEqual({ id: null, error: 'id: a string or a number is required' });
    expect(lines[2]).toEqual({ id: null, error: 'id: a string or a number is required' });
    expect(lines[3]).toMatchObject({ id: 'ok', language: 'arb', arabic: true });
  });
});

describe('marsad items', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const store = await openStore({ databaseUrl: database.url });
    try {
      for (const [id, publishedAt] of [['early', '2026-12-07T09:30:00.000Z'], ['late', '2026-12-07T10:30:00.000Z']] as const) {
        const item: ClassifiedItem = { id, sourceId: 'a', url: `https://a.ma/${id}`, title: `خبر ${id}`, text: 'نص الخبر', publishedAt, fetchedAt: publishedAt, language: 'arb', arabic: true, duplicateOf: null, similarity: null, storyId: id, tags: [], evidence: {} };
        await store.upsertItem(item);
      }
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await database.drop();
  });

  it('reads a time without an offset as UTC, as it prints times, whatever the machine\'s zone', async () => {
    const env = { ...NO_SERVICES, DATABASE_URL: database.url, TZ: 'Asia/Tokyo' };
    const since = async (value: string) => (await runNode(BIN, ['items', '--json', '--since', value], { env })).stdout.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id);
    expect(await since('2026-12-07 10:00')).toEqual(['late']);
    expect(await since('2026-12-07T10:00:00')).toEqual(['late']);
    expect(await since('2026-12-07T10:00+01:00')).toEqual(['late', 'early']);
    const listed = await runNode(BIN, ['items', '--until', '2026-12-07T10:00'], { env });
    expect(listed.stdout).toMatch(/^2026-12-07 09:30 UTC {2}a /);
    expect(listed.stderr).toContain('1 item(s)\n');
  });

  it("says the spellings of a name a search also looked for, the config's names too", async () => {
    const env = { ...NO_SERVICES, DATABASE_URL: database.url };
    const searched = await runNode(BIN, ['items', '--search', 'Rabat'], { env });
    expect(searched.stderr).toContain('0 item(s); the search also looked for الرباط\n');
    // And the names the config adds (search.names).
    const config = join(temporaryDir('marsad-'), 'marsad.yml');
    writeFileSync(config, 'sources:\n  - { id: a, url: "https://a.ma/feed" }\nsearch:\n  names:\n    - [Akhbar, خبر]\n');
    const named = await runNode(BIN, ['items', '--config', config, '--search', 'Akhbar', '--json'], { env });
    expect(named.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['late', 'early']);
    expect((await runNode(BIN, ['items', '--config', config, '--search', 'Akhbar'], { env })).stderr).toContain('2 item(s); the search also looked for خبر\n');
  });

  it("gives a search's items the passage where each says what was asked, its words marked in JSON", async () => {
    const env = { ...NO_SERVICES, DATABASE_URL: database.url };
    const found = await runNode(BIN, ['items', '--search', 'الخبر', '--json'], { env });
    expect(found.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { excerpt: unknown }).excerpt)).toEqual([
      { text: 'نص الخبر', marks: [[3, 8]] },
      { text: 'نص الخبر', marks: [[3, 8]] },
    ]);
    // In a pipe, the passage under each item, as text.
    expect((await runNode(BIN, ['items', '--search', 'الخبر'], { env })).stdout).toMatch(/^.*خبر late\n {2}https:\/\/a\.ma\/late\n {2}نص الخبر\n/);
    expect((JSON.parse((await runNode(BIN, ['items', '--json'], { env })).stdout.split('\n')[0]!) as object)).not.toHaveProperty('excerpt');
  });

  it('says, of a source that lists nothing, when the config has no such source and which it likely meant', async () => {
    const config = join(temporaryDir('marsad-'), 'marsad.yml');
    writeFileSync(config, 'sources:\n  - { id: b, url: "https://b.ma/feed" }\n  - { id: hespress, url: "https://www.hespress.com/feed" }\n');
    const env = { ...NO_SERVICES, DATABASE_URL: database.url };
    const misspelt = await runNode(BIN, ['items', '--config', config, '--source', 'hespres'], { env });
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain(`marsad: --source: no item stored, and ${config}: unknown source "hespres" (did you mean "hespress"?)`);
    // Listed, or holding items (a, since removed from the config): its answer, empty or not.
    expect((await runNode(BIN, ['items', '--config', config, '--source', 'hespress'], { env })).code).toBe(0);
    const removed = await runNode(BIN, ['items', '--config', config, '--source', 'a', '--json'], { env });
    expect(removed.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('says, of a reference or story that lists nothing, when it is neither a reference article nor a stored item, and which it likely meant', async () => {
    const seeds = temporaryDir('marsad-seeds-');
    writeFileSync(join(seeds, 'dgsn-communique.txt'), 'بلاغ المديرية العامة للأمن الوطني');
    const env = { ...NO_SERVICES, DATABASE_URL: database.url, MARSAD_SEEDS_DIR: seeds };
    const misspelt = await runNode(BIN, ['items', '--duplicates-of', 'dgsn-comunique', '--json'], { env });
    expect(misspelt.code).toBe(2);
    expect(misspelt.stdout).toBe('');
    expect(misspelt.stderr).toContain('marsad: --duplicates-of: no item stored, and "dgsn-comunique" is neither a reference article (did you mean "dgsn-communique"?) nor a stored item');
    const story = await runNode(BIN, ['items', '--story', 'erly'], { env });
    expect(story.code).toBe(2);
    expect(story.stderr).toContain('marsad: --story: no item stored, and "erly" is neither a reference article (seeds: dgsn-communique) nor a stored item');
    // A reference, or a stored item, that nothing copies: an empty answer.
    for (const args of [['--duplicates-of', 'dgsn-communique'], ['--duplicates-of', 'early'], ['--story', 'dgsn-communique']]) {
      const answer = await runNode(BIN, ['items', ...args, '--json'], { env });
      expect(answer.code, args.join(' ')).toBe(0);
      expect(answer.stdout).toBe('');
    }
  });
});

describe('marsad start', () => {
  it('says in one line how to get Redis when none answers, and exits non-zero without a stack trace', async () => {
    const result = await runNode(BIN, ['start'], { env: { ...NO_SERVICES, MARSAD_DATA_DIR: temporaryDir('marsad-') } });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^marsad: Redis is not answering at redis:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\).*docker compose up -d redis.*redis-server/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says in one line that the PostgreSQL of DATABASE_URL does not answer, and exits 2', async () => {
    const result = await runNode(BIN, ['items', '--json'], { env: NO_SERVICES });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^marsad: PostgreSQL is not answering at postgres:\/\/nobody@127\.0\.0\.1:1\/none \(ECONNREFUSED\)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says in one line that the embedded store\'s folder cannot be used, and exits 2', async () => {
    const file = join(temporaryDir('marsad-'), 'a-file');
    writeFileSync(file, 'x');
    const result = await runNode(BIN, ['items', '--json'], { env: { ...NO_SERVICES, DATABASE_URL: '', MARSAD_DATA_DIR: file } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^marsad: the embedded store's folder .*a-file\/pglite cannot be used: a file stands in its path \(ENOTDIR\)\. Set MARSAD_DATA_DIR/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses in one line a MARSAD_SEEDS_DIR that is no folder, before starting anything', async () => {
    const moved = join(temporaryDir('marsad-'), 'seeds-moved');
    const result = await runNode(BIN, ['run', '--once'], { env: { ...NO_SERVICES, MARSAD_SEEDS_DIR: moved } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`MARSAD_SEEDS_DIR: "${moved}" cannot be read (ENOENT): no folder of reference articles there`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an invalid sources file naming the file, line and field', async () => {
    const dir = temporaryDir('marsad-');
    const file = join(dir, 'bad.yml');
    writeFileSync(file, 'sources:\n  - id: a\n    adapter: rss\n    url: https://a.example/feed\n    interval: often\n');
    const result = await runNode(BIN, ['start', '--config', file], { env: NO_SERVICES });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}:5:15: sources[0].interval: invalid interval "often"`);
  });

  it('rejects an unknown service name', async () => {
    const result = await runNode(BIN, ['start', 'scraper'], { env: NO_SERVICES });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown service\(s\) scraper/);
  });

  describe('with Redis', () => {
    const redis = createTestRedis('cli');
    // For the runs whose store does not matter: a process on the embedded store starts seconds slower.
    let database: Awaited<ReturnType<typeof createTestDatabase>>;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    // A test that times out leaves its `marsad` process running, still writing under the prefix.
    afterEach(killStartedProcesses);
    afterAll(async () => {
      await redis.cleanup();
      await database.drop();
    });

    it.each([[['run', '--once']], [['start']]])('%j exits, with the reason, when a service cannot start after another has, leaving no run queues behind', async (command) => {
      // A reference article that links to itself: the classifier cannot read it, after the fetcher started;
      // said in one line, as a problem of the configuration, without a stack trace.
      const seeds = temporaryDir('marsad-seeds-');
      symlinkSync('broken.txt', join(seeds, 'broken.txt'));
      const dir = temporaryDir('marsad-');
      const config = join(dir, 'marsad.yml');
      writeFileSync(config, 'sources:\n  - { id: a, adapter: rss, url: "http://127.0.0.1:1/feed" }\n');
      const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, MARSAD_DATA_DIR: dir, DATABASE_URL: '', MARSAD_SEEDS_DIR: seeds };
      const result = await collect(startNode(BIN, [...command, '--config', config], { env }), 30_000);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`marsad: invalid configuration in ${seeds}:\n  - the reference articles cannot be read: ELOOP`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      const connection = createRedis(redis.url);
      try {
        expect(await connection.keys(`${redis.prefix.slice(0, -1)}:run:*`)).toEqual([]);
      } finally {
        connection.disconnect();
      }
    });

    it('interrupted, a run --once finishes its active jobs, removes its queues and exits 130', async () => {
      // The feed answers after 2 s, so the run is still fetching when it is interrupted.
      const feed = rssFeed('x', 'https://a.ma', [{ title: 'خبر', link: 'https://a.ma/slow-1', description: 'نص الخبر' }]);
      const server = await serveFixtures({ '/slow': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed), 2_000) });
      const dir = temporaryDir('marsad-');
      const config = join(dir, 'marsad.yml');
      writeFileSync(config, `sources:\n  - { id: slow, adapter: rss, url: "${server.url('/slow')}" }\n`);
      const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database.url };
      const connection = createRedis(redis.url);
      try {
        const child = startNode(BIN, ['run', '--once', '--config', config, '--json'], { env });
        const exited = collect(child, 60_000);
        await waitForOutput(child, (out) => out.includes('"msg":"run started"'));
        await waitForOutput(child, () => (server.hits.get('/slow') ?? 0) > 0);
        child.kill('SIGINT');
        const result = await exited;
        expect(result.code).toBe(130);
        expect(child.output()).toContain('"msg":"interrupted: finishing active jobs, then cleaning up (again to exit at once)"');
        expect(JSON.parse(result.stdout)).toMatchObject({ sources: 1 });
        expect(await connection.keys(`${redis.prefix.slice(0, -1)}:run:*`)).toEqual([]);
      } finally {
        connection.disconnect();
        await server.close();
      }
    });

    it('a run --once killed outright leaves its queues to the next run, which removes them once its lease has lapsed', async () => {
      const feed = rssFeed('x', 'https://a.ma', [{ title: 'خبر', link: 'https://a.ma/killed-1', description: 'نص الخبر' }]);
      const server = await serveFixtures({
        '/slow': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed), 2_000),
        '/feed': { body: feed },
      });
      const dir = temporaryDir('marsad-');
      const [slow, fast] = [join(dir, 'slow.yml'), join(dir, 'fast.yml')];
      writeFileSync(slow, `sources:\n  - { id: slow, url: "${server.url('/slow')}" }\n`);
      writeFileSync(fast, `sources:\n  - { id: fast, url: "${server.url('/feed')}" }\n`);
      const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database.url, LOG_FORMAT: 'json' };
      const runs = `${redis.prefix}:runs`;
      const runKeys = (runId: string) => connection.keys(`${redis.prefix.slice(0, -1)}:run:${runId}}*`);
      const connection = createRedis(redis.url);
      try {
        const child = startNode(BIN, ['run', '--once', '--config', slow], { env });
        const exited = collect(child, 60_000);
        await waitForOutput(child, () => (server.hits.get('/slow') ?? 0) > 0);
        child.kill('SIGKILL');
        await exited;
        const [killed] = await connection.smembers(runs);
        expect((await runKeys(killed!)).length).toBeGreaterThan(0);
        // Its lease lapses two minutes after its last renewal: as if they had passed.
        await connection.del(`${runs}:${killed}`);
        // A run going on elsewhere, its lease current, is left alone.
        await connection.multi().sadd(runs, 'elsewhere').set(`${runs}:elsewhere`, '1', 'PX', 60_000).set(`${redis.prefix.slice(0, -1)}:run:elsewhere}:fetch:meta`, 'x').exec();

        const next = await runNode(BIN, ['run', '--once', '--config', fast], { env });
        expect(next.code).toBe(0);
        expect(next.stderr).toContain('"msg":"removed the queues of runs that ended without removing them (killed?)"');
        expect(await runKeys(killed!)).toEqual([]);
        expect(await runKeys('elsewhere')).toHaveLength(1);
        expect(await connection.smembers(runs)).toEqual(['elsewhere']);
      } finally {
        connection.disconnect();
        await server.close();
      }
    });

    it('says which MARSAD_ variable it does not read, and the one it was likely meant to be', async () => {
      const server = await serveFixtures({ '/feed': { body: rssFeed('x', 'https://a.ma', [{ title: 'خبر', link: 'https://a.ma/typo-1', description: 'نص الخبر' }]) } });
      const dir = temporaryDir('marsad-');
      const config = join(dir, 'marsad.yml');
      writeFileSync(config, `sources:\n  - { id: a, adapter: rss, url: "${server.url('/feed')}" }\n`);
      try {
        const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, MARSAD_QUEUE_PREFX: '{elsewhere}', DATABASE_URL: database.url, LOG_FORMAT: 'json' };
        const result = await runNode(BIN, ['run', '--once', '--config', config], { env });
        expect(result.code).toBe(0);
        const warnings = result.stderr.split('\n').filter((line) => line.includes('"variable"')).map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(warnings).toEqual([expect.objectContaining({ level: 40, variable: 'MARSAD_QUEUE_PREFX', meant: 'MARSAD_QUEUE_PREFIX', msg: 'environment variable not read by marsad: ignored' })]);
      } finally {
        await server.close();
      }
    });

    it('says when no source is enabled, where the fetcher would otherwise run and fetch nothing', async () => {
      const config = join(temporaryDir('marsad-'), 'marsad.yml');
      writeFileSync(config, 'sources:\n  - { id: paused, url: "https://a.ma/feed", enabled: false }\n');
      const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database.url };
      const child = startNode(BIN, ['start', 'fetcher', '--config', config], { env });
      const exited = collect(child, STARTING_ON_A_BUSY_MACHINE_MS);
      await waitForOutput(child, (out) => out.includes('"msg":"marsad started"'), STARTING_ON_A_BUSY_MACHINE_MS);
      child.kill('SIGTERM');
      expect((await exited).code).toBe(0);
      const warning = child.output().split('\n').find((line) => line.includes('no enabled source'));
      expect(JSON.parse(warning!)).toMatchObject({ level: 40, sources: 1, config, msg: 'no enabled source: nothing will be fetched' });
    }, STARTING_ON_A_BUSY_MACHINE_MS);

    it('says at start-up which of its queues an operator left paused', async () => {
      const config = join(temporaryDir('marsad-'), 'marsad.yml');
      writeFileSync(config, 'sources:\n  - { id: a, url: "https://a.ma/feed", enabled: false }\n');
      const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, DATABASE_URL: database.url };
      const connection = createRedis(redis.url);
      const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });
      await queues.fetch.pause();
      await queues.classify.pause();
      try {
        const child = startNode(BIN, ['start', 'fetcher', '--config', config], { env });
        const exited = collect(child, STARTING_ON_A_BUSY_MACHINE_MS);
        await waitForOutput(child, (out) => out.includes('"msg":"marsad started"'), STARTING_ON_A_BUSY_MACHINE_MS);
        child.kill('SIGTERM');
        expect((await exited).code).toBe(0);
        // The fetcher's queue only: the classify queue is another service's.
        const warnings = child.output().split('\n').filter((line) => line.includes('paused by an operator')).map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(warnings).toEqual([expect.objectContaining({ level: 40, queue: 'fetch', resume: 'marsad jobs resume fetch', msg: 'queue paused by an operator: its jobs wait until it is resumed' })]);
      } finally {
        await queues.fetch.resume();
        await queues.classify.resume();
        await closeQueues(queues);
        connection.disconnect();
      }
    }, STARTING_ON_A_BUSY_MACHINE_MS);

    it('runs every service, schedules each source once across restarts, and stops cleanly on SIGTERM', async () => {
      const feed = { body: rssFeed('x', 'https://a.ma', [{ title: 'خبر', link: 'https://a.ma/1', description: 'نص الخبر' }]) };
      const server = await serveFixtures({ '/feed': feed, '/other': feed });
      const dir = temporaryDir('marsad-');
      const config = join(dir, 'marsad.yml');
      writeFileSync(config, `sources:\n  - { id: one, adapter: rss, url: "${server.url('/feed')}", interval: 1h }\n  - { id: two, adapter: rss, url: "${server.url('/other')}", interval: 2h }\n`);
      const env = { REDIS_URL: redis.url, MARSAD_QUEUE_PREFIX: redis.prefix, MARSAD_DATA_DIR: dir, MARSAD_HTTP_PORT: '0', DATABASE_URL: '' };
      // The queues of a run --once killed outright, its lease lapsed: the services delete them too.
      const killedRun = `${redis.prefix.slice(0, -1)}:run:killed}:fetch:meta`;
      const planting = createRedis(redis.url);
      await planting.multi().sadd(`${redis.prefix}:runs`, 'killed').set(killedRun, 'x').exec();
      try {
        for (let start = 0; start < 2; start++) {
          const child = startNode(BIN, ['start', '--config', config], { env });
          const exited = collect(child, STARTING_ON_A_BUSY_MACHINE_MS + 30_000);
          // A first start opens a new embedded store: seconds of PGlite's start-up, many more while the
          // rest of the suite runs beside it.
          await waitForOutput(child, (out) => out.includes('"msg":"marsad started"'), STARTING_ON_A_BUSY_MACHINE_MS);
          await waitForOutput(child, (out) => out.includes('"msg":"dashboard listening"'));
          child.kill('SIGTERM');
          const result = await exited;
          expect(result.code).toBe(0);
          expect(child.output()).toContain('"msg":"stopped"');
        }
        expect(await planting.exists(killedRun)).toBe(0);
        const connection = createRedis(redis.url);
        const queues = openQueues({ connection, prefix: redis.prefix, pipeline: PipelineSchema.parse({}) });
        const schedulers = await queues.fetch.getJobSchedulers();
        expect(schedulers.map((s) => s.key).sort()).toEqual(['source:one', 'source:two']);
        await closeQueues(queues);
        connection.disconnect();
      } finally {
        planting.disconnect();
        await server.close();
      }
    }, 2 * (STARTING_ON_A_BUSY_MACHINE_MS + 30_000));
  });
});
