/**
 * npm run eval [-- --pipeline]: the labelled set through the classifier of `marsad classify` (with
 * --pipeline, also through the pipeline's shared index, in Redis at REDIS_URL under prefixes of its
 * own, deleted after), and their scores; the language of headlines alone; then three larger sets of generated communiqués in one house
 * style, each through a new classifier; then the known gaps' cases, and how many are still wrong.
 */
import { createRedis, deleteKeysWithPrefix } from '@marsad/queues';
import { lineClassifier, pipelineClassifier } from './classifiers.js';
import { communiqueItems, headlineItems, knownGapItems, labelledSet } from './dataset.js';
import { evaluate, evaluateHeadlines, formatHeadlineReport, formatReport, type Classify } from './evaluate.js';

const TAGS = ['interpol', 'dgsn'];
const COMMUNIQUE_SEEDS = [1, 2, 3];
const COMMUNIQUES = 300;

const connection = process.argv.includes('--pipeline') ? createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;
const prefixes: string[] = [];
const classifiers: [string, () => Promise<Classify>][] = [['marsad classify', lineClassifier]];
if (connection) {
  classifiers.push(['the pipeline (shared index in Redis)', () => {
    prefixes.push(`{marsad-eval-${process.pid}-${prefixes.length}}`);
    return pipelineClassifier(connection, prefixes.at(-1)!);
  }]);
}

/** A generated set's originals called copies and pickups not found as copies of their communiqué. */
async function communiqueErrors(classify: Classify, seed: number): Promise<string> {
  let originals = 0;
  let missed = 0;
  let pickups = 0;
  for (const item of communiqueItems(COMMUNIQUES, seed)) {
    const { duplicateOf } = await classify(item);
    if (item.expected.duplicateOf === null) {
      if (duplicateOf) originals++;
    } else {
      pickups++;
      if (duplicateOf !== item.expected.duplicateOf) missed++;
    }
  }
  return `${originals} originals called copies, ${missed} of ${pickups} pickups missed`;
}

try {
  for (const [name, classifier] of classifiers) {
    process.stdout.write(`${name}: ${formatReport(await evaluate(labelledSet(), await classifier(), TAGS))}\n`);
    process.stdout.write(`${formatHeadlineReport(await evaluateHeadlines(headlineItems(), await classifier()))}\n`);
    const sets = [];
    for (const seed of COMMUNIQUE_SEEDS) sets.push(await communiqueErrors(await classifier(), seed));
    process.stdout.write(`  communiqués in one house style, ${COMMUNIQUE_SEEDS.length} sets of ${COMMUNIQUES} and a pickup of every third: ${sets.join('; ')}\n`);
    const gaps = await evaluate(knownGapItems(), await classifier(), TAGS);
    process.stdout.write(`  known gaps (test/eval/known-gaps.jsonl, held to no score): ${gaps.mistakes.length} of ${gaps.items} items still wrong\n${gaps.mistakes.map((m) => `    ${m}\n`).join('')}`);
  }
} finally {
  if (connection) {
    for (const prefix of prefixes) await deleteKeysWithPrefix(connection, prefix);
    connection.disconnect();
  }
}
