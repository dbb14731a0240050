import { describe, expect, it } from 'vitest';
import { validatorsToSave } from './run-once.js';

describe('validatorsToSave', () => {
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
    expect([...validatorsToSave(pending, { errors }).keys()]).toEqual(['clean', 'only-alert-failed']);
  });
});
