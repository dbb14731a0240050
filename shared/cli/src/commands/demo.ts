import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseConfigText, parseEnv, readReferenceArticles, resolveSeedsDir, type Config } from '@marsad/config';
import { deleteKeysWithPrefix } from '@marsad/queues';
import { adapterOptionChecks } from '@marsad/sources';
import { describeKept, keptOf } from '../kept.js';
import { formatSummary, runOnce, RunInterruptedError } from '../run-once.js';
import { loggerFor, openRuntime } from '../runtime.js';
import { interruptOnSignal } from '../shutdown.js';

/** Recorded feeds of three outlets (Arabic RSS, Arabic Atom, French RSS), served offline. */
export const DEMO_FEEDS_DIR = fileURLToPath(new URL('../../demo/feeds/', import.meta.url));

/** Serves every file of `dir` at `/<file name>` on 127.0.0.1; nothing leaves the machine. */
export async function serveDirectory(dir: string): Promise<{ origin: string; server: Server }> {
  const files = new Map(readdirSync(dir).map((name) => [`/${name}`, readFileSync(`${dir}${name}`)]));
  const server = createServer((req, res) => {
    const body = files.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A sources file for the demo feeds, validated like any other. */
export function demoConfig(origin: string, env: NodeJS.ProcessEnv): Config {
  const feeds = readdirSync(DEMO_FEEDS_DIR).filter((name) => name.endsWith('.xml'));
  const yaml = `sources:\n${feeds.map((f) => `  - { id: ${f.replace(/\.xml$/, '')}, adapter: rss, url: "${origin}/${f}" }`).join('\n')}\n`;
  const file = parseConfigText(yaml, 'demo sources', adapterOptionChecks());
  // The demo never touches ./data nor the real Redis state: its store lives in memory; its queues,
  // copy index and source health under a prefix of its own that it deletes when it ends.
  const parsed = parseEnv(env);
  const demoPrefix = `${parsed.MARSAD_QUEUE_PREFIX.slice(0, -1)}:demo:${process.pid}}`;
  return {
    ...file,
    env: { ...parsed, DATABASE_URL: undefined, MARSAD_DATA_DIR: 'memory://', MARSAD_QUEUE_PREFIX: demoPrefix, MARSAD_INDEX_PREFIX: `${demoPrefix}:index` },
    file: 'demo sources',
  };
}

/** `marsad demo`: the whole pipeline on recorded feeds, offline, then what it found. */
export async function demoCommand(): Promise<number> {
  const { origin, server } = await serveDirectory(DEMO_FEEDS_DIR);
  const config = demoConfig(origin, process.env);
  const logger = loggerFor(config);
  try {
    const runtime = await openRuntime(config, logger);
    try {
      const summary = await runOnce(runtime, { signal: interruptOnSignal(logger) });
      const items = await runtime.store.listItems();
      const originals = new Map([...readReferenceArticles(resolveSeedsDir(config.env.MARSAD_SEEDS_DIR)).map((r): [string, string] => [r.id, r.text]), ...items.map((i): [string, string] => [i.id, `${i.title}\n${i.text}`])]);
      const out = [formatSummary(summary), '', `stored items (${items.length}), newest first:`];
      for (const item of items) {
        const marks = [item.language, item.arabic ? 'arabic' : 'not arabic', ...item.tags, ...(item.duplicateOf ? [`copy of ${item.duplicateOf}`] : [])];
        out.push(`  ${item.sourceId.padEnd(10)} ${item.title}`, `  ${''.padEnd(10)} [${marks.join(', ')}] ${item.url}`);
        const original = item.duplicateOf ? originals.get(item.duplicateOf) : undefined;
        if (original !== undefined) out.push(`  ${''.padEnd(10)} ${describeKept(keptOf(original, `${item.title}\n${item.text}`))}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof RunInterruptedError)) throw err;
      return 130;
    } finally {
      await deleteKeysWithPrefix(runtime.connection, config.env.MARSAD_QUEUE_PREFIX);
      await runtime.close();
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
