/**
 * `marsad classify` on one long input: ARTICLES distinct articles of 400 words (default 60,000), and
 * after every 10,000 a pickup of an early one (a sixth of its words replaced). Prints, per 10,000, the
 * rate, the pickup's verdict and how much of its original it was measured to reproduce, and the
 * process's RSS: copies must be found as well at the end of a long input as at its start (before stop
 * 43 the boilerplate counts saturated, and the pickup after 50,000 articles was missed).
 *   node bench/dist/classify-large.js [--articles 60000]
 */
import { fileURLToPath } from 'node:url';
import { defaultLineClassifier } from '@marsad/cli';
import { numberArg } from './args.js';

const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
const ARTICLES = numberArg('articles', 60_000);
const CHECKPOINT = 10_000;

let state = 7;
const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
// 60,000 made-up words, drawn with a skew towards the first ones: news repeats its common words.
const vocabulary = Array.from({ length: 60_000 }, () => Array.from({ length: 3 + Math.floor(random() * 5) }, () => LETTERS[Math.floor(random() * LETTERS.length)]).join(''));
const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2.5)]!;
const article = () => Array.from({ length: 400 }, word).join(' ');

const classifier = defaultLineClassifier(SEEDS_DIR);
const early: string[] = [];
process.stdout.write(`marsad classify on one input of ${ARTICLES} distinct articles of 400 words, a pickup of an early one after every ${CHECKPOINT}\n`);
let started = performance.now();
for (let n = 1; n <= ARTICLES; n++) {
  const text = article();
  if (early.length < 10) early.push(text);
  classifier.classify(JSON.stringify({ id: `a${n}`, title: '', text }));
  if (n % CHECKPOINT !== 0) continue;
  const rate = CHECKPOINT / ((performance.now() - started) / 1000);
  const pickup = early[3]!
    .split(' ')
    .map((w) => (random() < 1 / 6 ? word() : w))
    .join(' ');
  const verdict = classifier.classify(JSON.stringify({ id: `pickup-${n}`, title: '', text: pickup }));
  const rss = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(
    `  after ${n}: ${rate.toFixed(0)} documents/s; a pickup of a4 -> ${verdict.duplicateOf ?? 'no copy'} (similarity ${verdict.similarity}); RSS ${rss.toFixed(0)} MB\n`,
  );
  started = performance.now();
}
