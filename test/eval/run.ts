/** npm run eval: the labelled set through the classifier of `marsad classify`, and its scores. */
import { defaultLineClassifier } from '@marsad/cli';
import { labelledSet, SEEDS_DIR } from './dataset.js';
import { evaluate, formatReport } from './evaluate.js';

const report = evaluate(labelledSet(), defaultLineClassifier(SEEDS_DIR), ['interpol', 'dgsn']);
process.stdout.write(`${formatReport(report)}\n`);
