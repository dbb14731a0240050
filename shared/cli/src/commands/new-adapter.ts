import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../usage-error.js';

/** The sources package of this checkout, where adapters live. */
const SOURCES_PACKAGE = fileURLToPath(new URL('../../../sources/', import.meta.url));

/**
 * `marsad new-adapter NAME`: the adapter file, its recorded fixture and its own test beside it, and
 * its entry in the registry, so the shared contract test covers it at once. The fixture is a small
 * example to replace with the real site's responses (`marsad fixtures record`).
 */
export async function newAdapterCommand(name: string, options: { root?: string }): Promise<number> {
  if (!/^[a-z][a-z0-9]*$/.test(name)) throw new UsageError(`adapter name "${name}": use lower-case letters and digits, starting with a letter (it is also a TypeScript identifier)`);
  const root = options.root ?? SOURCES_PACKAGE;
  const dir = join(root, 'src', 'adapters');
  const files = { adapter: join(dir, `${name}.ts`), fixture: join(dir, `${name}.fixture.json`), test: join(dir, `${name}.test.ts`) };
  for (const file of Object.values(files)) if (existsSync(file)) throw new UsageError(`${file} exists already`);
  const registry = join(root, 'src', 'registry.ts');
  const source = readFileSync(registry, 'utf8');
  const entry = /export const ADAPTERS: Record<string, Adapter> = \{ ([^}]*) \};/.exec(source);
  if (!entry) throw new UsageError(`${registry}: cannot find the ADAPTERS table to register "${name}" in`);
  if (entry[1]!.split(',').map((s) => s.trim()).includes(name)) throw new UsageError(`adapter "${name}" is registered already`);

  writeFileSync(files.adapter, adapterTemplate(name));
  writeFileSync(files.fixture, fixtureTemplate(name));
  writeFileSync(files.test, testTemplate(name));
  const lastImport = source.lastIndexOf("import { ");
  const importLine = `import { ${name} } from './adapters/${name}.js';\n`;
  const withImport = source.slice(0, lastImport) + importLine + source.slice(lastImport);
  writeFileSync(registry, withImport.replace(entry[0], `export const ADAPTERS: Record<string, Adapter> = { ${entry[1]}, ${name} };`));
  process.stdout.write(
    [
      `created ${files.adapter}`,
      `created ${files.fixture} (an example: replace it with \`marsad fixtures record <source id> --out ${files.fixture}\`)`,
      `created ${files.test}`,
      `registered "${name}" in ${registry}`,
      `next: describe the source in ${name}.ts, then \`npm test -w @marsad/sources\` (docs/ADAPTERS.md walks through it)`,
      '',
    ].join('\n'),
  );
  return 0;
}

function adapterTemplate(name: string): string {
  return `import { z } from 'zod';
import { defineAdapter, type FetchedItem } from '../adapter.js';
import { FetchError } from '../http/fetch-error.js';
import { isoDate } from '../news-date.js';

/** What the source answers: change it to the source's real shape (zod names the field that differs). */
const ResponseSchema = z.object({
  articles: z.array(z.object({ url: z.string(), title: z.string(), body: z.string(), published: z.string().nullish() })),
});

/** ${name}: say here what kind of source this reads. */
export const ${name} = defineAdapter({
  meta: {
    name: '${name}',
    description: 'describe the source kind in one line',
    example: { id: '${name}-example', adapter: '${name}', url: 'https://example.org/api/news', interval: '15m' },
  },
  optionsSchema: z.strictObject({
    /** Newest items read per poll. @defaultValue 20 */
    maxItems: z.number().int().min(1).max(500).default(20),
  }),
  async fetch(source, options, { http }) {
    const response = await http.get(source.url, { accept: 'application/json' });
    let parsed: z.infer<typeof ResponseSchema>;
    try {
      parsed = ResponseSchema.parse(JSON.parse(response.text()));
    } catch (err) {
      throw new FetchError('parse', \`\${source.url} did not answer what ${name} expects: \${(err as Error).message}\`, { url: source.url }, { cause: err });
    }
    return parsed.articles.slice(0, options.maxItems).map((article): FetchedItem => ({
      url: new URL(article.url, response.url).toString(),
      title: article.title,
      text: article.body,
      // Read as the site writes it (06/12/2026 is 6 December); a time without a zone is the source's timeZone.
      publishedAt: isoDate(article.published, { timeZone: source.timeZone }),
    }));
  },
});
`;
}

function fixtureTemplate(name: string): string {
  const body = {
    articles: [
      { url: '/news/1', title: 'المديرية العامة للأمن الوطني تطلق حملة وطنية للسلامة الطرقية', body: 'أطلقت المديرية العامة للأمن الوطني حملة وطنية للتحسيس بمخاطر حوادث السير، تستمر أسبوعين وتشمل مختلف المدن.', published: '2026-11-20T09:00:00Z' },
    ],
  };
  const recording = {
    source: { id: `${name}-example`, adapter: name, url: 'https://example.org/api/news', interval: '15m' },
    recordedAt: new Date().toISOString(),
    responses: [{ url: 'https://example.org/api/news', status: 200, headers: { 'content-type': 'application/json' }, encoding: 'utf8', body: JSON.stringify(body) }],
  };
  return `${JSON.stringify(recording, null, 2)}\n`;
}

function testTemplate(name: string): string {
  return `import { createLogger } from '@marsad/logger';
import { describe, expect, it } from 'vitest';
import { everythingIsNew } from '../adapter.js';
import { createHttpClient } from '../http/client.js';
import { fetchWithAdapter } from '../registry.js';
import { ${name} } from './${name}.js';
import { replayRecording } from './replay.js';

// The shared contract test (contract.test.ts) already checks the items' shape; here, what this
// source must give: the titles, texts and dates of the recorded fixture.
describe('${name} adapter', () => {
  it('reads the recorded articles', async () => {
    const replay = await replayRecording(new URL('./${name}.fixture.json', import.meta.url));
    const http = createHttpClient();
    try {
      const items = await fetchWithAdapter(${name}, replay.source, { http, log: createLogger({ level: 'silent' }), filterNew: everythingIsNew });
      expect(items[0]).toMatchObject({ title: 'المديرية العامة للأمن الوطني تطلق حملة وطنية للسلامة الطرقية', publishedAt: '2026-11-20T09:00:00.000Z' });
    } finally {
      await http.close();
      await replay.close();
    }
  });
});
`;
}
