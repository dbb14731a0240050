import { SourceSchema } from '@marsad/config';
import { createLogger } from '@marsad/logger';
import { describe, expect, it } from 'vitest';
import { everythingIsNew } from '../adapter.js';
import { createHttpClient } from '../http/client.js';
import { canonicalUrl, itemIdFor } from '../identity.js';
import { ADAPTERS, adapterOptionChecks, fetchWithAdapter } from '../registry.js';
import { replayRecording } from './replay.js';

const log = createLogger({ level: 'silent' });
const DAY_MS = 86_400_000;
const ARABIC = /[\u0600-\u06FF]/;

/**
 * Every adapter, replayed from the recording beside it (`<name>.fixture.json`, as `marsad fixtures
 * record` saves it), must yield well-formed items with correctly decoded Arabic, asking for nothing
 * that was not recorded. A new adapter gets this test by having its recording.
 */
describe.each(Object.values(ADAPTERS))('adapter $meta.name contract', (adapter) => {
  it('documents an example source that its own schema accepts', () => {
    const example = SourceSchema.parse(adapter.meta.example);
    expect(adapterOptionChecks()[adapter.meta.name]!(example)).toEqual([]);
  });

  it("names, of an unknown key beside its options, the option or common key it likely misspells", () => {
    const example = SourceSchema.parse(adapter.meta.example);
    // Every adapter's options are a strict object: its keys are its shape's.
    const option = Object.keys((adapter.optionsSchema as unknown as { shape: object }).shape).find((key) => key.length > 5);
    const slips = { ...example, intervl: '5m', ...(option ? { [option.slice(0, 2) + option.slice(3)]: true } : {}) };
    const [issue] = adapterOptionChecks()[adapter.meta.name]!(slips);
    expect(issue?.message).toContain('"intervl" (did you mean "interval"?)');
    if (option) expect(issue?.message).toContain(`(did you mean "${option}"?)`);
  });

  it('reads its recorded fixture into well-formed items', async () => {
    const replay = await replayRecording(new URL(`./${adapter.meta.name}.fixture.json`, import.meta.url));
    const http = createHttpClient();
    try {
      expect(replay.source.adapter).toBe(adapter.meta.name);
      const items = await fetchWithAdapter(adapter, replay.source, { http, log, filterNew: everythingIsNew });
      expect(items.length).toBeGreaterThan(0);
      const ids = items.map((item) => itemIdFor(canonicalUrl(item.url)));
      expect(new Set(ids).size).toBe(items.length);
      for (const item of items) {
        expect(item.title.trim()).not.toBe('');
        expect(item.url).toMatch(/^https?:\/\//);
        expect(item.text.length).toBeGreaterThan(item.title.length);
        expect(item.text).toMatch(ARABIC);
        expect(item.text + item.title).not.toContain('\uFFFD');
        if (item.publishedAt) expect(Date.parse(item.publishedAt)).toBeLessThan(Date.now() + DAY_MS);
      }
      expect(replay.unexpected()).toEqual([]);
    } finally {
      await http.close();
      await replay.close();
    }
  });
});
