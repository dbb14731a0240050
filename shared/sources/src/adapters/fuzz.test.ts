import { gunzipSync, gzipSync } from 'node:zlib';
import { createLogger } from '@marsad/logger';
import { seededRandom } from '@marsad/testing';
import { describe, expect, it } from 'vitest';
import { everythingIsNew, FetchedItemSchema } from '../adapter.js';
import { createHttpClient } from '../http/client.js';
import { FetchError } from '../http/fetch-error.js';
import { readRecording, type Recording } from '../recording.js';
import { ADAPTERS, fetchWithAdapter } from '../registry.js';
import { replayRecording } from './replay.js';

/**
 * A bounded mutation fuzz over every adapter's recorded fixture (fixed seed, so a failure replays):
 * each case mutates one recorded response and runs the adapter on it. Allowed outcomes are well-formed
 * items or a classified FetchError; anything else (a TypeError, a RangeError, a hang) is a crash.
 */
const CASES_PER_ADAPTER = 750;
const SEED = 0x6d617273; // "mars"
const log = createLogger({ level: 'silent' });


const SNIPPETS = ['<', '>', '&', '&amp', '&#0;', '&#xFFFF;', '<![CDATA[', ']]>', '<item>', '</item>', '<entry>', '<url>', '<loc>', '"', "'", '\u0000', '\uFFFD', 'ÿþ', '<!DOCTYPE x [<!ENTITY e "ee">]>', '&e;', '{', '}', '[', ']', 'null', '"link":', '<a href="javascript:x">', 'ال', '\u202E'].map((s) => Buffer.from(s));

type Mutation = (body: Buffer, rand: () => number) => Buffer;
const at = (body: Buffer, rand: () => number) => Math.floor(rand() * (body.length + 1));
const MUTATIONS: Record<string, Mutation> = {
  flipBytes: (body, rand) => {
    const out = Buffer.from(body);
    for (let i = 0, n = 1 + Math.floor(rand() * 8); i < n && out.length > 0; i++) out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
    return out;
  },
  truncate: (body, rand) => body.subarray(0, at(body, rand)),
  deleteRange: (body, rand) => {
    const start = at(body, rand);
    return Buffer.concat([body.subarray(0, start), body.subarray(start + Math.floor(rand() * 2_000))]);
  },
  duplicateRange: (body, rand) => {
    const start = at(body, rand);
    const range = body.subarray(start, start + Math.floor(rand() * 4_000));
    const to = at(body, rand);
    return Buffer.concat([body.subarray(0, to), range, range, body.subarray(to)]);
  },
  insertSnippet: (body, rand) => {
    const to = at(body, rand);
    return Buffer.concat([body.subarray(0, to), SNIPPETS[Math.floor(rand() * SNIPPETS.length)]!, body.subarray(to)]);
  },
  randomBytes: (body, rand) => {
    const to = at(body, rand);
    const noise = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
    return Buffer.concat([body.subarray(0, to), noise, body.subarray(to)]);
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

function mutate(recording: Recording, rand: () => number): { recording: Recording; what: string } {
  const index = Math.floor(rand() * recording.responses.length);
  const response = recording.responses[index]!;
  const raw = Buffer.from(response.body, response.encoding);
  const gzipped = raw[0] === 0x1f && raw[1] === 0x8b;
  const name = MUTATION_NAMES[Math.floor(rand() * MUTATION_NAMES.length)]!;
  const mutated = MUTATIONS[name]!(gzipped ? gunzipSync(raw) : raw, rand);
  const body = (gzipped ? gzipSync(mutated) : mutated).toString('base64');
  const responses = recording.responses.map((r, i) => (i === index ? { ...r, encoding: 'base64' as const, body } : r));
  return { recording: { ...recording, responses }, what: `${name} on ${response.url}` };
}

describe.each(Object.values(ADAPTERS))('fuzzing adapter $meta.name', (adapter) => {
  it(`survives ${CASES_PER_ADAPTER} mutated fixtures with items or a classified error`, async () => {
    const original = readRecording(new URL(`./${adapter.meta.name}.fixture.json`, import.meta.url));
    const rand = seededRandom(SEED ^ adapter.meta.name.length);
    const http = createHttpClient({ totalTimeoutMs: 5_000 });
    const crashes: string[] = [];
    const outcomes = { items: 0, errors: 0 };
    try {
      for (let n = 0; n < CASES_PER_ADAPTER; n++) {
        const { recording, what } = mutate(original, rand);
        const replay = await replayRecording(recording);
        try {
          const items = await fetchWithAdapter(adapter, replay.source, { http, log, filterNew: everythingIsNew });
          for (const item of items) FetchedItemSchema.parse(item);
          outcomes.items++;
        } catch (err) {
          if (err instanceof FetchError) outcomes.errors++;
          else crashes.push(`case ${n} (${what}): ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
        } finally {
          await replay.close();
        }
      }
    } finally {
      await http.close();
    }
    expect(crashes).toEqual([]);
    // the fuzz reached both outcomes: it neither only broke nor only left the fixture intact
    expect(outcomes.items).toBeGreaterThan(0);
    expect(outcomes.errors + outcomes.items).toBe(CASES_PER_ADAPTER);
  }, 300_000);
});
