import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

/**
 * A freshly initialised, empty PGlite cluster as a gzipped tarball. PGlite's initdb costs ~6 s of CPU
 * (several times that on a busy machine) while loading its result costs ~1 s, and every new embedded
 * store — the first `npm start`, each test's in-memory store — starts from the same empty cluster.
 * Kept in the system's temporary folder under a name derived from PGlite's own files, so that later
 * processes reuse it and another PGlite version makes its own (removing those of other versions made
 * over a week before: after an upgrade the old one is seldom wanted again).
 */
const templates = new Map<string, Promise<Blob>>();

export function emptyClusterTemplate(cacheDir = tmpdir()): Promise<Blob> {
  let template = templates.get(cacheDir);
  if (!template) {
    template = loadOrMake(cacheDir).catch((err: unknown) => {
      templates.delete(cacheDir);
      throw err;
    });
    templates.set(cacheDir, template);
  }
  return template;
}

/** The file the template is kept in, in `cacheDir`. */
export function templateFile(cacheDir = tmpdir()): string {
  return join(cacheDir, `${TEMPLATE_PREFIX}${pgliteFingerprint()}.tar.gz`);
}

const TEMPLATE_PREFIX = 'marsad-pglite-cluster-';
/** How long another PGlite version's template is kept once this version has made its own. */
export const OTHER_VERSIONS_KEPT_MS = 7 * 24 * 3600 * 1000;

/** Whether `dataDir` (a PGlite data folder, or `memory://`) holds no cluster yet. */
export function holdsNoCluster(dataDir: string): boolean {
  return dataDir.startsWith('memory://') || !existsSync(join(dataDir, 'PG_VERSION'));
}

async function loadOrMake(cacheDir: string): Promise<Blob> {
  const file = templateFile(cacheDir);
  const cached = readTemplate(file);
  if (cached) return cached;
  const db = await PGlite.create();
  const made = await db.dumpDataDir('gzip');
  await db.close();
  saveTemplate(file, Buffer.from(await made.arrayBuffer()));
  removeOtherVersions(cacheDir, file);
  return made;
}

/** Other PGlite versions' templates made over OTHER_VERSIONS_KEPT_MS ago; a cache is never worth a failure. */
function removeOtherVersions(cacheDir: string, kept: string): void {
  try {
    for (const name of readdirSync(cacheDir)) {
      const path = join(cacheDir, name);
      if (!name.startsWith(TEMPLATE_PREFIX) || !name.endsWith('.tar.gz') || path === kept) continue;
      if (Date.now() - statSync(path).mtimeMs > OTHER_VERSIONS_KEPT_MS) rmSync(path, { force: true });
    }
  } catch {
    // An unreadable folder or a file removed meanwhile: nothing to clean.
  }
}

let fingerprint: string | undefined;

/** PGlite's initdb, postgres and share files decide what an empty cluster holds. */
function pgliteFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  for (const asset of ['initdb.wasm', 'pglite.wasm', 'pglite.data']) {
    hash.update(readFileSync(fileURLToPath(import.meta.resolve(`@electric-sql/pglite/${asset}`))));
  }
  return (fingerprint = hash.digest('hex').slice(0, 16));
}

const GZIP_MAGIC = [0x1f, 0x8b];

function readTemplate(file: string): Blob | undefined {
  try {
    const bytes = readFileSync(file);
    return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1] ? new Blob([bytes], { type: 'application/x-gzip' }) : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary name, then a rename): a cache is never worth a failure. */
function saveTemplate(file: string, bytes: Buffer): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}
