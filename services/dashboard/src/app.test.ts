import { describe, expect, it } from 'vitest';
import { buildDashboardApp } from './app.js';

describe('dashboard app', () => {
  it('answers GET /healthz', async () => {
    const app = await buildDashboardApp({ startedAt: new Date(Date.now() - 5_000) });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', uptimeSeconds: 5 });
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
