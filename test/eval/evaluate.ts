import type { ClassifyOutput } from '@marsad/cli';
import type { LabelledHeadline, LabelledItem } from './dataset.js';

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface EvaluationReport {
  items: number;
  copies: PRF;
  tags: Record<string, PRF>;
  languageAccuracy: number;
  arabicAccuracy: number;
  mistakes: string[];
}

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

export interface Verdict {
  language?: string;
  arabic?: boolean;
  duplicateOf?: ClassifyOutput['duplicateOf'];
  similarity?: number | null;
  tags?: string[];
  evidence?: ClassifyOutput['evidence'];
}
/** One classifier under test: `marsad classify`'s, or the pipeline's (shared index in Redis). */
export type Classify = (item: { id: string; title: string; text: string }) => Verdict | Promise<Verdict>;

/** Runs every item through `classify`, in order, and scores the answers. */
export async function evaluate(items: readonly LabelledItem[], classify: Classify, tagNames: readonly string[]): Promise<EvaluationReport> {
  const mistakes: string[] = [];
  let copyTp = 0;
  let copyFp = 0;
  let copyFn = 0;
  const tagCounts = Object.fromEntries(tagNames.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  let languageRight = 0;
  let arabicRight = 0;
  for (const item of items) {
    const out = await classify({ id: item.id, title: item.title, text: item.text });
    const { expected } = item;
    if (out.language === expected.language) languageRight++;
    else mistakes.push(`${item.id}: language ${out.language}, expected ${expected.language}`);
    if (out.arabic === expected.arabic) arabicRight++;
    const predicted = out.duplicateOf ?? null;
    if (predicted !== null && predicted === expected.duplicateOf) copyTp++;
    else {
      if (predicted !== null) copyFp++;
      if (expected.duplicateOf !== null) copyFn++;
      if (predicted !== expected.duplicateOf) mistakes.push(`${item.id}: duplicateOf ${predicted} (similarity ${out.similarity}), expected ${expected.duplicateOf}`);
    }
    if (expected.tags === null) continue;
    for (const tag of tagNames) {
      const got = out.tags?.includes(tag) ?? false;
      const want = expected.tags.includes(tag);
      const count = tagCounts[tag]!;
      if (got && want) count.tp++;
      else if (got) {
        count.fp++;
        mistakes.push(`${item.id}: tagged ${tag} (${out.evidence?.[tag]?.map((e) => e.matched).join(', ')}), not expected`);
      } else if (want) {
        count.fn++;
        mistakes.push(`${item.id}: missing tag ${tag}`);
      }
    }
  }
  return {
    items: items.length,
    copies: prf(copyTp, copyFp, copyFn),
    tags: Object.fromEntries(Object.entries(tagCounts).map(([t, c]) => [t, prf(c.tp, c.fp, c.fn)])),
    languageAccuracy: languageRight / items.length,
    arabicAccuracy: arabicRight / items.length,
    mistakes,
  };
}

export interface HeadlineReport {
  headlines: number;
  accuracy: number;
  mistakes: string[];
}

/** The language named for each headline alone, against the one it is written in. */
export async function evaluateHeadlines(headlines: readonly LabelledHeadline[], classify: Classify): Promise<HeadlineReport> {
  const mistakes: string[] = [];
  for (const { id, title, language } of headlines) {
    const out = await classify({ id, title, text: '' });
    if (out.language !== language) mistakes.push(`${language} read as ${out.language}: ${title}`);
  }
  return { headlines: headlines.length, accuracy: (headlines.length - mistakes.length) / headlines.length, mistakes };
}

export function formatHeadlineReport(report: HeadlineReport): string {
  const lines = [`  headlines alone: language accuracy ${report.accuracy.toFixed(3)} on ${report.headlines}`];
  if (report.mistakes.length) lines.push('  mistakes:', ...report.mistakes.map((m) => `    ${m}`));
  return lines.join('\n');
}

export function formatReport(report: EvaluationReport): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    `evaluation on ${report.items} labelled items`,
    `  copies: precision ${pct(report.copies.precision)}, recall ${pct(report.copies.recall)} (tp ${report.copies.tp}, fp ${report.copies.fp}, fn ${report.copies.fn})`,
    ...Object.entries(report.tags).map(
      ([tag, s]) => `  tag ${tag}: precision ${pct(s.precision)}, recall ${pct(s.recall)}, F1 ${pct(s.f1)} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
    ),
    `  language accuracy ${pct(report.languageAccuracy)}, arabic yes/no accuracy ${pct(report.arabicAccuracy)}`,
  ];
  if (report.mistakes.length) lines.push('  mistakes:', ...report.mistakes.map((m) => `    ${m}`));
  return lines.join('\n');
}
