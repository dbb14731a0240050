import { defaultLineClassifier } from '@marsad/cli';
import { describe, expect, it } from 'vitest';
import { labelledSet, SEEDS_DIR } from './dataset.js';
import { evaluate, formatReport } from './evaluate.js';

/**
 * The labelled set through the classifier of `marsad classify`. The figures asserted are the ones the
 * analysis reaches; a change that lowers any of them fails here, with the mistakes listed.
 */
describe('text analysis on the labelled set', () => {
  const items = labelledSet();
  const report = evaluate(items, defaultLineClassifier(SEEDS_DIR), ['interpol', 'dgsn']);
  const context = formatReport(report);

  it('covers every kind of case the issue lists', () => {
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
});
