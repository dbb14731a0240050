import { describe, expect, it } from 'vitest';
import { formatDelay } from './format.js';

describe('formatDelay', () => {
  it.each([
    [0, '0 ثانية'],
    [45, '45 ثانية'],
    [120, 'دقيقتان'],
    [600, '10 دقائق'],
    [3_600, 'ساعة'],
    [7_500, 'ساعتان و5 دقائق'],
    [11 * 3_600 + 60, '11 ساعة ودقيقة'],
    [3 * 86_400, '3 أيام'],
  ])('writes %i seconds in Arabic, with its dual and plurals: %s', (seconds, text) => {
    expect(formatDelay(seconds)).toBe(text);
  });
});
