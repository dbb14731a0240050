import { createRedis } from '@marsad/queues';
import { createTestRedis } from '@marsad/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineClassifier, pipelineClassifier } from './classifiers.js';
import { headlineItems, knownGapItems, labelledSet } from './dataset.js';
import { evaluate, evaluateHeadlines, formatHeadlineReport, formatReport, type EvaluationReport } from './evaluate.js';

const items = labelledSet();
const TAGS = ['interpol', 'dgsn'];
/**
 * Headlines alone are named by a handful of words: some stay ambiguous ("Governo e sindicatos chegam a
 * acordo" is Italian by its first word). The floor is what the analysis reaches, less a mistake or two.
 */
const HEADLINE_ACCURACY_FLOOR = 0.95;

const redis = createTestRedis('eval');
const connection = createRedis(redis.url);
afterAll(async () => {
  connection.disconnect();
  await redis.cleanup();
});

describe('the labelled set', () => {
  it('gives every item an id of its own, which copies name', () => {
    const ids = [...items, ...knownGapItems()].map((item) => item.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

/**
 * The labelled set through both classifiers. The figures asserted are the ones the analysis reaches;
 * a change that lowers any of them fails here, with the mistakes listed.
 */
describe.each([
  ['marsad classify', lineClassifier],
  ['the pipeline (shared index in Redis)', () => pipelineClassifier(connection, `${redis.prefix.slice(0, -1)}-index}`)],
])('text analysis on the labelled set, through %s', (_name, classifier) => {
  let report: EvaluationReport;
  let context = '';
  beforeAll(async () => {
    report = await evaluate(items, await classifier(), TAGS);
    context = formatReport(report);
  });

  it('runs on a set that covers every kind of case the issue lists', () => {
    const kinds = new Set(items.map((i) => i.kind.split(':')[0]));
    for (const kind of ['copy-of-reference', 'copy-of-item', 'same-event', 'quotes-a-paragraph', 'tag', 'trap', 'language', 'language-short']) {
      expect(kinds, kind).toContain(kind);
    }
    const edits = new Set(items.filter((i) => i.kind.startsWith('copy-of-reference:')).map((i) => i.kind.split(':')[1]));
    expect(edits.size).toBeGreaterThanOrEqual(8);
  });

  it('finds every copy and calls nothing else one', () => {
    expect(report.copies.precision, context).toBe(1);
    expect(report.copies.recall, context).toBe(1);
  });

  it.each(['interpol', 'dgsn'])('tags %s without a miss or a false alarm', (tag) => {
    expect(report.tags[tag]!.f1, context).toBe(1);
  });

  it('names every language right', () => {
    expect(report.languageAccuracy, context).toBe(1);
    expect(report.arabicAccuracy, context).toBe(1);
  });

  it('names the language of headlines alone, in the Latin-script and Cyrillic languages of the news', async () => {
    const headlines = await evaluateHeadlines(headlineItems(), await classifier());
    expect(headlines.accuracy, formatHeadlineReport(headlines)).toBeGreaterThanOrEqual(HEADLINE_ACCURACY_FLOOR);
  });
});
