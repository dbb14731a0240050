/** npm run eval: the labelled set through the classifier of `marsad classify`, and its scores. */
import { defaultLineClassifier } from '@marsad/cli';
import { labelledSet, SEEDS_DIR } from './dataset.js';
import { evaluate, formatReport } from './evaluate.js';

const classifier = defaultLineClassifier(SEEDS_DIR);
const report = await evaluate(labelledSet(), (item) => classifier.classify(JSON.stringify(item)), ['interpol', 'dgsn']);
process.stdout.write(`${formatReport(report)}\n`);
