import { describe, expect, it } from 'vitest';
import { spreadsheet, spreadsheetChunks } from './spreadsheet.js';

async function* pagesOf<T>(...pages: T[][]) {
  for (const page of pages) yield page;
}

describe('spreadsheetChunks', () => {
  it('writes, page by page, the very spreadsheet the rows make at once: one byte-order mark, one header, every formula defused', async () => {
    const header = ['العنوان', 'التشابه (%)'];
    const rows = [['=HYPERLINK("https://evil.example")', 90], ['عنوان، مع "اقتباس"', 85], ['@SUM(1+1)', ''], ['-2', 3]];
    let written = '';
    for await (const chunk of spreadsheetChunks(header, pagesOf(rows.slice(0, 1), [], rows.slice(1, 3), rows.slice(3)))) written += chunk;
    expect(written).toBe(spreadsheet(header, rows));
    expect(written.match(/\ufeff/g)).toHaveLength(1);
    expect(written).toContain(`'@SUM(1+1)`);
    expect(written).toContain(`'-2`);
  });

  it('writes the header alone when no page holds a row', async () => {
    let written = '';
    for await (const chunk of spreadsheetChunks(['a', 'b'], pagesOf([]))) written += chunk;
    expect(written).toBe('\ufeffa,b\n');
  });
});
