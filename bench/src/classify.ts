/**
 * Documents/s of `marsad classify` on 2-4 KB Arabic articles (language, tags with evidence,
 * fingerprint, copy check against the references and earlier articles), against franc alone on
 * the same full texts, in the same run: five rounds each (BENCH_ROUNDS), alternating, best of each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultLineClassifier } from '@marsad/cli';
import { franc } from 'franc';
import { OUTLET_FOOTER } from '@marsad/testing';

const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 2_000);

/** A deterministic shuffle of a sentence's words: the same Arabic, in an order no other article has. */
function shuffled(words: string[], seed: number): string[] {
  const out = [...words];
  let state = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 48271) % 2147483647;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * 2-4 KB articles of the reference articles' words: most of them distinct (words shuffled within
 * each sentence, as different articles on the same subjects share vocabulary but not sentences),
 * one in ten an edited copy of an earlier one, as in a real day of news.
 */
function articles(count: number): string[] {
  const paragraphs = readdirSync(SEEDS_DIR)
    .flatMap((f) => readFileSync(`${SEEDS_DIR}${f}`, 'utf8').split('\n'))
    .map((p) => p.trim())
    .filter((p) => p.length > 120);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    if (n % 10 === 9) {
      out.push(`متابعة | ${out[n - 5]!.replaceAll('أ', 'ا')} | وكالات`);
      continue;
    }
    const parts: string[] = [];
    for (let k = 0; Buffer.byteLength(parts.join('\n')) < 2_048 + (n % 3) * 700; k++) {
      const paragraph = paragraphs[(n * 7 + k * 3) % paragraphs.length]!;
      parts.push(paragraph.split(/(?<=[.،])\s+/).map((sentence, i) => shuffled(sentence.split(' '), n * 1000 + k * 10 + i + 1).join(' ')).join(' '));
    }
    out.push(parts.join('\n'));
  }
  return out;
}

function rate(run: () => void, count: number): number {
  run(); // warm-up
  const started = performance.now();
  run();
  return count / ((performance.now() - started) / 1000);
}

const texts = articles(DOCUMENTS);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / texts.length;
const lines = texts.map((text, i) => JSON.stringify({ id: `d${i}`, title: '', text }));
// Five rounds, alternating, best of each: the machines are shared, and one slow moment should not
// decide (with three, a neighbour's burst could hold every round of one side: franc and classify each
// swung by a third within one run at stop 27).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const francRates: number[] = [];
const classifyRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  francRates.push(rate(() => texts.forEach((t) => franc(t)), texts.length));
  classifyRates.push(
    rate(() => {
      const classifier = defaultLineClassifier(SEEDS_DIR);
      lines.forEach((line) => classifier.classify(line));
    }, lines.length),
  );
}
const francRate = Math.max(...francRates);
const classifyRate = Math.max(...classifyRates);

// The same articles under one outlet's long footer: a phrase every article carries must not make each
// lookup measure every earlier article (stop 21: 16 documents/s before, on 1,500 such articles).
const underFooter = (url: boolean) => texts.map((text, i) => JSON.stringify({ id: `f${i}`, title: '', text: `${text}\n${OUTLET_FOOTER}`, ...(url ? { url: `https://outlet.example.ma/${i}` } : {}) }));
const footerRates = [false, true].map((url) => {
  const footerLines = underFooter(url);
  return rate(() => {
    const classifier = defaultLineClassifier(SEEDS_DIR);
    footerLines.forEach((line) => classifier.classify(line));
  }, footerLines.length);
});
// Stories picked up many times: every other article a pickup of one of the five references or of
// one of five original items (a fifth of its paragraphs dropped, about one word in seven replaced). Each
// pickup must not be measured against every earlier pickup of its story (stop 27's code did: 356–438
// documents/s here, 0.14–0.16 of the plain articles' rate; stop 28's, 1,476–1,573).
const hotLines = hotStories(texts).map((text, i) => JSON.stringify({ id: `h${i}`, title: '', text }));
const hotRate = rate(() => {
  const classifier = defaultLineClassifier(SEEDS_DIR);
  hotLines.forEach((line) => classifier.classify(line));
}, hotLines.length);
process.stdout.write(
  [
    `marsad classify benchmark: ${DOCUMENTS} Arabic articles of ${(bytes / 1024).toFixed(1)} KB on average`,
    `  franc alone on the full texts: ${francRates.map((r) => r.toFixed(0)).join(', ')} documents/s`,
    `  marsad classify (language, tags, fingerprint, copies): ${classifyRates.map((r) => r.toFixed(0)).join(', ')} documents/s`,
    `  ratio classify / franc, best of each: ${(classifyRate / francRate).toFixed(2)} (target >= 3)`,
    `  the same articles under one long footer: ${footerRates[0]!.toFixed(0)} documents/s without addresses, ${footerRates[1]!.toFixed(0)} as one outlet's ` +
      `(ratio to the plain articles: ${(footerRates[0]! / classifyRate).toFixed(2)} and ${(footerRates[1]! / classifyRate).toFixed(2)})`,
    `  every other article a pickup of one of ten stories (${hotLines.length / 20} pickups each): ${hotRate.toFixed(0)} documents/s (ratio to the plain articles: ${(hotRate / classifyRate).toFixed(2)})`,
  ].join('\n') + '\n',
);

/** The articles with every other one replaced by a pickup of one of ten stories: the five references and the first five articles. */
function hotStories(plain: string[]): string[] {
  const stories = [...readdirSync(SEEDS_DIR).map((f) => readFileSync(`${SEEDS_DIR}${f}`, 'utf8')), ...plain.slice(0, 5)];
  let state = 99;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const pickup = (story: string) =>
    story
      .split('\n')
      .filter(() => random() > 0.2)
      .map((paragraph) => paragraph.split(' ').map((word) => (random() < 0.15 ? 'بدل' : word)).join(' '))
      .join('\n');
  return plain.map((text, n) => (n >= 5 && n % 2 === 1 ? pickup(stories[(n >> 1) % stories.length]!) : text));
}
