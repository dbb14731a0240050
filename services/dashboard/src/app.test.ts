import { describe, expect, it } from 'vitest';
import { buildDashboardApp } from './app.js';

describe('dashboard app', () => {
  it('answers GET /healthz', async () => {
    const before = Date.now();
    const app = await buildDashboardApp({ startedAt: new Date(before - 5_000) });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    // Started 5 s before the app was built, which itself takes a moment on a busy machine.
    const mostSeconds = Math.round((Date.now() - before + 5_000) / 1000);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ status: string; uptimeSeconds: number }>();
    expect(body.status).toBe('ok');
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(5);
    expect(body.uptimeSeconds).toBeLessThanOrEqual(mostSeconds);
    expect(Object.keys(body).sort()).toEqual(['status', 'uptimeSeconds']);
    await app.close();
  });

  it('serves it over a real socket', async () => {
    const app = await buildDashboardApp();
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
    await app.close();
  });

  it('answers 404 for unknown paths', async () => {
    const app = await buildDashboardApp();
    expect((await app.inject({ method: 'GET', url: '/nope' })).statusCode).toBe(404);
    await app.close();
  });
});
