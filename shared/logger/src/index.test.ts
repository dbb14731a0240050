import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LOGGER = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** Logs from a child process, so stdout and stderr can be told apart. */
function logFrom(code: string, env: NodeJS.ProcessEnv = {}) {
  const script = `import { createLogger } from ${JSON.stringify(LOGGER)};\n${code}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('createLogger', () => {
  it('writes structured JSON lines to stderr, keeping stdout for data', () => {
    const { stdout, stderr } = logFrom(`createLogger({ format: 'json', base: { service: 'fetcher' } }).info({ sourceId: 'hespress', items: 3 }, 'fetched');`);
    expect(stdout).toBe('');
    const line = JSON.parse(stderr.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'fetched', sourceId: 'hespress', items: 3, service: 'fetcher' });
  });

  it('never writes secrets', () => {
    const { stderr } = logFrom(
      `createLogger({ format: 'json' }).info({ smtp: { password: 'hunter2' }, hook: { secret: 's3cret' }, env: { DATABASE_URL: 'postgres://u:pw@h/db' } }, 'config');`,
    );
    expect(stderr).not.toMatch(/hunter2|s3cret|pw@h/);
    expect(stderr).toContain('[redacted]');
  });

  it('respects the level', () => {
    const { stderr } = logFrom(`const log = createLogger({ format: 'json', level: 'warn' }); log.info('hidden'); log.warn('shown');`);
    expect(stderr).not.toContain('hidden');
    expect(stderr).toContain('shown');
  });

  it('prints readable lines in pretty format', () => {
    const { stderr } = logFrom(`createLogger({ format: 'pretty' }).info({ sourceId: 'hespress' }, 'fetched');`);
    expect(stderr).toMatch(/INFO.*fetched/);
    expect(stderr).toContain('sourceId: "hespress"');
  });
});

describe('lazyChild', () => {
  it('makes the child only when a line is written, and that line carries the bindings', () => {
    const { stderr } = logFrom(`
      import { lazyChild } from ${JSON.stringify(LOGGER)};
      const parent = createLogger({ format: 'json', level: 'info' });
      let made = 0;
      const child = parent.child.bind(parent);
      parent.child = (...args) => (made++, child(...args));
      const quiet = lazyChild(parent, { jobId: 'j1' });
      quiet.debug({ a: 1 }, 'not shown');
      process.stderr.write(JSON.stringify({ madeAfterDebug: made }) + '\\n');
      const loud = lazyChild(parent, { jobId: 'j2' });
      loud.info({ items: 2 }, 'shown');
      loud.warn('again');
      process.stderr.write(JSON.stringify({ madeAfterInfo: made, childLevel: loud.level }) + '\\n');`);
    const lines = stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toEqual({ madeAfterDebug: 0 });
    expect(lines[1]).toMatchObject({ msg: 'shown', jobId: 'j2', items: 2 });
    expect(lines[2]).toMatchObject({ msg: 'again', jobId: 'j2' });
    expect(lines[3]).toEqual({ madeAfterInfo: 1, childLevel: 'info' });
    expect(stderr).not.toContain('not shown');
  });
});
