/**
 * The shared copy index in Redis: lookup+insert cost with SMALL and with LARGE entries filed, and
 * Redis memory per entry. Articles are random sketches (distinct, as most news items are).
 *   BENCH_INDEX_SMALL (default 10000), BENCH_INDEX_LARGE (default 1000000)
 */
import { SharedCopyIndex } from '@marsad/service-classifier';
import { createRedis, deleteKeysWithPrefix } from '@marsad/queues';
import { BUNDLED_SEEDS_DIR, readReferenceArticles } from '@marsad/config';
import { COVERAGE_SAMPLES, fingerprintOf, LOOKUP_SHINGLES, POSTING_SHINGLES, SAMPLE_BITS, SHINGLE_SIZE, sketchOf, type Sketch } from '@marsad/text';
import { TEST_REDIS_URL } from '@marsad/testing';
import { interruption, runUnlessInterrupted } from './interruption.js';

const SMALL = Number(process.env.BENCH_INDEX_SMALL ?? 10_000);
const LARGE = Number(process.env.BENCH_INDEX_LARGE ?? 1_000_000);
const PROBES = 1_000;
const IN_FLIGHT = 64;
const PREFIX = `{marsad-bench-index-${process.pid}}`;
const interrupted = interruption();

let state = 12345;
const random32 = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);

function randomSketch(): Sketch {
  const shingles = Uint32Array.from({ length: 450 }, random32).sort();
  return {
    postings: shingles.slice(0, POSTING_SHINGLES),
    lookup: shingles.slice(0, LOOKUP_SHINGLES),
    contains: Uint32Array.from(shingles, (s) => s >>> (32 - SAMPLE_BITS)),
    samples: Uint32Array.from({ length: COVERAGE_SAMPLES * SHINGLE_SIZE }, () => random32() >>> (32 - SAMPLE_BITS)),
    words: 453,
  };
}

/** The reference articles, and their words, which the probes' Arabic articles are made of. */
const references = readReferenceArticles(BUNDLED_SEEDS_DIR);
const words = references.flatMap((r) => r.text.split(/\s+/));

const redis = createRedis(TEST_REDIS_URL, 'marsad-bench');
const index = new SharedCopyIndex(redis, { prefix: `${PREFIX}:index` });
const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
let filed = 0;

/** Files articles until `target` are in the index, IN_FLIGHT calls at a time. */
async function fillTo(target: number): Promise<number> {
  const started = performance.now();
  const count = target - filed;
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) {
        interrupted.throwIfAborted();
        next++;
        await index.checkAndInsert(`fill-${filed + next}`, randomSketch());
      }
    }),
  );
  filed = target;
  return count / ((performance.now() - started) / 1000);
}

/**
 * Mean microseconds of one lookup+insert, one call at a time (latency, not throughput): the best of
 * three rounds, as the machine is shared and a busy moment should not decide the figure.
 */
async function probe(label: string): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    for (let i = 0; i < PROBES; i++) {
      interrupted.throwIfAborted();
      await index.checkAndInsert(`probe-${label}-${round}-${i}`, randomSketch());
    }
    filed += PROBES;
    rounds.push(((performance.now() - started) * 1000) / PROBES);
  }
  return Math.min(...rounds);
}

/**
 * Microseconds of one lookup+insert for Arabic articles of the reference articles' words that quote a
 * sentence of one of them, and for the same articles without the sentence (best of three rounds each):
 * what meeting a reference costs, a reference being read word by word.
 */
