import { describe, expect, it } from 'vitest';
import { formatSummary, pendingToSave, type RunSummary } from './run-once.js';

describe('pendingToSave', () => {
  it('keeps the validators of sources whose items are all stored, not of one with an item that failed for good', () => {
    const pending = new Map([
      ['clean', { etag: '"a"' }],
      ['item-failed', { etag: '"b"' }],
      ['only-alert-failed', { lastModified: 'Sun, 06 Dec 2026 06:00:00 GMT' }],
    ]);
    const errors = [
      { stage: 'store', sourceId: 'item-failed', reason: 'database unreachable' },
      { stage: 'alert', sourceId: 'only-alert-failed', reason: 'webhook down' },
    ];
    expect([...pendingToSave(pending, { errors }).keys()]).toEqual(['clean', 'only-alert-failed']);
  });
});

describe('formatSummary', () => {
  it("says beside each source whether it failed, or succeeded with problems, and what they were", () => {
    const source = { fetched: 3, queued: 3, stored: 3, errors: [], warnings: [] };
    const summary: RunSummary = {
      runId: 'r', sources: 3, fetched: 6, queued: 6, new: 6, revised: 0, duplicates: 0, arabic: 6, nonArabic: 0, dropped: 0, tags: {}, durationMs: 1_000, processingMs: 900,
      errors: [{ stage: 'fetch', sourceId: 'down', reason: '[server] HTTP 503 from https://down.example/feed' }],
      perSource: {
        clean: source,
        pages: { ...source, warnings: ['1 of 3 article pages not read: 1 failed ([timeout] …)'] },
        down: { ...source, fetched: 0, stored: 0, errors: ['fetch: [server] HTTP 503 from https://down.example/feed'] },
        hooked: { ...source, errors: ['alert: alert delivery failed: hook: connect ECONNREFUSED', 'store: database unreachable', 'alert: alert delivery failed: hook: connect ECONNREFUSED', 'alert: alert delivery failed: hook: connect ECONNREFUSED'] },
      },
    };
    const lines = formatSummary(summary).split('\n');
    expect(lines.find((line) => line.trimStart().startsWith('clean'))).toMatch(/ ok$/);
    expect(lines.find((line) => line.trimStart().startsWith('pages'))).toMatch(/ ok, WARNING 1 of 3 article pages not read: .* \(\[timeout\] …\)$/);
    expect(lines.find((line) => line.trimStart().startsWith('down'))).toMatch(/ ERROR fetch: \[server\] HTTP 503/);
    // The same failure of several items is said once, with how many.
    expect(lines.find((line) => line.trimStart().startsWith('hooked'))).toMatch(/ ERROR alert: alert delivery failed: hook: connect ECONNREFUSED \(3 times\); store: database unreachable$/);
  });
});
