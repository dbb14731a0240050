import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { removeTemporaryDirs, temporaryDir } from '@marsad/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyClusterTemplate, holdsNoCluster, OTHER_VERSIONS_KEPT_MS, templateFile } from './pglite-template.js';

/** PGlite's initdb: ~6 s on an idle machine, several times that on a busy one. */
const MAKING_A_TEMPLATE_MS = 120_000;
const freshDir = () => temporaryDir('marsad-template-');
afterAll(removeTemporaryDirs);

describe('the empty-cluster template', () => {
  it('is made once, kept gzipped in the cache folder, and starts a working cluster', async () => {
    const cache = freshDir();
    const template = await emptyClusterTemplate(cache);
    expect(await emptyClusterTemplate(cache)).toBe(template);
    expect([...readFileSync(templateFile(cache)).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const dataDir = join(freshDir(), 'pglite');
    expect(holdsNoCluster(dataDir)).toBe(true);
    const db = await PGlite.create(dataDir, { loadDataDir: template });
    await db.exec('CREATE TABLE t (a int); INSERT INTO t VALUES (1)');
    expect((await db.query<{ a: number }>('SELECT a FROM t')).rows).toEqual([{ a: 1 }]);
    await db.close();
    expect(holdsNoCluster(dataDir)).toBe(false);
  }, MAKING_A_TEMPLATE_MS);

  it('is made anew when the cached file is not a gzipped tarball', async () => {
    const cache = freshDir();
    writeFileSync(templateFile(cache), 'not a tarball');
    await emptyClusterTemplate(cache);
    expect([...readFileSync(templateFile(cache)).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  }, MAKING_A_TEMPLATE_MS);

  it("removes other PGlite versions' templates made over a week before when it makes its own, not newer ones nor other files", async () => {
    const cache = freshDir();
    const old = join(cache, 'marsad-pglite-cluster-0123456789abcdef.tar.gz');
    const recent = join(cache, 'marsad-pglite-cluster-fedcba9876543210.tar.gz');
    const unrelated = join(cache, 'marsad-other.tar.gz');
    for (const file of [old, recent, unrelated]) writeFileSync(file, 'x');
    const longAgo = (Date.now() - OTHER_VERSIONS_KEPT_MS - 60_000) / 1000;
    utimesSync(old, longAgo, longAgo);
    utimesSync(unrelated, longAgo, longAgo);
    await emptyClusterTemplate(cache);
    expect([existsSync(old), existsSync(recent), existsSync(unrelated), existsSync(templateFile(cache))]).toEqual([false, true, true, true]);
  }, MAKING_A_TEMPLATE_MS);

  it('counts a memory:// store as holding no cluster', () => {
    expect(holdsNoCluster('memory://')).toBe(true);
  });
});