async function referenceProbe(): Promise<{ quoting: number; plain: number }> {
  for (const r of references) await index.checkAndInsert(r.id, sketchOf(fingerprintOf(r.text), { reference: true }), true);
  const pick = <T>(list: T[]) => list[random32() % list.length]!;
  const articles = Array.from({ length: 300 }, () => {
    const own = Array.from({ length: 300 }, () => pick(words)).join(' ');
    const sentence = pick(pick(references).text.split(/(?<=[.،])\s+/).filter((s) => s.split(/\s+/).length >= 12));
    return { plain: sketchOf(fingerprintOf(own)), quoting: sketchOf(fingerprintOf(`${own}\n${sentence}`)) };
  });
  const cost = async (kind: 'plain' | 'quoting') => {
    const rounds: number[] = [];
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      for (const [i, article] of articles.entries()) {
        interrupted.throwIfAborted();
        await index.checkAndInsert(`ref-probe-${kind}-${round}-${i}`, article[kind]);
      }
      filed += articles.length;
      rounds.push(((performance.now() - started) * 1000) / articles.length);
    }
    return Math.min(...rounds);
  };
  return { plain: await cost('plain'), quoting: await cost('quoting') };
}

/**
 * Microseconds of one lookup+insert for each of 100 pickups of one story (an original item of the
 * reference articles' words, then one of the references), each keeping about six words in seven:
 * every earlier pickup is a candidate, but one that copies the story's original need not be measured
 * against them (one round each: pickups of a new story each time).
 */
async function hotStoryProbe(): Promise<{ item: number; reference: number }> {
  const pickup = (text: string) => text.split(/\s+/).filter(() => random32() % 7 !== 0).join(' ');
  const pickups = async (story: string, label: string) => {
    const sketches = Array.from({ length: 100 }, () => sketchOf(fingerprintOf(pickup(story))));
    const started = performance.now();
    for (const [i, sketch] of sketches.entries()) {
      interrupted.throwIfAborted();
      await index.checkAndInsert(`hot-${label}-${i}`, sketch);
    }
    filed += sketches.length;
    return ((performance.now() - started) * 1000) / sketches.length;
  };
  const original = Array.from({ length: 400 }, () => words[random32() % words.length]!).join(' ');
  await index.checkAndInsert('hot-original', sketchOf(fingerprintOf(original)));
  filed++;
  return { item: await pickups(original, 'item'), reference: await pickups(references[0]!.text, 'reference') };
}

async function main(): Promise<void> {
  try {
    await deleteKeysWithPrefix(redis, PREFIX);
    const empty = await usedMemory();
    const fillRate = await fillTo(SMALL);
    const smallCost = await probe('small');
    const smallMemory = (await usedMemory()) - empty;
    const smallEntries = filed;
    const meeting = await referenceProbe();
    const hot = await hotStoryProbe();
    await fillTo(LARGE);
    const largeCost = await probe('large');
    const largeMemory = (await usedMemory()) - empty;
    process.stdout.write(
      [
        `marsad copy index benchmark (Redis, ${LOOKUP_SHINGLES} lookup shingles, ${POSTING_SHINGLES} postings per article)`,
        `  filing rate while filling: ${fillRate.toFixed(0)} articles/s (${IN_FLIGHT} calls in flight)`,
        `  lookup+insert with ${smallEntries} entries: ${smallCost.toFixed(0)} µs per article`,
        `  lookup+insert with ${filed} entries: ${largeCost.toFixed(0)} µs per article`,
        `  ratio large / small: ${(largeCost / smallCost).toFixed(2)} (target <= 1.5)`,
        `  lookup+insert of an article quoting a sentence of a reference article: ${meeting.quoting.toFixed(0)} µs, of the same without it: ${meeting.plain.toFixed(0)} µs (ratio ${(meeting.quoting / meeting.plain).toFixed(2)})`,
        `  lookup+insert of each of 100 pickups of one story: ${hot.item.toFixed(0)} µs of an earlier item's, ${hot.reference.toFixed(0)} µs of a reference's ` +
          `(ratio to the plain article above: ${(hot.item / meeting.plain).toFixed(2)} and ${(hot.reference / meeting.plain).toFixed(2)})`,
        `  Redis memory per entry: ${(smallMemory / smallEntries).toFixed(0)} bytes at ${smallEntries}, ${(largeMemory / filed).toFixed(0)} bytes at ${filed} (target < 1024)`,
      ].join('\n') + '\n',
    );
  } finally {
    await deleteKeysWithPrefix(redis, PREFIX);
    redis.disconnect();
  }
}

await runUnlessInterrupted(main, interrupted);
