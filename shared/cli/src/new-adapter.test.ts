import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from '@marsad/testing';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/marsad.js', import.meta.url));
const SOURCES = fileURLToPath(new URL('../../sources/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NO_SERVICES = { REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };

// A copy of the sources package inside it (so that its dependencies resolve), scaffolded into.
const copy = mkdtempSync(join(SOURCES, '.scaffold-test-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('marsad new-adapter', () => {
  it('scaffolds an adapter that type-checks, is registered, and passes its own and the contract test', async () => {
    cpSync(join(SOURCES, 'src'), join(copy, 'src'), { recursive: true });
    // The package's own compiler options, with its folders moved to the copy.
    writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify({ extends: join(SOURCES, 'tsconfig.json'), compilerOptions: { noEmit: true, rootDir: 'src', outDir: 'dist' }, include: ['src'] }));

    const created = await runNode(BIN, ['new-adapter', 'agency', '--root', copy], { env: NO_SERVICES });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(readFileSync(join(copy, 'src', 'registry.ts'), 'utf8')).toMatch(/import \{ agency \} from '\.\/adapters\/agency\.js';[\s\S]*\{ rss, html, sitemap, wordpress, agency \}/);

    const tsc = await runNode(join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), ['-p', join(copy, 'tsconfig.json')], { env: {} });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const vitest = await runNode(join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), ['run', '--root', copy, 'src/adapters/agency.test.ts', 'src/adapters/contract.test.ts'], { env: { NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(vitest.stdout, vitest.stderr).toMatch(/Tests +16 passed \(16\)/);

    const again = await runNode(BIN, ['new-adapter', 'agency', '--root', copy], { env: NO_SERVICES });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already/);
  }, 120_000);

  it('refuses a name that is not an identifier', async () => {
    const result = await runNode(BIN, ['new-adapter', 'Bad-Name', '--root', copy], { env: NO_SERVICES });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/lower-case letters and digits/);
  });
});
