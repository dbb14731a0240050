import { stringify } from 'csv-stringify/sync';

/**
 * Rows as a CSV a spreadsheet opens as people expect: a byte-order mark, without which Excel reads
 * UTF-8 Arabic as Latin-1, and every cell a feed could have written as a formula (=, +, -, @) defused
 * with a leading ' (csv-stringify's escape_formulas).
 */
export function spreadsheet(header: readonly string[], rows: readonly Row[]): string {
  return stringify([header, ...rows], { bom: true, escape_formulas: true });
}

type Row = readonly (string | number)[];

/** The same spreadsheet written a page of rows at a time, for a download of any length. */
export async function* spreadsheetChunks(header: readonly string[], pages: AsyncIterable<readonly Row[]>): AsyncGenerator<string> {
  yield stringify([header], { bom: true, escape_formulas: true });
  for await (const rows of pages) if (rows.length > 0) yield stringify([...rows], { escape_formulas: true });
}
